import assert from 'node:assert/strict';
import { classifyResponse } from '../../src/core/api/classify';
import { CareCycleError } from '../../src/core/api/errors';
import type { RawResponse } from '../../src/core/api/http';
import { displayName } from '../../src/core/summary';
import { inlineLabel } from '../../src/core/inlineNames';
import { logLine, MAX_LOG_LINE, plainText, redactKeys } from '../../src/core/plainText';
import { keyEchoes, leaksKey } from '../fixtures/keyEchoes';
import { PAYLOADS } from '../fixtures/hostile';
import { DEMO_KEY, PLAYGROUND_KEY, SAMPLE_IDS } from '../support/constants.mjs';

const ID = SAMPLE_IDS.margaret;
const BIDI_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const raw = (status: number, body: unknown): RawResponse => {
  const text = JSON.stringify(body);
  return { status, contentType: 'application/json', retryAfterHeader: undefined, text, bytes: text.length };
};

describe('the plain-text gate: no key and no bidi trick reaches a plain-text surface or the log', () => {
  const echoes = keyEchoes(DEMO_KEY);

  it(`defect 1: a log line never holds a key, in ${echoes.length} forms a server may echo it, with the hostile corpus around it`, () => {
    for (const echo of echoes) {
      for (const around of ['', ...PAYLOADS.slice(0, 60)]) {
        const line = logLine(`server (The CareCycle API had an internal error (500): ${around}${echo}); retry 2 of 2 in 361 ms`, [
          DEMO_KEY,
        ]);
        assert.ok(!leaksKey(line, DEMO_KEY), JSON.stringify(line.slice(0, 300)));
        assert.ok(!/[\r\n]/.test(line), 'one line: server text cannot forge another');
        assert.ok(line.length <= MAX_LOG_LINE);
      }
    }
  });

  it("defect 1: anything shaped like a key goes too, and every environment's key the extension holds", () => {
    const line = logLine(`other key cc_live_ab12cd34ef56 and ${PLAYGROUND_KEY.toUpperCase()} and ${PLAYGROUND_KEY.slice(3)}`, [
      DEMO_KEY,
      PLAYGROUND_KEY,
    ]);
    assert.ok(!line.includes('ab12cd34ef56'));
    assert.ok(!leaksKey(line, PLAYGROUND_KEY), line);
    // Our own words about keys stay readable.
    assert.equal(logLine('Paste the key (it begins with cc_).'), 'Paste the key (it begins with cc_).');
  });

  it('defect 1: an error a person sees holds no key in any field, whatever form the server echoed it in', () => {
    for (const echo of echoes) {
      for (const status of [400, 401, 403, 404, 422, 429, 500, 503]) {
        const e = classifyResponse(
          raw(status, {
            message: echo,
            code: echo,
            retryAfter: echo,
            errors: [{ path: ['id', echo], message: echo, expected: echo, received: echo, code: echo }],
          }),
          { id: ID, key: DEMO_KEY, now: 0, baseUrl: 'https://api.carecycle.ai' },
        );
        assert.ok(e instanceof CareCycleError);
        const shown = JSON.stringify({ m: e.message, c: e.details.code, p: e.details.problems });
        assert.ok(!leaksKey(shown, DEMO_KEY), `${status}: ${shown.slice(0, 300)}`);
      }
    }
  });

  it('defect 2: bidirectional overrides and controls never reach a plain-text surface (tab title, tree row, quick pick, inline name)', () => {
    const spoof = { id: ID, firstName: '\u202eanilemaF', lastName: 'Smith\u2066\u200f\u0007', status: 'Active\u202e' };
    for (const surface of [plainText(displayName(spoof), 60), inlineLabel(spoof)]) {
      assert.ok(!BIDI_OR_CONTROL.test(surface), JSON.stringify(surface));
      assert.match(surface, /anilemaF Smith/);
    }
    for (const p of PAYLOADS) assert.ok(!BIDI_OR_CONTROL.test(plainText(p)), JSON.stringify(p.slice(0, 80)));
  });

  it('redacts a key across a line break or an invisible character, and its bare part after cc_', () => {
    for (const echo of [`${DEMO_KEY.slice(0, 9)}\n${DEMO_KEY.slice(9)}`, DEMO_KEY.slice(3), [...DEMO_KEY].join('\u200b')])
      assert.ok(!leaksKey(redactKeys(echo, [DEMO_KEY]), DEMO_KEY), echo);
  });
});

describe('invisible characters that can hide text (#34)', () => {
  it('removes tag characters, the Mongolian vowel separator and the combining grapheme joiner', async () => {
    const { plainText } = await import('../../src/core/plainText');
    const tags = [...'hidden'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    assert.equal(plainText(`Mar${tags}garet\u180e Ok\u034fafor${String.fromCodePoint(0xe007f)}`), 'Margaret Okafor');
  });
});
