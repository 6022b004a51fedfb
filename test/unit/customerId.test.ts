import { SAMPLE_IDS } from '../support/constants.mjs';
import { syntheticLog } from '../support/syntheticLog';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CUSTOMER_ID_PATTERN_SOURCE,
  countCustomerIds,
  customerIdScanner,
  customerIdAt,
  explainInvalidId,
  findCustomerIds,
  isAmongFirstIds,
  isCustomerId,
  MAX_LINKS_PER_DOCUMENT,
  normaliseIdInput,
  idsInPastedText,
  idsWithKeys,
} from '../../src/core/customerId';

// The pattern exactly as published (shared/api/get-customer.md), kept literal here so a change to
// the source copy is caught.
const PUBLISHED =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** The API documentation's own example ID (also the first sample customer). */
const V4 = SAMPLE_IDS.margaret;

describe('customer IDs', () => {
  it('keeps the published pattern verbatim', () => {
    assert.equal(CUSTOMER_ID_PATTERN_SOURCE, PUBLISHED.source);
  });

  const valid: Array<[string, string]> = [
    ['v4 lower', V4],
    ['v4 upper', V4.toUpperCase()],
    ['v1', 'c232ab00-9414-11ec-b3c8-9e6bdeced846'],
    ['v7', '01890a5d-ac96-774b-bcce-b302099a8057'],
    ['v8', '05db6c94-bba6-8702-88aa-548f4d6cd700'],
    ['variant 9', '497f6eca-6276-4993-9feb-53cbbbba6f08'],
    ['variant A (upper)', '497f6eca-6276-4993-Afeb-53cbbbba6f08'],
    ['nil', '00000000-0000-0000-0000-000000000000'],
    ['max lower', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
  ];
  const invalid: Array<[string, string]> = [
    ['version 0', '497f6eca-6276-0993-bfeb-53cbbbba6f08'],
    ['version 9', '497f6eca-6276-9993-bfeb-53cbbbba6f08'],
    ['variant c', '497f6eca-6276-4993-cfeb-53cbbbba6f08'],
    ['variant 7', '497f6eca-6276-4993-7feb-53cbbbba6f08'],
    ['max upper', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'],
    ['no dashes', '497f6eca62764993bfeb53cbbbba6f08'],
    ['braces', `{${V4}}`],
    ['short', V4.slice(1)],
    ['non-hex', '497f6eca-6276-4993-bfeb-53cbbbba6g08'],
    ['trailing newline', `${V4}\n`],
  ];
  for (const [name, id] of valid) it(`accepts ${name}`, () => assert.ok(isCustomerId(id)));
  for (const [name, id] of invalid) it(`rejects ${name}`, () => assert.ok(!isCustomerId(id)));

  describe('found in text', () => {
    const found: Array<[string, string, string[]]> = [
      ['bare', `${V4}`, [V4]],
      ['in double quotes', `"customerId": "${V4}"`, [V4]],
      ['in single quotes', `get('${V4}')`, [V4]],
      ['in a URL path', `GET https://api.carecycle.ai/v2/customers/${V4}?x=1`, [V4]],
      ['in a log line', `2026-11-27T10:00:00Z INFO [req=abc] customer=${V4}, status=ok`, [V4]],
      ['after a word and a dash', `customer-${V4}`, [V4]],
      ['next to punctuation', `(${V4}); [${V4}]. <${V4}>`, [V4, V4, V4]],
      ['upper case', `ID ${V4.toUpperCase()} end`, [V4.toUpperCase()]],
      [
        'nil and max',
        `00000000-0000-0000-0000-000000000000 ffffffff-ffff-ffff-ffff-ffffffffffff`,
        ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
      ],
      ['two adjacent by comma', `${V4},${V4}`, [V4, V4]],
      ['tab separated', `\t${V4}\t`, [V4]],
      ['at a line end', `x ${V4}\ny`, [V4]],
    ];
    for (const [name, text, ids] of found) {
      it(`finds ${name}`, () =>
        assert.deepEqual(
          findCustomerIds(text).map((m) => m.id),
          ids,
        ));
    }
    const notFound: Array<[string, string]> = [
      ['inside a longer hex run (prefix)', `a${V4}`],
      ['inside a longer hex run (suffix)', `${V4}0`],
      ['inside a longer word', `x${V4}y`],
      ['after an underscore', `id_${V4}`],
      ['followed by a dashed hex group', `${V4}-0001`],
      ['after a dashed hex group', `cafe-${V4}`],
      ['upper-case max', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'],
      ['a v0 UUID', '497f6eca-6276-0993-bfeb-53cbbbba6f08'],
      ['hex noise', 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef'],
    ];
    for (const [name, text] of notFound) {
      it(`does not find ${name}`, () => assert.deepEqual(findCustomerIds(text), []));
    }
    it('reports offsets', () => {
      const text = `abc "${V4}" and ${V4}`;
      assert.deepEqual(
        findCustomerIds(text).map((m) => m.start),
        [5, text.length - 36],
      );
      assert.equal(countCustomerIds(text), 2);
    });
    it('honours a limit', () => assert.equal(findCustomerIds(`${V4} ${V4} ${V4}`, 2).length, 2));
  });

  describe('the ID at an offset', () => {
    const line = `user opened ${V4}, then x${V4}`;
    it('finds it from any character inside, and just past the end', () => {
      for (const off of [12, 20, 47, 48]) assert.equal(customerIdAt(line, off)?.id, V4, `offset ${off}`);
    });
    it('finds nothing outside or inside a longer word', () => {
      for (const off of [0, 5, 11, 60, line.length]) assert.equal(customerIdAt(line, off), undefined, `offset ${off}`);
    });
    it('looks at a small window of a very long line', () => {
      const long = `${'z'.repeat(5_000_000)} ${V4} ${'z'.repeat(5_000_000)}`;
      assert.equal(customerIdAt(long, 5_000_010)?.start, 5_000_001);
    });
    it('does not take a fragment at the window edge for an ID', () => {
      const text = `${'a'.repeat(100)}${V4}`;
      assert.equal(customerIdAt(text, 120), undefined);
    });
  });

  describe('explaining an invalid value', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /Enter a customer ID/],
      ['abc', /36 characters.*this has 3/],
      [V4.replace(/-/g, '_'), /dash at position 9/],
      [V4.replace('6f08', '6g08'), /"g" at position 34 is not a hex digit/],
      ['497f6eca-6276-0993-bfeb-53cbbbba6f08', /version digit \(position 15\) must be 1-8; it is "0"/],
      ['497f6eca-6276-4993-cfeb-53cbbbba6f08', /variant digit \(position 20\).*"c"/],
      ['FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', /only in lower case/],
    ];
    for (const [input, expected] of cases) {
      it(`explains ${JSON.stringify(input)}`, () => assert.match(explainInvalidId(input) ?? '', expected));
    }
    it('says nothing for a valid ID, even with spaces around', () => assert.equal(explainInvalidId(`  ${V4} `), undefined));
    it('normalises pasted quotes and braces', () => assert.equal(normaliseIdInput(` "{${V4}}" `), V4));
  });

  describe('properties against the published regular expression', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEF');
    const hexN = (n: number) => fc.string({ unit: hex, minLength: n, maxLength: n });
    const uuidish = fc.tuple(hexN(8), hexN(4), hexN(4), hexN(4), hexN(12)).map((p) => p.join('-'));
    const anyChars = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFxyz-_ {}"\n'), maxLength: 40 });
    const edge = fc.constantFrom(
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
      'ffffffff-ffff-ffff-ffff-fffffffffffF',
      V4,
      '',
    );

    it('isCustomerId agrees with the regex on random and edge-case strings', () => {
      fc.assert(
        fc.property(fc.oneof(uuidish, anyChars, edge, fc.string()), (s) => isCustomerId(s) === PUBLISHED.test(s)),
        { numRuns: 20_000 },
      );
    });
    it('explainInvalidId is silent exactly when the regex matches', () => {
      fc.assert(
        fc.property(fc.oneof(uuidish, anyChars, edge), (s) => (explainInvalidId(s) === undefined) === PUBLISHED.test(s.trim())),
        { numRuns: 10_000 },
      );
    });
    it('every match found in text satisfies the regex, and an isolated valid ID is always found', () => {
      const sep = fc.constantFrom(' ', '"', "'", '/', ':', ',', '\n', '(', ')', '=');
      fc.assert(
        fc.property(anyChars, sep, fc.oneof(uuidish, edge), sep, anyChars, (a, s1, id, s2, b) => {
          const text = `${a}${s1}${id}${s2}${b}`;
          for (const m of findCustomerIds(text)) if (!PUBLISHED.test(m.id)) return false;
          if (PUBLISHED.test(id)) return findCustomerIds(text).some((m) => m.start === a.length + 1);
          return true;
        }),
        { numRuns: 10_000 },
      );
    });
    it('the fast scanner finds exactly what the scanning regex finds, at the same offsets (the regex is the oracle)', () => {
      const oracle = (text: string): Array<{ id: string; start: number }> =>
        [...text.matchAll(customerIdScanner())].map((m) => ({ id: m[0], start: m.index }));
      const piece = fc.oneof(
        uuidish,
        edge,
        anyChars,
        fc.constantFrom('-', '--', '_', 'a-', '-f', 'é', '0000', 'ffff-', '-ABCD', ' ', '"', '/', '=', '\n'),
        // near-misses: one character off at each dash position or the version and variant digits
        uuidish.map((u) => `${u.slice(0, 14)}0${u.slice(15)}`),
        uuidish.map((u) => `${u.slice(0, 19)}c${u.slice(20)}`),
        uuidish.map((u) => u.replace('-', '')),
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
          const text = parts.join('');
          assert.deepEqual(findCustomerIds(text), oracle(text));
          assert.equal(countCustomerIds(text), oracle(text).length);
        }),
        { numRuns: 20_000 },
      );
    });
  });
});

