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

/** The longest gap between ticks of a 1 ms timer while `work` runs: the longest block of this thread. */
export async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; blockMs: number; totalMs: number }> {
  let last = performance.now();
  let worst = 0;
  let ticked: (() => void) | undefined;
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    ticked?.();
  }, 1);
  const t0 = performance.now();
  const result = await work();
  const totalMs = performance.now() - t0;
  // Until the sampler ticks once more, so that a block at the very end is counted.
  await new Promise<void>((done) => (ticked = done));
  clearInterval(tick);
  return { result, blockMs: worst, totalMs };
}
