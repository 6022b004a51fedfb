import type { CareCycleError } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt for 5xx, bad JSON and network errors. */
  readonly maxRetries: number;
  readonly backoffBaseMs: number;
  /** A 429 whose retryAfter is at most this is waited out once; longer ones are reported. */
  readonly maxAutoWaitSec: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, backoffBaseMs: 300, maxAutoWaitSec: 3 };

export type RetryDecision =
  | { readonly type: 'stop' }
  /** Wait, then try again (ms); `rateLimited` when the server asked for the wait. */
  | { readonly type: 'retry'; readonly delayMs: number; readonly rateLimited: boolean };

export interface AttemptHistory {
  /** 0 for the first attempt. */
  readonly attempt: number;
  /** Whether a 429 was already waited out in this call. */
  readonly waited429: boolean;
}

/**
 * Pure: after a failed attempt, whether to try again and after how long. `random` in [0, 1)
 * jitters the backoff so that many callers do not retry in step.
 */
export function decideRetry(e: CareCycleError, h: AttemptHistory, p: RetryPolicy, random: number): RetryDecision {
  if (e.kind === 'rate-limited') {
    const wait = e.details.retryAfterSec ?? 60;
    return !h.waited429 && wait <= p.maxAutoWaitSec ? { type: 'retry', delayMs: wait * 1000, rateLimited: true } : { type: 'stop' };
  }
  const retryable = e.kind === 'server' || e.kind === 'network' || e.kind === 'bad-json';
  if (!retryable || h.attempt >= p.maxRetries) return { type: 'stop' };
  return { type: 'retry', delayMs: p.backoffBaseMs * 2 ** h.attempt * (0.5 + random), rateLimited: false };
}
