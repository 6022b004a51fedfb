import assert from 'node:assert/strict';
import { classifyResponse } from '../../src/core/api/classify';
import { CareCycleError } from '../../src/core/api/errors';
import { plainText } from '../../src/core/plainText';
import type { RawResponse } from '../../src/core/api/http';
import { decideRetry, DEFAULT_RETRY } from '../../src/core/api/retry';
import { MASK, maskIdentifiers } from '../../src/core/mask';
import { SAMPLE_IDS } from '../support/constants.mjs';

const ID = SAMPLE_IDS.margaret;
const KEY = 'cc_live_5f2b9c0e1a7d';
const raw = (status: number, body: unknown, contentType = 'application/json'): RawResponse => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, contentType, retryAfterHeader: undefined, text, bytes: Buffer.byteLength(text) };
};
const classify = (r: RawResponse) => classifyResponse(r, { id: ID, key: KEY, now: 1000, baseUrl: 'https://api.carecycle.ai' });
const asError = (x: unknown): CareCycleError => {
  assert.ok(x instanceof CareCycleError, 'an error');
  return x;
};
/** Every string a person or the log could see from an error. */
const visible = (e: CareCycleError): string => JSON.stringify({ m: e.message, c: e.details.code, p: e.details.problems });

describe('server text on its way to a notification, quick pick, tree item, status bar or log', () => {
  it('loses link syntax, icon syntax, newlines, and is bounded', () => {
    const hostile =
      'Upstream failure. [Retry](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) $(alert) now\nsecond line';
    const out = plainText(hostile, 120);
    assert.ok(!/\[[^\]]*\]\(/.test(out), 'no [label](target)');
    assert.ok(!out.includes('$('), 'no $(icon)');
    assert.ok(!/command:/i.test(out), 'no command: scheme');
    assert.ok(!/[\r\n]/.test(out));
    assert.ok(out.length <= 120);
    assert.match(out, /Upstream failure/);
  });

  it('drops record text nowhere but keeps words readable', () => {
    assert.equal(plainText('The API had an internal error (500).'), 'The API had an internal error (500).');
  });
});

describe('classifying an answer (pure)', () => {
  it('a 200 for another ID is an error, not the customer asked for', () => {
    const e = asError(classify(raw(200, { id: SAMPLE_IDS.robert, firstName: 'Someone else' })));
    assert.equal(e.kind, 'wrong-record');
    assert.match(e.message, /record for another ID/);
    assert.ok(!e.message.includes('Someone else'));
  });

  it('accepts the same ID in another case', () => {
    const r = classify(raw(200, { id: ID.toUpperCase() }));
    assert.ok(!(r instanceof CareCycleError));
  });

  it('redacts the key at every offset of the server message, before cutting it (also straddling the cut)', () => {
    for (let offset = 0; offset <= 260; offset++) {
      const message = `${'x'.repeat(offset)}${KEY}${'y'.repeat(20)}`;
      const e = asError(classify(raw(500, { message, code: `C${KEY}` })));
      const shown = visible(e);
      assert.ok(!shown.includes(KEY), `offset ${offset}`);
      // No tail of the key either (a cut through the key would leave its start).
      assert.ok(!shown.includes(KEY.slice(0, 8)), `no prefix of the key at offset ${offset}`);
    }
  });

  it('redacts the key in a 422 path and in a content type; bounds the path and keeps it on one line', () => {
    const e = asError(
      classify(
        raw(422, {
          code: 'VALIDATION_ERROR',
          message: 'bad',
          errors: [{ path: ['id', KEY, 'a\nb', ...Array.from({ length: 50 }, (_, i) => `seg${i}`)], message: 'no' }],
        }),
      ),
    );
    const path = e.details.problems?.[0]?.path ?? '';
    assert.ok(!visible(e).includes(KEY));
    assert.ok(!path.includes('\n'));
    assert.ok(path.length <= 80, `${path.length} characters`);
    const html = asError(classify(raw(200, '<html>', `text/html; key=${KEY}`)));
    assert.equal(html.kind, 'bad-json');
    assert.ok(!html.message.includes(KEY));
  });
});

describe('retry policy (pure)', () => {
  const e = (kind: CareCycleError['kind'], retryAfterSec?: number) => new CareCycleError(kind, kind, 'retry', { retryAfterSec });
  it('retries 5xx, bad JSON and the network with growing, jittered delays, a bounded number of times', () => {
    const d0 = decideRetry(e('server'), { attempt: 0, waited429: false }, DEFAULT_RETRY, 0.5);
    const d1 = decideRetry(e('network'), { attempt: 1, waited429: false }, DEFAULT_RETRY, 0.5);
    assert.deepEqual(
      [d0, d1],
      [
        { type: 'retry', delayMs: 300, rateLimited: false },
        { type: 'retry', delayMs: 600, rateLimited: false },
      ],
    );
    assert.deepEqual(decideRetry(e('bad-json'), { attempt: 2, waited429: false }, DEFAULT_RETRY, 0.5), { type: 'stop' });
  });
  it('never retries what a retry cannot fix', () => {
    for (const k of ['unauthorized', 'forbidden', 'not-found', 'validation', 'bad-shape', 'wrong-record', 'internal', 'timeout'] as const) {
      assert.deepEqual(decideRetry(e(k), { attempt: 0, waited429: false }, DEFAULT_RETRY, 0), { type: 'stop' }, k);
    }
  });
  it('waits out one short 429, reports a long one or a second one', () => {
    assert.deepEqual(decideRetry(e('rate-limited', 2), { attempt: 0, waited429: false }, DEFAULT_RETRY, 0), {
      type: 'retry',
      delayMs: 2000,
      rateLimited: true,
    });
    assert.deepEqual(decideRetry(e('rate-limited', 2), { attempt: 1, waited429: true }, DEFAULT_RETRY, 0), { type: 'stop' });
    assert.deepEqual(decideRetry(e('rate-limited', 60), { attempt: 0, waited429: false }, DEFAULT_RETRY, 0), { type: 'stop' });
  });
});

describe('masking a record that leaves the screen (clipboard, JSON editor)', () => {
  it('masks the documented identifiers, and any key that names one, at any depth', () => {
    const record = {
      id: ID,
      firstName: 'Margaret',
      mbiNumber: '1EG4TE5MK73',
      medicaidNumber: 'OH-123',
      vaNumber: 'VA1',
      dateOfBirth: '1951-03-02',
      dependents: [{ firstName: 'Elena', ssn: '987-65-4320', dateOfBirth: '1960-05-14' }],
      customFields: [{ fieldDefinitionId: 'x', textValue: '1EG4TE5MK73' }],
      extra: { nested: { socialSecurityNumber: '123456789', SSN: 'x', dob: '1950-01-01' } },
      notes: 'call after 5',
      empty: '',
      mbi: null,
    };
    const out = JSON.stringify(maskIdentifiers(record));
    for (const secret of ['1EG4TE5MK73', 'OH-123', 'VA1"', '1951-03-02', '987-65-4320', '1960-05-14', '123456789', '1950-01-01'])
      assert.ok(!out.includes(secret), secret);
    for (const kept of ['Margaret', 'Elena', 'call after 5', ID]) assert.ok(out.includes(kept), kept);
    assert.ok(out.includes(MASK));
    assert.ok(out.includes('"mbi":null'), 'an unset identifier stays unset');
  });
  it('survives a structure nested far deeper than any record', () => {
    let deep: unknown = { ssn: '123-45-6789' };
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    assert.doesNotThrow(() => JSON.stringify(maskIdentifiers(deep)));
  });
});
