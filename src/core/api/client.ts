import { checkBaseUrl } from './baseUrl';
import { classifyResponse, type ClassifyContext, type FetchedCustomer } from './classify';
import { CareCycleError, describeWait, toCareCycleError } from './errors';
import { AttemptTimeout, cancelledError, sendOnce, stoppedError, type FetchLike, type RawResponse } from './http';
import { LARGE_BODY_BYTES } from './offThread';
import { DEFAULT_RETRY, decideRetry, type RetryPolicy } from './retry';
import { KEY_CHECK_ID } from '../apiKey';
import type { Endpoint } from '../environments';
import { explainInvalidId, isCustomerId } from '../customerId';
import { abortReason, RateLimiter, Semaphore, realClock, type Clock } from '../limiter';

export type { FetchedCustomer } from './classify';
export type { FetchInit, FetchLike, FetchResponse } from './http';

export interface ClientOptions {
  readonly fetch: FetchLike;
  /** Where the request goes and with which key, read together at the last moment. */
  readonly endpoint: () => Promise<Endpoint>;
  readonly timeoutMs: () => number;
  readonly userAgent: string;
  readonly limiter?: RateLimiter | undefined;
  readonly concurrency?: number | undefined;
  readonly retry?: Partial<RetryPolicy> | undefined;
  readonly maxBodyBytes?: number | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: (() => number) | undefined;
  readonly log?: ((level: 'debug' | 'info' | 'warn', message: string) => void) | undefined;
  /**
   * Reads answers over `largeBodyBytes` off this thread (./offThread.ts); without it, every answer is
   * read here. It stops (rejects) when the signal aborts: the attempt's time limit covers it too.
   */
  readonly classifyLarge?:
    ((raw: RawResponse, ctx: ClassifyContext, signal: AbortSignal) => Promise<FetchedCustomer | CareCycleError>) | undefined;
  readonly largeBodyBytes?: number | undefined;
}

export type KeyVerdict =
  | { readonly type: 'accepted' }
  | { readonly type: 'refused'; readonly status?: number | undefined }
  | { readonly type: 'unchecked'; readonly error: CareCycleError };

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
export const API_RATE_LIMIT = { limit: 60, windowMs: 60_000 } as const;
/**
 * The API counts a request when it arrives; the limiter stamps it just before it is handed to the
 * socket. What lies between: a new connection's DNS, TCP and TLS (about three round trips, well under
 * a second to a US host), the request's bytes, and a host thread busy with something else for a few
 * hundred ms at worst. A burst released exactly one window after the last one could otherwise land in
 * the API's window beside it (63 in one minute behind a slow API). So a slot is reused only when the
 * request it replaces was sent more than a window plus this margin ago: 60 per 62 s, 3% of the rate
 * given up for never causing a 429 of our own.
 */
export const SEND_MARGIN_MS = 2_000;

/**
 * GET /v2/customers/{id}, end to end: the ID and base URL checked before anything is sent, the key
 * read at the last moment, at most `concurrency` requests open, each counted against the rate
 * limit when it is sent (not when it was queued), and the retry policy applied to failures.
 */
export class CareCycleClient {
  private readonly limiter: RateLimiter;
  private readonly gate: Semaphore;
  private readonly policy: RetryPolicy;

  constructor(private readonly o: ClientOptions) {
    this.limiter = o.limiter ?? new RateLimiter(API_RATE_LIMIT.limit, API_RATE_LIMIT.windowMs + SEND_MARGIN_MS, o.clock ?? realClock);
    this.gate = new Semaphore(o.concurrency ?? 4);
    this.policy = { ...DEFAULT_RETRY, ...o.retry };
  }

  private get clock(): Clock {
    return this.o.clock ?? realClock;
  }

  /** Throws CareCycleError for every failure, including cancellation. */
  async getCustomer(rawId: string, signal?: AbortSignal): Promise<FetchedCustomer> {
    const id = rawId.trim();
    if (!isCustomerId(id)) {
      throw new CareCycleError('invalid-id', `Not a customer ID: ${explainInvalidId(id)}`, 'none');
    }
    const endpoint = await this.o.endpoint();
    const base = checkBaseUrl(endpoint.baseUrl);
    if (!base.ok) throw new CareCycleError('config', base.reason, 'openSettings');
    const { key, environment } = endpoint;
    if (!key) throw new CareCycleError('no-key', `No CareCycle API key is set${environment ? ` for ${environment}` : ''}.`, 'setApiKey');
    try {
      const fetched = await this.request(base.url, id, key, signal);
      return environment === undefined ? fetched : { ...fetched, environment };
    } catch (err) {
      throw inEnvironment(toCareCycleError(err), environment);
    }
  }

