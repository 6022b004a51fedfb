import assert from 'node:assert/strict';
import path from 'node:path';
import { classifyResponse, wholeRecord, type FetchedCustomer } from '../../src/core/api/classify';
import { CareCycleError } from '../../src/core/api/errors';
import { OffThreadClassifier } from '../../src/core/api/offThread';
import type { RawResponse } from '../../src/core/api/http';
import { omittedIndex, pruneRecord } from '../../src/core/prune';
import { createFormatter } from '../../src/core/render/format';
import { customerHoverMarkdown } from '../../src/core/render/hover';
import { MAX_ITEMS, MAX_KEYS } from '../../src/core/render/limits';
import { renderCustomerBody } from '../../src/core/render/panel';
import { SAMPLE_IDS } from '../support/constants.mjs';

const ID = SAMPLE_IDS.margaret;
const fmt = createFormatter('en-US');
const WORKER = path.join(__dirname, '..', '..', '..', 'dist', 'classifyWorker.js');

function raw(body: unknown, status = 200): RawResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, contentType: 'application/json', retryAfterHeader: undefined, text, bytes: Buffer.byteLength(text) };
}

function hugeRecord(unknownKeys: number, policies: number): Record<string, unknown> {
  const rec: Record<string, unknown> = { id: ID, firstName: 'Big', lastName: 'Record', status: 'Active', doNotCall: true };
  rec.policies = Array.from({ length: policies }, (_, i) => ({
    id: `p${i}`,
    status: i === policies - 1 ? 'Active' : 'Cancelled',
    carrierName: `Carrier ${i}`,
  }));
  for (let i = 0; i < unknownKeys; i++) rec[`k${i}`] = `v${i}`;
  return rec;
}

/** The "N more" notices a person reads: they must count the whole record, cut down or not. */
function notices(html: string): string[] {
  return [...html.matchAll(/([\d,]+) more fields?|Showing the first [\d,]+ of [\d,]+ \w+|([\d,]+) values are not drawn/g)].map((m) => m[0]);
}

