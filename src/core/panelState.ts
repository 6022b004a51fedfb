import type { FetchedCustomer } from './api/classify';
import { CareCycleError } from './api/errors';
import type { CustomerRecord } from './api/schema';
import { displayName } from './summary';

/**
 * The record panel's behaviour as a pure reducer: state + event -> state + effects. The feature
 * class runs the effects (fetch, cancel, record a view, prompt for a key) and renders the state;
 * everything a person can see follows from here, and every transition is unit-tested.
 */

/** A record as fetched, with when: the panel never shows data without saying how old it is. */
export interface Snapshot {
  readonly record: CustomerRecord;
  readonly warnings: readonly string[];
  readonly fetchedAt: number;
  /** The environment it came from. */
  readonly environment?: string | undefined;
  /** A huge record: `record` is a cut-down copy (../api/classify.ts FetchedCustomer.partial). */
  readonly partial?: FetchedCustomer['partial'];
}

export type PanelView =
  /** Nothing to show yet; the name when it is known (from the recent list) so the tab is not blank. */
  | { readonly kind: 'loading'; readonly name?: string | undefined }
  /**
   * A record. `stale`: the last refresh failed, the data shown is older than the user asked for.
   * `previous`: the record before the last successful refresh (fields that changed are marked).
   */
  | { readonly kind: 'record'; readonly data: Snapshot; readonly stale?: StaleInfo | undefined; readonly previous?: Snapshot | undefined }
  | { readonly kind: 'error'; readonly error: CareCycleError; readonly name?: string | undefined };

export interface StaleInfo {
  readonly error: CareCycleError;
  /** When the refresh failed. */
  readonly at: number;
}

export type LoadReason = 'open' | 'restore' | 'refresh' | 'key' | 'endpoint';

export interface PanelState {
  readonly id: string;
  readonly view: PanelView;
  /** The request under way, if any; answers for any other `seq` are dropped. */
  readonly request?: { readonly seq: number; readonly refresh: boolean; readonly reason: LoadReason } | undefined;
  readonly seq: number;
  /** A person opened this customer and the request is still under way: success counts as a view. */
  readonly viewPending: boolean;
  /**
   * The environment the last record shown came from. After a switch, a "no such customer" from the new
   * environment says where the customer was seen, and offers to go back there.
   */
  readonly seenIn?: string | undefined;
}

export type PanelEvent =
  /** A person opened this customer (hover link, command, tree, terminal or document link). */
  | { readonly type: 'open' }
  /** Refresh or Try again (button, command, tree item). */
  | { readonly type: 'refresh' }
  /** `stale`: the cache's record, held after a refresh of it (here or elsewhere) failed. */
  | { readonly type: 'loaded'; readonly seq: number; readonly data: Snapshot; readonly stale?: StaleInfo | undefined }
  | { readonly type: 'failed'; readonly seq: number; readonly error: CareCycleError; readonly at: number }
  /** The API key was set, replaced or cleared (here or in another window). */
  | { readonly type: 'keyChanged'; readonly hasKey: boolean }
  /** Requests now go somewhere else (base URL or environment). */
  | { readonly type: 'endpointChanged' };

export type PanelEffect =
  | { readonly type: 'fetch'; readonly seq: number; readonly refresh: boolean }
  | { readonly type: 'cancel' }
  /** A view: the recent list adds or bumps this customer. Refreshes and restores are not views. */
  | { readonly type: 'recordView'; readonly data: Snapshot }
  /** The person asked for this record and there is no key: ask for one. */
  | { readonly type: 'promptForKey' };

export interface Transition {
  readonly state: PanelState;
  readonly effects: readonly PanelEffect[];
}

export const noKeyError = (): CareCycleError => new CareCycleError('no-key', 'No CareCycle API key is set.', 'setApiKey');

/** A new panel: opened by a person, or restored after a reload (not a view). */
export function createPanel(id: string, reason: 'open' | 'restore', name?: string): Transition {
  const state: PanelState = {
    id,
    view: { kind: 'loading', name },
    seq: 1,
    request: { seq: 1, refresh: false, reason },
    viewPending: reason === 'open',
  };
  return { state, effects: [{ type: 'fetch', seq: 1, refresh: false }] };
}

/** Whether the panel is showing a record while a new request for it is under way. */
export function isBusy(s: PanelState): boolean {
  return s.request !== undefined && s.view.kind === 'record';
}

function load(s: PanelState, reason: LoadReason, view: PanelView, extra: Partial<PanelState> = {}): Transition {
  const seq = s.seq + 1;
  const effects: PanelEffect[] = s.request ? [{ type: 'cancel' }] : [];
  effects.push({ type: 'fetch', seq, refresh: true });
  return { state: { ...s, ...extra, view, seq, request: { seq, refresh: true, reason } }, effects };
}

const same = (s: PanelState): Transition => ({ state: s, effects: [] });

/** What to show while reloading: a record stays (marked busy), anything else waits with the name. */
function reloadingView(v: PanelView): PanelView {
  return v.kind === 'record' ? v : { kind: 'loading', name: v.name };
}