describe('IDs in pasted text (Open Customer, clipboard)', () => {
  it('takes the ID out of key=value, a URL and a log line; several are offered in order, once each', () => {
    const A = SAMPLE_IDS.margaret;
    const B = SAMPLE_IDS.robert;
    assert.deepEqual(idsInPastedText(`customer=${A}`), [A]);
    assert.deepEqual(idsInPastedText(`https://app.carecycle.ai/customers/${A}?tab=policies`), [A]);
    assert.deepEqual(idsInPastedText(`2026-11-27 WARN sync customer="${B}" retry=1 then ${A} and ${B.toUpperCase()}`), [B, A]);
    assert.deepEqual(idsInPastedText('no ids here, only deadbeef-dead-beef-dead-beefdeadbeef'), []);
  });
});

describe('which IDs the capped link provider covers (Ctrl+click past the cap goes through a definition)', () => {
  /** The (line, character) of each ID of a text, and a line reader, as a document gives them. */
  function asDocument(text: string): { lineText: (i: number) => string; at: (offset: number) => [number, number] } {
    const lines = text.split('\n');
    const starts: number[] = [];
    let o = 0;
    for (const l of lines) {
      starts.push(o);
      o += l.length + 1;
    }
    const at = (offset: number): [number, number] => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return [lo, offset - starts[lo]!];
    };
    return { lineText: (i) => lines[i] ?? '', at };
  }

  it('is true for the first `max` IDs of a text and false after', () => {
    const { text } = syntheticLog(200_000, 3);
    const doc = asDocument(text);
    const all = findCustomerIds(text);
    assert.ok(all.length > 300, `${all.length} IDs`);
    for (const max of [1, 7, 250]) {
      all.forEach((m, i) => {
        if (i < max + 3 || i % 37 === 0)
          assert.equal(isAmongFirstIds(doc.lineText, ...doc.at(m.start), max), i < max, `ID ${i}, max ${max}`);
      });
    }
    // Two IDs on one line: the second is counted after the first.
    const two = asDocument(`a ${SAMPLE_IDS.margaret} b ${SAMPLE_IDS.robert}`);
    assert.equal(isAmongFirstIds(two.lineText, 0, 2, 1), true);
    assert.equal(isAmongFirstIds(two.lineText, 0, 41, 1), false);
  });
  it('agrees with the link provider on the same cap', () => {
    const { text } = syntheticLog(2_000_000, 5);
    const doc = asDocument(text);
    const linked = findCustomerIds(text, MAX_LINKS_PER_DOCUMENT);
    const all = findCustomerIds(text);
    assert.ok(all.length > MAX_LINKS_PER_DOCUMENT);
    assert.equal(isAmongFirstIds(doc.lineText, ...doc.at(linked.at(-1)!.start), MAX_LINKS_PER_DOCUMENT), true);
    assert.equal(isAmongFirstIds(doc.lineText, ...doc.at(all[MAX_LINKS_PER_DOCUMENT]!.start), MAX_LINKS_PER_DOCUMENT), false);
    assert.equal(isAmongFirstIds(doc.lineText, ...doc.at(all.at(-1)!.start), MAX_LINKS_PER_DOCUMENT), false);
  });
});

describe('IDs in pasted text, with what introduced each', () => {
  it('labels each with its key or URL path, customers first, then in order', () => {
    const line = `2026-11-27 INFO soa.signed request_id=0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19 customer_id="a1b2c3d4-e5f6-4a7b-9c8d-0e1f2a3b4c5d" GET /v2/customers/497f6eca-6276-4993-bfeb-53cbbbba6f08 {"leadId": "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a090"}`;
    assert.deepEqual(
      idsWithKeys(line).map((x) => [x.key, x.customerKey]),
      [
        ['customer_id=', true],
        ['/customers/', true],
        ['request_id=', false],
        ['leadId:', false],
      ],
    );
    assert.deepEqual(idsWithKeys(`see 0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19`), [
      { id: '0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19', key: undefined, customerKey: false },
    ]);
  });
});