describe('huge records: read off the host thread, drawn from a bounded copy', () => {
  it('keeps every documented field, at most what the panel draws of the rest, and counts what it left out', () => {
    const full = classifyResponse(raw(hugeRecord(30_000, 2_000)), { id: ID, key: 'cc_k', now: 0, baseUrl: 'https://api.carecycle.ai' });
    if (full instanceof CareCycleError) throw full;
    const p = pruneRecord(full.record, Date.UTC(2026, 11, 2));
    const rec = p.record as Record<string, unknown>;
    assert.equal(rec.firstName, 'Big');
    assert.equal(rec.doNotCall, true);
    assert.equal((rec.policies as unknown[]).length, MAX_ITEMS);
    // The one active policy (the last of 2,000) is among those kept: active first, as the panel orders them.
    assert.ok((rec.policies as { status: string }[]).some((x) => x.status === 'Active'));
    assert.equal(Object.keys(rec).filter((k) => k.startsWith('k')).length, MAX_KEYS);
    const index = omittedIndex(p.record, p.omitted);
    assert.equal(index.get(rec.policies as object)?.items, 2_000 - MAX_ITEMS);
    assert.equal(index.get(rec)?.keys, 30_000 - MAX_KEYS);
  });

  it('says the same "N more" from the copy as from the whole record, in the panel and the hover card', () => {
    const full = classifyResponse(raw(hugeRecord(30_000, 2_000)), { id: ID, key: 'cc_k', now: 0, baseUrl: 'https://api.carecycle.ai' });
    if (full instanceof CareCycleError) throw full;
    const p = pruneRecord(full.record, Date.UTC(2026, 11, 2));
    const now = Date.parse('2026-11-28T00:00:00Z');
    const whole = renderCustomerBody(full.record, { mask: true, fmt, now });
    const index = omittedIndex(p.record, p.omitted);
    const cut = renderCustomerBody(p.record, { mask: true, fmt, now, omitted: { index, skippedValues: p.skippedValues } });
    assert.deepEqual(notices(cut.html), notices(whole.html));
    assert.ok(
      notices(whole.html).some((n) => n.includes('of 2,000 policies')),
      notices(whole.html).join(' | '),
    );
    const hover = (rec: typeof full.record, omitted?: typeof index): string =>
      customerHoverMarkdown(rec, { mask: true, fmt, now, omitted });
    assert.match(hover(p.record, index), /2000 policies/);
    assert.equal(hover(p.record, index), hover(full.record));
  });

  describe('the worker thread', function () {
    let reader: OffThreadClassifier;
    beforeEach(() => {
      reader = new OffThreadClassifier(WORKER);
    });
    afterEach(() => reader.dispose());

    it('answers as the host would: a bounded copy, the whole record a call away', async () => {
      const body = raw(hugeRecord(300_000, 10));
      const got = (await reader.classify(body, { id: ID, key: 'cc_k', now: 5, baseUrl: 'https://api.carecycle.ai' })) as FetchedCustomer;
      assert.ok(!(got instanceof CareCycleError));
      assert.ok(got.partial, 'a cut-down copy');
      assert.equal(got.fetchedAt, 5);
      assert.ok(Object.keys(got.record).length < 300);
      assert.equal(Object.keys(wholeRecord(got)).length, 300_000 + 6);
    });

    it('returns the same errors, with no key in them', async () => {
      const key = 'cc_secret_key_1234567890';
      const e = await reader.classify(raw({ message: `bad ${key}`, code: 'X' }, 500), {
        id: ID,
        key,
        now: 0,
        baseUrl: 'https://api.carecycle.ai',
      });
      assert.ok(e instanceof CareCycleError);
      assert.equal(e.kind, 'server');
      assert.ok(!e.message.includes(key));
      const wrong = await reader.classify(raw({ id: SAMPLE_IDS.robert, firstName: 'Rob' }), {
        id: ID,
        key,
        now: 0,
        baseUrl: 'https://api.carecycle.ai',
      });
      assert.ok(wrong instanceof CareCycleError && wrong.kind === 'wrong-record');
      const notJson = await reader.classify(raw('{"id": nope'), { id: ID, key, now: 0, baseUrl: 'https://api.carecycle.ai' });
      assert.ok(notJson instanceof CareCycleError);
    });

    it('defect 6: a caller that gives up is answered at once; the answer being read is dropped, the next gets a new reader', async () => {
      const body = raw(hugeRecord(300_000, 10));
      const ctl = new AbortController();
      const reading = reader.classify(body, { id: ID, key: 'cc_k', now: 0, baseUrl: 'https://api.carecycle.ai' }, ctl.signal);
      const queued = new AbortController();
      const waiting = reader.classify(body, { id: ID, key: 'cc_k', now: 0, baseUrl: 'https://api.carecycle.ai' }, queued.signal);
      const after = reader.classify(raw({ id: ID, firstName: 'Next' }), {
        id: ID,
        key: 'cc_k',
        now: 1,
        baseUrl: 'https://api.carecycle.ai',
      });
      let settled = '';
      void reading.then(
        () => (settled ||= 'answered'),
        () => (settled ||= 'stopped'),
      );
      queued.abort();
      ctl.abort();
      // A rejection is a microtask away; a 300,000-key answer is hundreds of milliseconds of parsing.
      await Promise.resolve();
      await Promise.resolve();
      assert.equal(settled, 'stopped', 'the caller was not kept waiting for the reading to finish');
      await assert.rejects(waiting, (e: Error) => e.name === 'AbortError');
      const next = (await after) as FetchedCustomer;
      assert.ok(!(next instanceof CareCycleError), 'the answer after it is read by a new reader');
      assert.equal(next.record.firstName, 'Next');
    });

    it('a reader that cannot start is an error for what waited, not a hang', async () => {
      const broken = new OffThreadClassifier(path.join(__dirname, 'no-such-worker.js'));
      const e = await broken.classify(raw({ id: ID }), { id: ID, key: 'cc_k', now: 0, baseUrl: 'https://api.carecycle.ai' });
      assert.ok(e instanceof CareCycleError && e.kind === 'internal', e instanceof Error ? e.message : 'no error');
      broken.dispose();
    });
  });
});
