import { TtlLruCache } from './cache';
import type { CareCycleClient, FetchedCustomer } from './api/client';
import { CareCycleError, toCareCycleError } from './api/errors';
import { cancelledError } from './api/http';
import type { Clock } from './limiter';

export interface CustomerServiceOptions {
  readonly ttlMs?: number | undefined;
  /** Logs are full of UUIDs that are not customers: a 404 is remembered this long. */
  readonly notFoundTtlMs?: number | undefined;
  readonly maxEntries?: number | undefined;
  /** Bytes of response bodies the cache may hold in all. */
  readonly maxBytes?: number | undefined;
  /**
   * A record larger than this is not kept by the cache: only the panel showing it holds it, and it
   * goes when the panel does (ten 8 MB records would otherwise push out every small one).
   */
  readonly maxEntryBytes?: number | undefined;
  readonly clock?: Clock | undefined;
}

export const DEFAULT_CACHE_BYTES = 24 * 1024 * 1024;
export const DEFAULT_MAX_ENTRY_BYTES = 2 * 1024 * 1024;

type Entry = { readonly ok: true; readonly value: FetchedCustomer } | { readonly ok: false; readonly error: CareCycleError };

interface InFlight {
  readonly promise: Promise<FetchedCustomer>;
  readonly ctl: AbortController;
  /** The generation it was started in: results of an older one go to nobody. */
  readonly generation: number;
  waiters: number;
}

export interface GetOptions {
  /** Skip the cache (and any 404 memory), and replace what it holds. */
  readonly refresh?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

export type FetchListener = (id: string, result: FetchedCustomer | CareCycleError) => void;

export const cacheKey = (id: string): string => id.trim().toLowerCase();

/**
 * Failures after which a record already held is still the best there is: the API (or the way to it)
 * failed, not the customer. A refused key or "no such customer" takes the record away instead.
 */
const KEEPS_RECORD = new Set<CareCycleError['kind']>([
  'server',
  'network',
  'timeout',
  'rate-limited',
  'http',
  'not-api',
  'bad-json',
  'bad-shape',
  'too-large',
  'internal',
]);

/**
 * The one way features get customers: a cache shared by hover, panel, tree and commands; concurrent
 * requests for one ID share one network call, and each caller can cancel without hurting others.
 *
 * Everything is tagged with a generation. `invalidate()` (a new key, another base URL) starts a new
 * one: requests of the old generation are stopped, their results are cached nowhere and delivered
 * to nobody, and whoever was waiting on them is served by a request of the new generation.
 */
export class CustomerService {
  private readonly cache: TtlLruCache<string, Entry>;
  private readonly inflight = new Map<string, InFlight>();
  private readonly listeners = new Set<FetchListener>();
  private readonly clock: Pick<Clock, 'now'>;
  private readonly ttlMs: number;
  private readonly notFoundTtlMs: number;
  private readonly maxEntryBytes: number;
  private generation = 0;

  constructor(
    private readonly client: Pick<CareCycleClient, 'getCustomer'>,
    o: CustomerServiceOptions = {},
  ) {
    this.ttlMs = o.ttlMs ?? 5 * 60_000;
    this.notFoundTtlMs = o.notFoundTtlMs ?? 60_000;
    this.maxEntryBytes = o.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    this.cache = new TtlLruCache({ maxEntries: o.maxEntries ?? 500, maxBytes: o.maxBytes ?? DEFAULT_CACHE_BYTES, clock: o.clock });
    this.clock = o.clock ?? { now: () => Date.now() };
  }

  /** Called after every completed fetch of the current generation (success or failure). */
  onDidFetch(listener: FetchListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  peek(id: string): FetchedCustomer | undefined {
    const e = this.cache.peek(cacheKey(id));
    return e?.ok ? e.value : undefined;
  }

  /** Whether the last answer for this ID was "no such customer" (and is still remembered). */
  knownMissing(id: string): boolean {
    const e = this.cache.peek(cacheKey(id));
    return e !== undefined && !e.ok;
  }

  async get(id: string, o: GetOptions = {}): Promise<FetchedCustomer> {
    // Nobody is waiting for this one: nothing is sent, counted or cached for it.
    if (o.signal?.aborted) throw cancelledError();
    const key = cacheKey(id);
    if (!o.refresh) {
      const hit = this.cache.get(key);
      if (hit) {
        if (hit.ok) return hit.value;
        throw hit.error;
      }
    }
    // A live request of this generation is as fresh as a new one: a refresh joins it rather than
    // cancelling it under the feet of other waiters. One that was aborted (its last waiter left)
    // is never joined: it can only end in "cancelled".
    const live = this.inflight.get(key);
    const flight = live && !live.ctl.signal.aborted && live.generation === this.generation ? live : this.start(id, key);
    return this.wait(id, flight, o);
  }

  /** Forgets everything: a new generation begins. */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
    for (const f of this.inflight.values()) f.ctl.abort();
    this.inflight.clear();
  }

  private start(id: string, key: string): InFlight {
    const ctl = new AbortController();
    const generation = this.generation;
    const current = (): boolean => generation === this.generation;
    const promise = this.client.getCustomer(id, ctl.signal).then(
      (value) => {
        if (!current()) return value;
        if (value.bytes <= this.maxEntryBytes) this.cache.set(key, { ok: true, value }, this.ttlMs, value.bytes);
        else this.cache.delete(key);
        this.emit(id, value);
        return value;
      },
      (err: unknown) => {
        const e = toCareCycleError(err);
        // A cancelled request says nothing about the customer: what the cache holds stays.
        if (current() && e.kind !== 'cancelled') {
          const held = this.cache.peek(key);
          if (held?.ok && KEEPS_RECORD.has(e.kind)) {
            // A refresh that failed keeps what was good, for the rest of its time to live, marked
            // stale (what failed, when) for every reader.
            this.cache.replace(key, { ok: true, value: { ...held.value, stale: { error: e, at: this.clock.now() } } });
          } else {
            if (e.kind === 'not-found') this.cache.set(key, { ok: false, error: e }, this.notFoundTtlMs, 0);
            else this.cache.delete(key);
          }
          this.emit(id, e);
        }
        throw e;
      },
    );
    const flight: InFlight = { promise, ctl, generation, waiters: 0 };
    this.inflight.set(key, flight);
    const clear = (): void => {
      if (this.inflight.get(key) === flight) this.inflight.delete(key);
    };
    promise.then(clear, clear);
    return flight;
  }

  private wait(id: string, flight: InFlight, o: GetOptions): Promise<FetchedCustomer> {
    const signal = o.signal;
    if (signal?.aborted) return Promise.reject(cancelledError());
    flight.waiters++;
    return new Promise<FetchedCustomer>((resolve, reject) => {
      let settled = false;
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        flight.waiters--;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = (): void => {
        if (!finish()) return;
        // The last interested caller gave up: stop the request too.
        if (flight.waiters === 0) flight.ctl.abort();
        reject(cancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (deliver: () => void): void => {
        if (!finish()) return;
        // The world changed while this was under way (new key or base URL): its answer is for
        // nobody. Ask again in the new generation, for the same caller.
        if (flight.generation !== this.generation) this.get(id, { refresh: true, signal }).then(resolve, reject);
        else deliver();
      };
      flight.promise.then(
        (v) => settle(() => resolve(v)),
        (e: unknown) => settle(() => reject(e)),
      );
    });
  }

  private emit(id: string, result: FetchedCustomer | CareCycleError): void {
    for (const l of this.listeners) {
      try {
        l(id, result);
      } catch {
        // A listener's failure is its own.
      }
    }
  }
}
