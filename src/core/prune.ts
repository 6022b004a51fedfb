import { DOCUMENTED_FIELDS, type CustomerRecord } from './api/schema';
import { collectionOrder } from './summary';
import { MAX_ITEMS, MAX_KEYS, MAX_VALUES } from './render/limits';
import { setOwn } from './own';

/**
 * A huge record (hundreds of thousands of keys, tens of thousands of policies) is parsed and checked
 * off the extension host's thread; what comes back is this bounded copy of it: every documented
 * top-level field, then at most what the panel draws (MAX_KEYS keys per object, MAX_ITEMS items per
 * array, MAX_VALUES values in all), with counts of what was left out, so that every "N more" the
 * panel and the hover card say stays true. The whole record is still there for Open JSON and Copy.
 */
export interface OmittedEntry {
  /** From the record's root: keys and array indexes. */
  readonly path: readonly (string | number)[];
  /** Keys of that object not copied. */
  readonly keys?: number | undefined;
  /** Items of that array not copied. */
  readonly items?: number | undefined;
}

export interface PrunedRecord {
  readonly record: CustomerRecord;
  readonly omitted: readonly OmittedEntry[];
  /** Values not copied once the whole budget was spent. */
  readonly skippedValues: number;
}

export interface OmittedCounts {
  readonly keys?: number | undefined;
  readonly items?: number | undefined;
}

const MAX_PRUNE_DEPTH = 24;
const DOCUMENTED = new Set(DOCUMENTED_FIELDS);
/** A little more than the panel draws, so that its own budget still decides what is drawn. */
const VALUE_BUDGET = MAX_VALUES + 5_000;

/** A copy of a huge record that the panel can draw; collections keep their first items in the order shown at `now`. */
export function pruneRecord(record: CustomerRecord, now: number): PrunedRecord {
  const omitted: OmittedEntry[] = [];
  let values = 0;
  let skipped = 0;

  const copy = (x: unknown, path: (string | number)[], depth: number): unknown => {
    if (x === null || typeof x !== 'object') {
      values++;
      return x;
    }
    if (depth > MAX_PRUNE_DEPTH) {
      values++;
      return '(nested too deep to show)';
    }
    if (Array.isArray(x)) {
      // A record's collections in the order every surface shows them (../summary.ts): what is kept is
      // what the panel shows first, and the summary of the copy is the summary of the whole record.
      const order = path.length === 1 && typeof path[0] === 'string' ? collectionOrder(path[0], x, now) : x.map((_, i) => i);
      const out: unknown[] = [];
      for (const i of order.slice(0, MAX_ITEMS)) {
        if (values >= VALUE_BUDGET) break;
        out.push(copy(x[i], [...path, out.length], depth + 1));
      }
      if (out.length < x.length) {
        omitted.push({ path, items: x.length - out.length });
        if (values >= VALUE_BUDGET) skipped += x.length - out.length;
      }
      return out;
    }
    const obj = x as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // One enumeration of the keys (the costly part for an object of a million keys), then at most
    // MAX_KEYS of them copied; at the top, every documented field first, looked up by name.
    const keys = Object.keys(obj);
    let kept = 0;
    if (depth === 0) {
      for (const k of DOCUMENTED_FIELDS) {
        if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
        setOwn(out, k, copy(obj[k], [...path, k], depth + 1));
        kept++;
      }
    }
    let unknownKept = 0;
    for (const k of keys) {
      if (unknownKept >= MAX_KEYS || values >= VALUE_BUDGET) break;
      if (depth === 0 && DOCUMENTED.has(k)) continue;
      setOwn(out, k, copy(obj[k], [...path, k], depth + 1));
      unknownKept++;
      kept++;
    }
    if (kept < keys.length) {
      omitted.push({ path, keys: keys.length - kept });
      if (values >= VALUE_BUDGET) skipped += keys.length - kept;
    }
    return out;
  };

  const pruned = copy(record, [], 0) as CustomerRecord;
  return { record: pruned, omitted, skippedValues: skipped };
}

/** What a fetched record's cut-down copy left out, by object; undefined for a record received whole. */
export function omittedOf(got: {
  readonly record: unknown;
  readonly partial?: { readonly omitted: readonly OmittedEntry[] } | undefined;
}): WeakMap<object, OmittedCounts> | undefined {
  return got.partial ? omittedIndex(got.record, got.partial.omitted) : undefined;
}

/** The counts of what was left out, found by object (rebuilt where the copy arrives). */
export function omittedIndex(record: unknown, entries: readonly OmittedEntry[]): WeakMap<object, OmittedCounts> {
  const index = new WeakMap<object, OmittedCounts>();
  for (const e of entries) {
    let at: unknown = record;
    for (const step of e.path) {
      if (at === null || typeof at !== 'object') {
        at = undefined;
        break;
      }
      at = (at as Record<string | number, unknown>)[step];
    }
    if (at !== null && typeof at === 'object') index.set(at, { keys: e.keys, items: e.items });
  }
  return index;
}
