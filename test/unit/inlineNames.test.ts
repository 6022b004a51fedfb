import assert from 'node:assert/strict';
import type { CustomerRecord } from '../../src/core/api/schema';
import { describeIdCounts, idsInText, inlineLabel, nextMode, parseMode } from '../../src/core/inlineNames';
import { RateLimiter } from '../../src/core/limiter';
import { SAMPLE_CUSTOMERS } from '../mock-api/customers';
import { FakeClock } from '../support/fakeClock';
import { SAMPLE_IDS } from '../support/constants.mjs';

describe('inline names (core)', () => {
  it('shows name and status only, never an identifier', () => {
    const m = SAMPLE_CUSTOMERS[0] as unknown as CustomerRecord;
    const label = inlineLabel(m);
    assert.equal(label, ' · Margaret Okafor · Active');
    for (const secret of ['1EG4TE5MK73', '1954', m.id]) assert.ok(!label.includes(secret));
  });
  it('finds where each hint goes', () => {
    const text = 'customer=497f6eca-6276-4993-bfeb-53cbbbba6f08 ok';
    assert.deepEqual(idsInText(text), [{ id: SAMPLE_IDS.margaret, end: 45 }]);
  });
  it('reads the setting and cycles off → viewed → visible', () => {
    assert.equal(parseMode(undefined), 'viewed');
    assert.equal(parseMode('nonsense'), 'viewed');
    assert.deepEqual([nextMode('off'), nextMode('viewed'), nextMode('visible')], ['viewed', 'visible', 'off']);
  });
  it('takes a share slot only when one is free, never queueing', async () => {
    const clock = new FakeClock();
    const share = new RateLimiter(2, 60_000, clock);
    assert.deepEqual([share.tryAcquire(), share.tryAcquire(), share.tryAcquire()], [true, true, false]);
    await clock.advance(60_001);
    assert.equal(share.tryAcquire(), true);
  });
});

describe('Customers in This File: what the list is known to hold', () => {
  it('counts customers and other IDs separately once known', () => {
    assert.equal(describeIdCounts(5, 3, 0), '5 customers · 3 not customers');
    assert.equal(describeIdCounts(1, 1, 2), '1 customer · 1 not a customer · 2 not looked up yet');
    assert.equal(describeIdCounts(0, 0, 9), '0 customers · 9 not looked up yet');
  });
});

describe('where an inline name goes: after the token that holds the ID, never inside it', () => {
  const ID = '9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0';
  const at = (line: string): string => {
    const [hit] = idsInText(line);
    assert.ok(hit, line);
    return `${line.slice(0, hit.end)}|${line.slice(hit.end)}`;
  };
  for (const [line, expected] of [
    [`  await renew("${ID}");`, `  await renew("${ID}"|);`],
    [`const CUSTOMER_ID = '${ID}';`, `const CUSTOMER_ID = '${ID}'|;`],
    [`soa.signed customer_id="${ID}" method=esign`, `soa.signed customer_id="${ID}"| method=esign`],
    [`{"event":"x","customerId":"${ID}","ok":true}`, `{"event":"x","customerId":"${ID}"|,"ok":true}`],
    [`[${ID}] cache miss`, `[${ID}]| cache miss`],
    [`renewal (${ID}) queued`, `renewal (${ID})| queued`],
    [
      `GET https://api.carecycle.ai/v2/customers/${ID}?expand=policies 200`,
      `GET https://api.carecycle.ai/v2/customers/${ID}?expand=policies| 200`,
    ],
    [`wrote ./exports/${ID}.json`, `wrote ./exports/${ID}.json|`],
    [`ids: ${ID}, 00000000-0000-0000-0000-000000000001`, `ids: ${ID}|, 00000000-0000-0000-0000-000000000001`],
    [`customer=${ID} retry=1`, `customer=${ID}| retry=1`],
    [`note "${ID} (unterminated`, `note "${ID}| (unterminated`],
  ] as const) {
    it(JSON.stringify(line.replace(ID, '<id>')), () => assert.equal(at(line), expected));
  }
  it('never puts a name between an ID and its closing quote, on any line of the sample workspace forms', () => {
    for (const q of ['"', "'", '`']) {
      const line = `x = ${q}${ID}${q}`;
      const [hit] = idsInText(line);
      assert.ok(hit && hit.end === line.length, line);
    }
  });
});
