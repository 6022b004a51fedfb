/** Each benchmark prints lines the runner collects into one table. */
export function report(bench: string, metric: string, value: number, unit: string, note = ''): void {
  console.log(`BENCH ${JSON.stringify({ bench, metric, value, unit, note })}`);
}

/** Median of `runs` timings of `fn`, in ms, after `warmup` untimed runs. */
export function timeIt(fn: () => void, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}
