import { isCustomerId } from './customerId';
import { cacheKey } from './customers';
import { envKey } from './environments';

/** One customer in one environment: the same ID in another environment is another customer. */
export interface RecentRef {
  readonly id: string;
  /** The environment's name. */
  readonly env: string;
}

/** What the Recent Customers view keeps across restarts: the least that serves the user. */
export interface RecentEntry extends RecentRef {
  readonly id: string;
  readonly name?: string | undefined;
  readonly status?: string | undefined;
  /** Epoch ms. */
  readonly viewedAt: number;
  readonly pinned?: boolean | undefined;
}

/** 2: entries carry their environment (version 1 entries belong to the environment of that time). */
export const RECENT_STATE_VERSION = 2;

export interface RecentState {
  readonly version: typeof RECENT_STATE_VERSION;
  readonly entries: readonly RecentEntry[];
}

const cleanText = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.trim()
    ? v
        .replace(/[\u0000-\u001f\u007f]+/g, ' ')
        .trim()
        .slice(0, max)
    : undefined;

const refKey = (r: RecentRef): string => `${envKey(r.env)}\u0000${cacheKey(r.id)}`;
export const sameRef = (a: RecentRef, b: RecentRef): boolean => refKey(a) === refKey(b);

/**
 * Reads stored state as far as it can: an older shape (a bare array, or IDs as strings), damaged
 * entries and unknown fields are tolerated; whatever cannot be read is dropped, never thrown.
 * Entries saved before environments belong to `defaultEnv` (the environment they were viewed in).
 */
export function readRecentState(raw: unknown, defaultEnv: string): RecentEntry[] {
  const list: unknown[] = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object' && Array.isArray((raw as { entries?: unknown }).entries)
      ? (raw as { entries: unknown[] }).entries
      : [];
  const out: RecentEntry[] = [];
  for (const item of list.slice(0, 10_000)) {
    const e = typeof item === 'string' ? { id: item } : item;
    if (!e || typeof e !== 'object') continue;
    const o = e as Record<string, unknown>;
    if (typeof o.id !== 'string' || !isCustomerId(o.id.trim())) continue;
    const viewedAt = typeof o.viewedAt === 'number' && Number.isFinite(o.viewedAt) ? o.viewedAt : 0;
    out.push({
      id: o.id.trim(),
      env: cleanText(o.env, 40) ?? defaultEnv,
      name: cleanText(o.name, 120),
      status: cleanText(o.status, 40),
      viewedAt,
      pinned: o.pinned === true ? true : undefined,
    });
  }
  return normalise(out, Number.POSITIVE_INFINITY);
}

export function toState(entries: readonly RecentEntry[]): RecentState {
  return {
    version: RECENT_STATE_VERSION,
    entries: entries.map((e) => ({
      id: e.id,
      env: e.env,
      name: e.name,
      status: e.status,
      viewedAt: e.viewedAt,
      ...(e.pinned ? { pinned: true } : {}),
    })),
  };
}

/** Pinned first, then newest first; one entry per ID (the newest view wins); unpinned capped at `max`. */
export function normalise(entries: readonly RecentEntry[], max: number): RecentEntry[] {
  const byKey = new Map<string, RecentEntry>();
  for (const e of entries) {
    const k = refKey(e);
    const prev = byKey.get(k);
    if (!prev) byKey.set(k, e);
    else {
      const [newer, older] = e.viewedAt > prev.viewedAt ? [e, prev] : [prev, e];
      byKey.set(k, {
        ...newer,
        pinned: prev.pinned || e.pinned ? true : undefined,
        name: newer.name ?? older.name,
        status: newer.status ?? older.status,
      });
    }
  }
  const sorted = [...byKey.values()].sort((a, b) => Number(!!b.pinned) - Number(!!a.pinned) || b.viewedAt - a.viewedAt);
  const pinned = sorted.filter((e) => e.pinned);
  const rest = sorted.filter((e) => !e.pinned).slice(0, Math.max(0, max));
  return [...pinned, ...rest];
}

export function addRecent(list: readonly RecentEntry[], entry: RecentEntry, max: number): RecentEntry[] {
  return normalise([entry, ...list], max);
}

export function removeRecent(list: readonly RecentEntry[], ref: RecentRef): RecentEntry[] {
  return list.filter((e) => !sameRef(e, ref));
}

export function setPinned(list: readonly RecentEntry[], ref: RecentRef, pinned: boolean, max: number): RecentEntry[] {
  return normalise(
    list.map((e) => (sameRef(e, ref) ? { ...e, pinned: pinned || undefined } : e)),
    max,
  );
}

/** Updates the name and status shown for a customer already in the list; the order does not change. */
export function updateInfo(
  list: readonly RecentEntry[],
  ref: RecentRef,
  name: string | undefined,
  status: string | undefined,
): RecentEntry[] {
  let changed = false;
  const next = list.map((e) => {
    if (!sameRef(e, ref)) return e;
    const n = cleanText(name, 120);
    const s = cleanText(status, 40);
    if (n === e.name && s === e.status) return e;
    changed = true;
    return { ...e, name: n, status: s };
  });
  return changed ? next : (list as RecentEntry[]);
}
