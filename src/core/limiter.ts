/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep };

/**
 * Sliding-window limiter: at most `limit` starts in any `windowMs`. Waiters are served in order.
 * The API allows 60 requests a minute per key; the extension keeps under it on its own side.
 */
export class RateLimiter {
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private blockedUntil = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock = realClock,
  ) {}

  /** Waits for a slot. Rejects if the signal aborts while waiting (the slot is then not used). */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.take(signal));
    // The chain continues whether this waiter got its slot or gave up.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async take(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const now = this.clock.now();
      if (now < this.blockedUntil) {
        await this.clock.sleep(this.blockedUntil - now, signal);
        continue;
      }
      while (this.starts.length && this.starts[0]! <= now - this.windowMs) this.starts.shift();
      const oldest = this.starts[0];
      if (oldest === undefined || this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      await this.clock.sleep(oldest + this.windowMs - now + 1, signal);
    }
  }

  /**
   * Takes a slot now if one is free, without waiting or queueing: for work that is only worth
   * doing now (names for the lines on screen), never later.
   */
  tryAcquire(): boolean {
    const now = this.clock.now();
    if (now < this.blockedUntil) return false;
    while (this.starts.length && this.starts[0]! <= now - this.windowMs) this.starts.shift();
    if (this.starts.length >= this.limit) return false;
    this.starts.push(now);
    return true;
  }

  /** How long the server's last 429 still holds everything back, in ms. */
  serverBlockMs(): number {
    return Math.max(0, this.blockedUntil - this.clock.now());
  }

  /** Forgets the window and any server hold: a clean slate (a test's, as the stand-in's reset). */
  reset(): void {
    this.starts.length = 0;
    this.blockedUntil = 0;
  }

  /** The server told us to stop: no request starts before `until` (epoch ms). */
  blockUntil(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }
}

/** At most `max` tasks at once; the rest wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly max: number) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.enter(signal);
    try {
      return await task();
    } finally {
      this.leave();
    }
  }

  private enter(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(abortReason(signal!));
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private leave(): void {
    this.active--;
    const next = this.waiters.shift();
    if (next) next();
  }
}
