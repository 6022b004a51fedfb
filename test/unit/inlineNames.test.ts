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
