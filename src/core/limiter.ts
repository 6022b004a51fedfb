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

interface Waiter {
  readonly grant: () => void;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Sliding-window limiter: at most `limit` starts in any `windowMs`. Waiters are served in order; one
 * whose signal aborts leaves the queue at once (it neither waits for the waiters ahead of it nor
 * keeps anything of theirs). The API allows 60 requests a minute per key; the client keeps under it
 * on its own side (../api/client.ts says how its window is sized).
 */
export class RateLimiter {
  private readonly starts: number[] = [];
  private readonly waiters: Waiter[] = [];
  private blockedUntil = 0;
  /** The one sleep until the head of the queue may go; aborted when the queue changes under it. */
  private wake: AbortController | undefined;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock = realClock,
  ) {}

  /** Waits for a slot. Rejects at once if the signal aborts while waiting (the slot is then not used). */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        signal,
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i < 0) return;
        this.waiters.splice(i, 1);
        reject(abortReason(signal!));
        if (i === 0) this.pump();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      if (this.waiters.length === 1) this.pump();
    });
  }

  /** How long until the next start is allowed (0: now). */
  private delay(now: number): number {
    if (now < this.blockedUntil) return this.blockedUntil - now;
    while (this.starts.length && this.starts[0]! <= now - this.windowMs) this.starts.shift();
    if (this.starts.length < this.limit) return 0;
    return this.starts[0]! + this.windowMs - now + 1;
  }

  /** Grants what can start now, in order; then sleeps once until the head can. */
  private pump(): void {
    this.wake?.abort();
    this.wake = undefined;
    for (;;) {
      const head = this.waiters[0];
      if (!head) return;
      const now = this.clock.now();
      const wait = this.delay(now);
      if (wait === 0) {
        this.waiters.shift();
        this.starts.push(now);
        head.grant();
        continue;
      }
      const wake = new AbortController();
      this.wake = wake;
      this.clock.sleep(wait, wake.signal).then(
        () => {
          if (this.wake === wake) this.pump();
        },
        () => undefined,
      );
      return;
    }
  }

  /**
   * Takes a slot now if one is free and nobody is waiting, without waiting or queueing: for work
   * that is only worth doing now (names for the lines on screen), never later.
   */
  tryAcquire(): boolean {
    const now = this.clock.now();
    if (this.waiters.length || this.delay(now) > 0) return false;
    this.starts.push(now);
    return true;
  }

  /** How long the server's last 429 still holds everything back, in ms. */
  serverBlockMs(): number {
    return Math.max(0, this.blockedUntil - this.clock.now());
  }

  /** The server told us to stop: no request starts before `until` (epoch ms). */
  blockUntil(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
    if (this.waiters.length) this.pump();
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
