import assert from 'node:assert/strict';
import { CareCycleError } from '../../src/core/api/errors';
import {
  createPanel,
  isBusy,
  noReveals,
  reduce,
  revealReduce,
  type PanelEvent,
  type PanelState,
  type Snapshot,
  type Transition,
} from '../../src/core/panelState';
import { settingsImpact } from '../../src/core/settings';
import { SAMPLE_IDS } from '../support/constants.mjs';

const ID = SAMPLE_IDS.margaret;
const snap = (firstName: string, fetchedAt = 1000): Snapshot => ({
  record: { id: ID, firstName, lastName: 'Okafor' },
  warnings: [],
  fetchedAt,
});
const err = (kind: CareCycleError['kind'], action: CareCycleError['action'] = 'retry') =>
  new CareCycleError(kind, `${kind} happened`, action);

/** Applies events in order, collecting every effect. */
function run(start: Transition, ...events: Array<PanelEvent | ((s: PanelState) => PanelEvent)>): { state: PanelState; effects: string[] } {
  let state = start.state;
  const effects: string[] = start.effects.map((e) => e.type);
  for (const ev of events) {
    const t = reduce(state, typeof ev === 'function' ? ev(state) : ev);
    state = t.state;
    effects.push(...t.effects.map((e) => (e.type === 'fetch' ? `fetch#${e.seq}${e.refresh ? ' refresh' : ''}` : e.type)));
  }
  return { state, effects };
}
const loaded =
  (data: Snapshot) =>
  (s: PanelState): PanelEvent => ({ type: 'loaded', seq: s.request!.seq, data });
const failed =
  (error: CareCycleError, at = 2000) =>
  (s: PanelState): PanelEvent => ({ type: 'failed', seq: s.request!.seq, error, at });