export function reduce(s: PanelState, e: PanelEvent): Transition {
  switch (e.type) {
    case 'open': {
      if (s.request) return { state: { ...s, viewPending: true }, effects: [] };
      if (s.view.kind === 'record') return { state: s, effects: [{ type: 'recordView', data: s.view.data }] };
      // Opening a customer whose panel shows an error is asking again.
      return load(s, 'open', reloadingView(s.view), { viewPending: true });
    }
    case 'refresh':
      // One refresh at a time: a second click while one is under way changes nothing (the buttons
      // say "Refreshing…"); a refresh during a first load replaces it with a fresh request.
      if (s.request?.refresh) return same(s);
      return load(s, 'refresh', reloadingView(s.view));
    case 'loaded': {
      if (e.seq !== s.request?.seq) return same(s);
      const previous = s.view.kind === 'record' ? s.view.data : undefined;
      const view: PanelView = { kind: 'record', data: e.data, previous, stale: e.stale };
      const effects: PanelEffect[] = s.viewPending ? [{ type: 'recordView', data: e.data }] : [];
      return { state: { ...s, view, request: undefined, viewPending: false, seenIn: e.data.environment ?? s.seenIn }, effects };
    }
    case 'failed': {
      if (e.seq !== s.request?.seq) return same(s);
      const interactive = s.viewPending;
      const base = { ...s, request: undefined, viewPending: false };
      const name = s.view.kind === 'record' ? undefined : s.view.name;
      if (e.error.kind === 'cancelled' && s.view.kind === 'record') return { state: base, effects: [] };
      if (e.error.kind === 'no-key') {
        return {
          state: { ...base, view: { kind: 'error', error: e.error, name } },
          effects: interactive ? [{ type: 'promptForKey' }] : [],
        };
      }
      // Gone is gone: an old copy of a customer the API no longer has would mislead.
      if (s.view.kind === 'record' && e.error.kind !== 'not-found') {
        return { state: { ...base, view: { ...s.view, stale: { error: e.error, at: e.at } } }, effects: [] };
      }
      const displayName = s.view.kind === 'record' ? undefined : name;
      return { state: { ...base, view: { kind: 'error', error: e.error, name: displayName } }, effects: [] };
    }
    case 'keyChanged':
      if (!e.hasKey) {
        // No key, no record: what is on screen was read with a key that is gone.
        return {
          state: { ...s, view: { kind: 'error', error: noKeyError(), name: nameOf(s) }, request: undefined, viewPending: false },
          effects: s.request ? [{ type: 'cancel' }] : [],
        };
      }
      // A record read with the old key is the old key's: off screen until the new key fetches it
      // again (what the new key may see can differ; a 403 must not leave the old record up as stale).
      return load(s, 'key', { kind: 'loading', name: nameOf(s) });
    case 'endpointChanged':
      // A record from the old host is not this host's record: show the name, not the data.
      return load(s, 'endpoint', { kind: 'loading', name: nameOf(s) });
  }
}

function nameOf(s: PanelState): string | undefined {
  return s.view.kind === 'record' ? displayName(s.view.data.record) : s.view.name;
}

/**
 * Which masked identifiers of the record on screen a person has revealed. `masked` (maskId -> the
 * text to show) comes with each drawing of the record and is never put in the page until revealed.
 * Revealed identifiers stay revealed while the same record is drawn again (busy, stale, a setting);
 * a new record (a refresh's answer, another key's) starts masked.
 */
export interface RevealState {
  readonly masked: ReadonlyMap<string, string>;
  readonly revealed: ReadonlySet<string>;
  /** The record the masks belong to (identity, not content). */
  readonly of: unknown;
}

export type RevealEvent =
  | { readonly type: 'drawn'; readonly masked: ReadonlyMap<string, string>; readonly of: unknown }
  | { readonly type: 'reveal'; readonly maskId: string }
  | { readonly type: 'revealAll' }
  | { readonly type: 'hide'; readonly maskId: string }
  | { readonly type: 'hideAll' };

/** What the page must show or cover after an event. */
export interface RevealChange {
  readonly state: RevealState;
  readonly show: ReadonlyArray<{ readonly maskId: string; readonly text: string }>;
  readonly cover: readonly string[];
}

export const noReveals: RevealState = { masked: new Map(), revealed: new Set(), of: undefined };

export function revealReduce(s: RevealState, e: RevealEvent): RevealChange {
  const shown = (ids: Iterable<string>, masked: ReadonlyMap<string, string>): Array<{ maskId: string; text: string }> =>
    [...ids].flatMap((maskId) => {
      const text = masked.get(maskId);
      return text === undefined ? [] : [{ maskId, text }];
    });
  switch (e.type) {
    case 'drawn': {
      const revealed = e.of === s.of ? new Set([...s.revealed].filter((id) => e.masked.has(id))) : new Set<string>();
      const state = { masked: e.masked, revealed, of: e.of };
      // A new drawing starts covered in the page: show again what stays revealed.
      return { state, show: shown(revealed, e.masked), cover: [] };
    }
    case 'reveal':
      if (!s.masked.has(e.maskId)) return { state: s, show: [], cover: [] };
      return { state: { ...s, revealed: new Set([...s.revealed, e.maskId]) }, show: shown([e.maskId], s.masked), cover: [] };
    case 'revealAll':
      return { state: { ...s, revealed: new Set(s.masked.keys()) }, show: shown(s.masked.keys(), s.masked), cover: [] };
    case 'hide': {
      const revealed = new Set(s.revealed);
      revealed.delete(e.maskId);
      return { state: { ...s, revealed }, show: [], cover: [e.maskId] };
    }
    case 'hideAll':
      return { state: { ...s, revealed: new Set() }, show: [], cover: [...s.masked.keys()] };
  }
}
