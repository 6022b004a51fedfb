import type { Clock } from '../../src/core/limiter';

/** A clock tests move by hand: sleeps resolve when time is advanced past them. */
export class FakeClock implements Clock {
  private t = 1_000_000;
  private timers: Array<{ at: number; resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal | undefined }> = [];
  sleeps: number[] = [];

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = { at: this.t + ms, resolve, reject, signal };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Moves time forward, waking sleepers in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flush();
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.t = Math.max(this.t, next.at);
      this.timers = this.timers.filter((x) => x !== next);
      next.resolve();
    }
    this.t = end;
    await flush();
  }

  get pending(): number {
    return this.timers.length;
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * A clock that runs `scale` times faster than the wall clock while this process runs, and stands
 * still while it does not: each tick (every few ms) adds at most `maxStepMs` of wall time, scaled.
 * A compressed clock must not magnify a stall of a busy machine (a half-second pause would be a
 * second and a half of its time), or a test of timing would measure the machine, not the code.
 */
export class CompressedClock implements Clock {
  private virtual = 1_000_000;
  private last = performance.now();
  private readonly ticker: NodeJS.Timeout;
  private sleepers: Array<{ at: number; wake: () => void }> = [];

  constructor(
    private readonly scale: number,
    private readonly maxStepMs = 20,
  ) {
    this.ticker = setInterval(() => this.tick(), 2);
  }

  now(): number {
    this.tick();
    return this.virtual;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper = {
        at: this.now() + ms,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((x) => x !== sleeper);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  stop(): void {
    clearInterval(this.ticker);
  }

  private tick(): void {
    const wall = performance.now();
    this.virtual += Math.min(wall - this.last, this.maxStepMs) * this.scale;
    this.last = wall;
    const due = this.sleepers.filter((x) => x.at <= this.virtual);
    if (due.length === 0) return;
    this.sleepers = this.sleepers.filter((x) => x.at > this.virtual);
    for (const x of due) x.wake();
  }
}