describe('panel state machine', () => {
  it('opens: loading (with the known name), then the record, and counts one view', () => {
    const start = createPanel(ID, 'open', 'Margaret Okafor');
    assert.deepEqual(start.state.view, { kind: 'loading', name: 'Margaret Okafor' });
    const { state, effects } = run(start, loaded(snap('Margaret')));
    assert.equal(state.view.kind, 'record');
    assert.deepEqual(effects, ['fetch', 'recordView']);
  });

  it('defect 7: a restore or a refresh is not a view (Remove from Recent sticks)', () => {
    assert.deepEqual(run(createPanel(ID, 'restore'), loaded(snap('M'))).effects, ['fetch']);
    const { effects } = run(createPanel(ID, 'open'), loaded(snap('M')), { type: 'refresh' }, loaded(snap('M', 5000)));
    assert.deepEqual(effects, ['fetch', 'recordView', 'fetch#2 refresh']);
  });

  it('opening an open panel again is a view; opening one in error asks again', () => {
    assert.deepEqual(run(createPanel(ID, 'restore'), loaded(snap('M')), { type: 'open' }).effects, ['fetch', 'recordView']);
    const r = run(createPanel(ID, 'restore'), failed(err('server')), { type: 'open' }, loaded(snap('M')));
    assert.deepEqual(r.effects, ['fetch', 'fetch#2 refresh', 'recordView']);
    assert.equal(r.state.view.kind, 'record');
  });

  it('refresh keeps the record on screen, busy, and a second refresh during it changes nothing', () => {
    const r = run(createPanel(ID, 'open'), loaded(snap('M')), { type: 'refresh' });
    assert.equal(r.state.view.kind, 'record');
    assert.equal(isBusy(r.state), true);
    const again = reduce(r.state, { type: 'refresh' });
    assert.equal(again.state, r.state);
    assert.deepEqual(again.effects, []);
  });

  it('defect 1: refresh during the first load cancels it and sends a fresh request', () => {
    const r = run(createPanel(ID, 'open'), { type: 'refresh' });
    assert.deepEqual(r.effects, ['fetch', 'cancel', 'fetch#2 refresh']);
    // The first request's answer arrives late: dropped.
    const late = reduce(r.state, { type: 'loaded', seq: 1, data: snap('Old') });
    assert.equal(late.state, r.state);
    assert.equal(reduce(r.state, { type: 'loaded', seq: 2, data: snap('New') }).state.view.kind, 'record');
  });

  it('a record the cache held after a failed refresh elsewhere opens marked stale (#34)', () => {
    const t = createPanel(ID, 'open');
    const view = reduce(t.state, { type: 'loaded', seq: 1, data: snap('M', 1000), stale: { error: err('server'), at: 5000 } }).state.view;
    assert.ok(view.kind === 'record');
    assert.deepEqual([view.stale?.error.kind, view.stale?.at], ['server', 5000]);
  });

  it('a failed refresh keeps the old record, marked stale with what failed and when', () => {
    const r = run(createPanel(ID, 'open'), loaded(snap('M', 1000)), { type: 'refresh' }, failed(err('unauthorized', 'setApiKey'), 9000));
    assert.equal(r.state.view.kind, 'record');
    if (r.state.view.kind !== 'record') return;
    assert.equal(r.state.view.stale?.error.kind, 'unauthorized');
    assert.equal(r.state.view.stale?.at, 9000);
    assert.equal(r.state.view.data.fetchedAt, 1000, 'the data says how old it is');
    assert.equal(isBusy(r.state), false);
    // The next success clears the stale mark and remembers what changed.
    const ok = reduce(r.state, { type: 'refresh' });
    const after = reduce(ok.state, { type: 'loaded', seq: ok.state.request!.seq, data: snap('Peggy', 12_000) }).state.view;
    assert.ok(
      after.kind === 'record' && !after.stale && after.previous?.record.firstName === 'M' && after.data.record.firstName === 'Peggy',
    );
  });

  it('a customer who is gone is not shown from an old copy', () => {
    const r = run(createPanel(ID, 'open'), loaded(snap('M')), { type: 'refresh' }, failed(err('not-found', 'none')));
    assert.equal(r.state.view.kind, 'error');
  });

  it('a first load that fails shows the error; no key on an open asks for one, on a restore it does not', () => {
    const open = run(createPanel(ID, 'open', 'Margaret'), failed(err('no-key', 'setApiKey')));
    assert.deepEqual(open.effects, ['fetch', 'promptForKey']);
    assert.deepEqual(open.state.view.kind === 'error' && [open.state.view.error.kind, open.state.view.name], ['no-key', 'Margaret']);
    assert.deepEqual(run(createPanel(ID, 'restore'), failed(err('no-key', 'setApiKey'))).effects, ['fetch']);
  });

  it('defect 5: a new key heals an error panel, with no Try again', () => {
    const r = run(createPanel(ID, 'restore'), failed(err('unauthorized', 'setApiKey')), { type: 'keyChanged', hasKey: true });
    assert.deepEqual(r.effects, ['fetch', 'fetch#2 refresh']);
    assert.equal(r.state.view.kind, 'loading');
    assert.equal(
      run(createPanel(ID, 'restore'), failed(err('unauthorized')), { type: 'keyChanged', hasKey: true }, loaded(snap('M'))).state.view.kind,
      'record',
    );
  });

  it('defect 5: a cleared key takes the record off screen and stops any request', () => {
    const r = run(createPanel(ID, 'open'), loaded(snap('M')), { type: 'refresh' }, { type: 'keyChanged', hasKey: false });
    assert.deepEqual(r.effects.slice(-1), ['cancel']);
    assert.ok(r.state.view.kind === 'error' && r.state.view.error.kind === 'no-key');
    assert.equal(r.state.request, undefined);
    // An answer to the cancelled request changes nothing.
    assert.equal(reduce(r.state, { type: 'loaded', seq: 2, data: snap('M') }).state, r.state);
  });

  it("defect 9: a replaced key takes the old key's record off screen until the new key fetches it; a 403 then is an error, not stale", () => {
    const r = run(createPanel(ID, 'open'), loaded(snap('Margaret')), { type: 'keyChanged', hasKey: true });
    assert.deepEqual(r.state.view, { kind: 'loading', name: 'Margaret Okafor' }, 'the name stays, the record goes');
    assert.deepEqual(r.effects.slice(-1), ['fetch#2 refresh']);
    const refused = run({ state: r.state, effects: [] }, failed(err('forbidden', 'none')));
    assert.ok(refused.state.view.kind === 'error' && refused.state.view.error.kind === 'forbidden', 'no old record left up as stale');
    const seen = run({ state: r.state, effects: [] }, loaded(snap('Margaret', 5000)));
    assert.ok(
      seen.state.view.kind === 'record' && seen.state.view.previous === undefined,
      "nothing marked as changed against the old key's copy",
    );
  });

  it('a key change during a request replaces it; the old answer is dropped', () => {
    const r = run(createPanel(ID, 'open'), { type: 'keyChanged', hasKey: true });
    assert.deepEqual(r.effects, ['fetch', 'cancel', 'fetch#2 refresh']);
    assert.equal(reduce(r.state, { type: 'failed', seq: 1, error: err('cancelled', 'none'), at: 1 }).state, r.state);
  });

  it("a new base URL reloads every panel and does not show the old host's record meanwhile", () => {
    const r = run(createPanel(ID, 'open'), loaded(snap('Margaret')), { type: 'endpointChanged' });
    assert.deepEqual(r.state.view, { kind: 'loading', name: 'Margaret Okafor' });
    assert.deepEqual(r.effects.slice(-1), ['fetch#2 refresh']);
  });

  it('a cancelled request never leaves the panel "Loading…" for ever', () => {
    const r = run(createPanel(ID, 'open'), failed(err('cancelled', 'none')));
    assert.equal(r.state.view.kind, 'error');
    const rec = run(createPanel(ID, 'open'), loaded(snap('M')), { type: 'refresh' }, failed(err('cancelled', 'none')));
    assert.ok(rec.state.view.kind === 'record' && !rec.state.view.stale && !isBusy(rec.state));
  });
});

