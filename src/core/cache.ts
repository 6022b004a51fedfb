import { realClock, type Clock } from './limiter';

interface Slot<V> {
  value: V;
  bytes: number;
  expires: number;
}

export interface CacheOptions {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly clock?: Clock | undefined;
}

/**
 * TTL + LRU with a byte bound. Map order is recency order: a hit moves the entry to the end, and
 * eviction takes from the front until both bounds hold.
 */
export class TtlLruCache<K, V> {
  private readonly map = new Map<K, Slot<V>>();
  private total = 0;

  constructor(private readonly o: CacheOptions) {}

  private get now(): number {
    return (this.o.clock ?? realClock).now();
  }

  get(key: K): V | undefined {
    const slot = this.map.get(key);
    if (!slot) return undefined;
    if (slot.expires <= this.now) {
      this.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, slot);
    return slot.value;
  }

  /** Like get, without touching recency or expiry (for display of what is known). */
  peek(key: K): V | undefined {
    const slot = this.map.get(key);
    return slot && slot.expires > this.now ? slot.value : undefined;
  }

  set(key: K, value: V, ttlMs: number, bytes = 0): void {
    this.delete(key);
    if (bytes > this.o.maxBytes) return;
    this.map.set(key, { value, bytes, expires: this.now + ttlMs });
    this.total += bytes;
    for (const [k] of this.map) {
      if (this.map.size <= this.o.maxEntries && this.total <= this.o.maxBytes) break;
      this.delete(k);
    }
  }

  /** Replaces the value of a live entry, keeping its expiry, size and recency; false when there is none. */
  replace(key: K, value: V): boolean {
    const slot = this.map.get(key);
    if (!slot || slot.expires <= this.now) return false;
    slot.value = value;
    return true;
  }

  delete(key: K): boolean {
    const slot = this.map.get(key);
    if (!slot) return false;
    this.total -= slot.bytes;
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.total;
  }
}
