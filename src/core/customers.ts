import { TtlLruCache } from './cache';
import type { CareCycleClient, FetchedCustomer } from './api/client';
import { CareCycleError } from './api/errors';
import type { Clock } from './limiter';

export interface CustomerServiceOptions {
  readonly ttlMs?: number;
  /** Logs are full of UUIDs that are not customers: a 404 is remembered this long. */
  readonly notFoundTtlMs?: number;
  readonly maxEntries?: number;
  readonly maxBytes?: number;
  readonly clock?: Clock;
}

type Entry = { readonly ok: true; readonly value: FetchedCustomer } | { readonly ok: false; readonly error: CareCycleError };

interface InFlight {
  readonly promise: Promise<FetchedCustomer>;
  readonly ctl: AbortController;
  waiters: number;
}

export interface GetOptions {
  /** Skip the cache (and any 404 memory), and replace what it holds. */
  readonly refresh?: boolean;
  readonly signal?: AbortSignal;
}

export type FetchListener = (id: string, result: FetchedCustomer | CareCycleError) => void;

export const cacheKey = (id: string): string => id.trim().toLowerCase();

/**
 * The one way features get customers: a cache shared by hover, panel, tree and commands; concurrent
 * requests for one ID share one network call, and each caller can cancel without hurting others.
 */
export class CustomerService {
  private readonly cache: TtlLruCache<string, Entry>;
  private readonly inflight = new Map<string, InFlight>();
  private readonly listeners = new Set<FetchListener>();
  private readonly ttlMs: number;
  private readonly notFoundTtlMs: number;

  constructor(
    readonly client: CareCycleClient,
    o: CustomerServiceOptions = {},
  ) {
    this.ttlMs = o.ttlMs ?? 5 * 60_000;
    this.notFoundTtlMs = o.notFoundTtlMs ?? 60_000;
    this.cache = new TtlLruCache({ maxEntries: o.maxEntries ?? 500, maxBytes: o.maxBytes ?? 64 * 1024 * 1024, clock: o.clock });
  }

  /** Called after every completed fetch (success or failure), e.g. to refresh names in the tree. */
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
    const key = cacheKey(id);
    if (!o.refresh) {
      const hit = this.cache.get(key);
      if (hit) {
        if (hit.ok) return hit.value;
        throw hit.error;
      }
    }
    // A request already under way is as fresh as a new one: a refresh joins it rather than
    // cancelling it under the feet of other waiters (a hover, another panel).
    const flight = this.inflight.get(key) ?? this.start(id, key);
    return this.wait(flight, o.signal);
  }

  invalidate(id?: string): void {
    if (id === undefined) this.cache.clear();
    else this.cache.delete(cacheKey(id));
  }

  get stats(): { entries: number; bytes: number; inflight: number } {
    return { entries: this.cache.size, bytes: this.cache.bytes, inflight: this.inflight.size };
  }

  private start(id: string, key: string): InFlight {
    const ctl = new AbortController();
    const promise = this.client.getCustomer(id, ctl.signal).then(
      (value) => {
        this.cache.set(key, { ok: true, value }, this.ttlMs, value.bytes);
        this.emit(id, value);
        return value;
      },
      (err: unknown) => {
        const e = err as CareCycleError;
        if (e.kind === 'not-found') this.cache.set(key, { ok: false, error: e }, this.notFoundTtlMs, 0);
        else this.cache.delete(key);
        if (e.kind !== 'cancelled') this.emit(id, e);
        throw e;
      },
    );
    const flight: InFlight = { promise, ctl, waiters: 0 };
    this.inflight.set(key, flight);
    const clear = (): void => {
      if (this.inflight.get(key) === flight) this.inflight.delete(key);
    };
    promise.then(clear, clear);
    return flight;
  }

  private wait(flight: InFlight, signal?: AbortSignal): Promise<FetchedCustomer> {
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
      flight.promise.then(
        (v) => finish() && resolve(v),
        (e: unknown) => finish() && reject(e as Error),
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

function cancelledError(): CareCycleError {
  return new CareCycleError('cancelled', 'The request was cancelled.', 'none');
}