describe('settings changes (defect 4)', () => {
  const only =
    (...ids: string[]) =>
    (s: string) =>
      ids.includes(s);
  it('hover, timeout and where requests go change nothing drawn (the environments decide about the cache)', () => {
    for (const s of ['carecycle.hover.enabled', 'carecycle.requestTimeoutMs', 'carecycle.apiBaseUrl', 'carecycle.environments']) {
      assert.deepEqual(settingsImpact(only(s)), { display: false, recentMax: false }, s);
    }
  });
  it('masking redraws, the list size re-caps', () => {
    assert.deepEqual(settingsImpact(only('carecycle.privacy.maskIdentifiers')), { display: true, recentMax: false });
    assert.deepEqual(settingsImpact(only('carecycle.recentCustomers.max')), { display: false, recentMax: true });
  });
});

describe('revealed identifiers (pure)', () => {
  const masks = new Map([
    ['m0', '1EG4TE5MK73'],
    ['m1', '1954-03-18'],
  ]);
  const record = {};

  it('reveals only what is masked, one or all, and covers them again', () => {
    let t = revealReduce(noReveals, { type: 'drawn', masked: masks, of: record });
    assert.deepEqual(t.show, []);
    t = revealReduce(t.state, { type: 'reveal', maskId: 'm9' });
    assert.deepEqual(t.show, [], 'nothing to reveal for an unknown mask');
    t = revealReduce(t.state, { type: 'reveal', maskId: 'm0' });
    assert.deepEqual(t.show, [{ maskId: 'm0', text: '1EG4TE5MK73' }]);
    t = revealReduce(t.state, { type: 'revealAll' });
    assert.deepEqual(
      t.show.map((x) => x.maskId),
      ['m0', 'm1'],
    );
    t = revealReduce(t.state, { type: 'hide', maskId: 'm0' });
    assert.deepEqual([t.cover, [...t.state.revealed]], [['m0'], ['m1']]);
    t = revealReduce(t.state, { type: 'hideAll' });
    assert.deepEqual([t.cover, t.state.revealed.size], [['m0', 'm1'], 0]);
  });

  it('keeps what was revealed while the same record is drawn again; a new record starts masked', () => {
    let t = revealReduce(noReveals, { type: 'drawn', masked: masks, of: record });
    t = revealReduce(t.state, { type: 'reveal', maskId: 'm1' });
    const again = revealReduce(t.state, { type: 'drawn', masked: masks, of: record });
    assert.deepEqual(again.show, [{ maskId: 'm1', text: '1954-03-18' }], 'shown again in the new drawing');
    const fresh = revealReduce(again.state, { type: 'drawn', masked: masks, of: {} });
    assert.deepEqual([fresh.show, fresh.state.revealed.size], [[], 0]);
  });
});
