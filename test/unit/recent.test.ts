import { SAMPLE_IDS } from '../support/constants.mjs';
import assert from 'node:assert/strict';
import {
  addRecent,
  normalise,
  readRecentState,
  removeRecent,
  setPinned,
  toState,
  updateInfo,
  type RecentEntry,
} from '../../src/core/recent';

const A = SAMPLE_IDS.margaret;
const B = SAMPLE_IDS.robert;
const C = '8a6e0f52-1c3b-4d7e-9f10-2b5c7d9e1a34';
const P = 'Production';
const e = (id: string, viewedAt: number, extra: Partial<RecentEntry> = {}): RecentEntry => ({ id, env: P, viewedAt, ...extra });
const ref = (id: string, env = P) => ({ id, env });

describe('recent list', () => {
  it('puts the newest first and keeps one row per customer (any case)', () => {
    let l = addRecent([], e(A, 1, { name: 'Margaret' }), 10);
    l = addRecent(l, e(B, 2), 10);
    l = addRecent(l, e(A.toUpperCase(), 3), 10);
    assert.deepEqual(
      l.map((x) => [x.id, x.viewedAt]),
      [
        [A.toUpperCase(), 3],
        [B, 2],
      ],
    );
    assert.equal(l[0]?.name, 'Margaret', 'a known name survives a re-view before it loads');
  });

  it('caps unpinned rows; pinned rows stay on top and are never trimmed', () => {
    let l: RecentEntry[] = [];
    l = addRecent(l, e(A, 1), 2);
    l = setPinned(l, ref(A), true, 2);
    l = addRecent(l, e(B, 2), 2);
    l = addRecent(l, e(C, 3), 2);
    assert.deepEqual(
      l.map((x) => x.id),
      [A, C, B],
    );
    l = normalise(l, 1);
    assert.deepEqual(
      l.map((x) => x.id),
      [A, C],
    );
    l = setPinned(l, ref(A), false, 1);
    assert.deepEqual(
      l.map((x) => x.id),
      [C],
    );
  });

  it('removes and updates by ID', () => {
    const l = [e(A, 2, { name: 'x' }), e(B, 1)];
    assert.deepEqual(
      removeRecent(l, ref(A.toUpperCase(), 'production')).map((x) => x.id),
      [B],
    );
    const u = updateInfo(l, ref(A), 'Margaret Okafor', 'Active');
    assert.equal(u[0]?.name, 'Margaret Okafor');
    assert.equal(u[0]?.status, 'Active');
    assert.equal(updateInfo(u, ref(A), 'Margaret Okafor', 'Active'), u, 'no change, same list');
  });

  it('stores only ID, environment, name, status, when viewed and pinned', () => {
    const s = toState([{ ...e(A, 5, { name: 'M', status: 'Active', pinned: true }), ...({ mbiNumber: '1EG4TE5MK73' } as object) }]);
    assert.deepEqual(s, { version: 2, entries: [{ id: A, env: P, name: 'M', status: 'Active', viewedAt: 5, pinned: true }] });
  });

  it('reads damaged or older state as far as it can, never throwing', () => {
    const inputs: unknown[] = [
      undefined,
      null,
      42,
      'x',
      {},
      { entries: 'no' },
      [null, 1, 'nope', { id: 7 }],
      { version: 99, entries: [{ id: A, viewedAt: 'soon', name: 5 }] },
    ];
    for (const raw of inputs) assert.doesNotThrow(() => readRecentState(raw, P));
    assert.deepEqual(readRecentState({ version: 99, entries: [{ id: A, viewedAt: 'soon', name: 5 }] }, P), [
      { id: A, env: P, name: undefined, status: undefined, viewedAt: 0, pinned: undefined },
    ]);
    // Version 0 kept a bare array of IDs.
    assert.deepEqual(
      readRecentState([A, B], P).map((x) => x.id),
      [A, B],
    );
    // Invalid IDs and control characters are dropped.
    const r = readRecentState({ entries: [{ id: 'not-an-id' }, { id: B, name: 'Rob\u0000\nert', viewedAt: 3, pinned: 'yes' }] }, P);
    assert.deepEqual(r, [{ id: B, env: P, name: 'Rob ert', status: undefined, viewedAt: 3, pinned: undefined }]);
  });

  it('keeps the same ID in two environments apart: they are two customers', () => {
    let l = addRecent([], e(A, 1, { name: 'Margaret (prod)' }), 10);
    l = addRecent(l, e(A, 2, { env: 'Playground', name: 'Test Margaret' }), 10);
    assert.deepEqual(
      l.map((x) => [x.env, x.name]),
      [
        ['Playground', 'Test Margaret'],
        [P, 'Margaret (prod)'],
      ],
    );
    l = updateInfo(l, ref(A, 'playground'), 'Renamed', undefined);
    assert.deepEqual(
      l.map((x) => x.name),
      ['Renamed', 'Margaret (prod)'],
    );
    assert.deepEqual(
      removeRecent(l, ref(A)).map((x) => x.env),
      ['Playground'],
    );
    // Entries saved before environments belong to the environment given for them.
    assert.equal(readRecentState({ version: 1, entries: [{ id: A, viewedAt: 1 }] }, 'Local')[0]?.env, 'Local');
  });
});