  /**
   * Whether the API accepts `key`: one request for the nil UUID (which the API accepts as an ID),
   * through the same limiter. 404 or a record: the key works. 401/403: it does not. Anything else
   * (network, 5xx, rate limit) leaves it unchecked, with the reason.
   */
  async checkKey(key: string, baseUrl: string, signal?: AbortSignal): Promise<KeyVerdict> {
    const base = checkBaseUrl(baseUrl);
    if (!base.ok) return { type: 'unchecked', error: new CareCycleError('config', base.reason, 'openSettings') };
    try {
      await this.request(base.url, KEY_CHECK_ID, key, signal);
      return { type: 'accepted' };
    } catch (err) {
      const e = toCareCycleError(err);
      if (e.kind === 'not-found') return { type: 'accepted' };
      if (e.kind === 'unauthorized' || e.kind === 'forbidden') return { type: 'refused', status: e.status };
      return { type: 'unchecked', error: e };
    }
  }

  private async request(baseUrl: string, id: string, key: string, signal?: AbortSignal): Promise<FetchedCustomer> {
    const url = `${baseUrl}/v2/customers/${encodeURIComponent(id)}`;

    // The server said to stop for longer than is worth waiting: say when, at once.
    const blocked = this.limiter.serverBlockMs();
    if (blocked > this.policy.maxAutoWaitSec * 1000) {
      const secs = Math.ceil(blocked / 1000);
      throw new CareCycleError('rate-limited', `The CareCycle API rate limit was reached; try again ${describeWait(secs)}.`, 'retryLater', {
        retryAfterSec: secs,
        retryAt: this.clock.now() + blocked,
      });
    }
    let waited429 = false;
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(url, baseUrl, id, key, signal);
      if (!(result instanceof CareCycleError)) return result;
      if (signal?.aborted || result.kind === 'cancelled') throw cancelledError();
      if (result.kind === 'rate-limited') this.limiter.blockUntil(this.clock.now() + (result.details.retryAfterSec ?? 60) * 1000);
      const next = decideRetry(result, { attempt, waited429 }, this.policy, (this.o.random ?? Math.random)());
      if (next.type === 'stop') throw result;
      if (next.rateLimited) {
        waited429 = true;
        this.o.log?.('info', `rate limited; waiting ${Math.round(next.delayMs / 1000)} s as the API asked`);
      } else {
        this.o.log?.(
          'info',
          `${result.kind} (${result.message}); retry ${attempt + 1} of ${this.policy.maxRetries} in ${Math.round(next.delayMs)} ms`,
        );
      }
      try {
        await this.clock.sleep(next.delayMs, signal);
      } catch {
        throw cancelledError();
      }
    }
  }

  /**
   * One attempt: a place among the open requests, then a slot in the rate window, then the send and
   * the reading of the answer, all under one time limit (on the client's clock) and the caller's signal.
   */
  private async attempt(
    url: string,
    baseUrl: string,
    id: string,
    key: string,
    signal?: AbortSignal,
  ): Promise<FetchedCustomer | CareCycleError> {
    try {
      return await this.gate.run(async () => {
        await this.limiter.acquire(signal);
        const started = this.clock.now();
        const limit = this.o.timeoutMs();
        const stop = new AbortController();
        const onCancel = (): void => stop.abort(abortReason(signal!));
        if (signal?.aborted) onCancel();
        signal?.addEventListener('abort', onCancel, { once: true });
        const timer = new AbortController();
        this.clock.sleep(limit, timer.signal).then(
          () => stop.abort(new AttemptTimeout(limit)),
          () => undefined,
        );
        let answered = false;
        try {
          const raw = await sendOnce({
            fetch: this.o.fetch,
            url,
            baseUrl,
            key,
            signal: stop.signal,
            userAgent: this.o.userAgent,
            maxBodyBytes: this.o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
          });
          answered = true;
          this.o.log?.('info', `GET /v2/customers/${id} -> ${raw.status} in ${this.clock.now() - started} ms (${raw.bytes} bytes)`);
          const ctx = { id, key, now: this.clock.now(), baseUrl };
          const offThread = this.o.classifyLarge;
          const result =
            offThread && raw.bytes > (this.o.largeBodyBytes ?? LARGE_BODY_BYTES)
              ? await offThread(raw, ctx, stop.signal)
              : classifyResponse(raw, ctx);
          if (stop.signal.aborted) return stoppedError(stop.signal, baseUrl, true);
          if (!(result instanceof CareCycleError)) for (const w of result.warnings) this.o.log?.('warn', `customer ${id}: ${w}`);
          return result;
        } catch (err) {
          if (stop.signal.aborted) return stoppedError(stop.signal, baseUrl, answered);
          throw err;
        } finally {
          timer.abort();
          signal?.removeEventListener('abort', onCancel);
        }
      }, signal);
    } catch (err) {
      if (signal?.aborted) return cancelledError();
      if (err instanceof CareCycleError) return err;
      throw err;
    }
  }
}

/**
 * The error, saying which environment answered. A refused key gets the API's own note about playground
 * keys (they expire after 14 days) only when the environment is a playground: said of another, it would
 * send a person looking for an expiry that does not apply.
 */
function inEnvironment(e: CareCycleError, environment: string | undefined): CareCycleError {
  if (environment === undefined && e.kind !== 'unauthorized') return e;
  const playground = environment !== undefined && /playground|sandbox/i.test(environment);
  const message = e.kind === 'unauthorized' && playground ? `${e.message} Playground keys expire after 14 days.` : e.message;
  return new CareCycleError(e.kind, message, e.action, { ...e.details, environment });
}
