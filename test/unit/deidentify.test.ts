import assert from 'node:assert/strict';
import { parseCustomer } from '../../src/core/api/schema';
import { deidentify } from '../../src/core/deidentify';
import { SAMPLE_CUSTOMERS } from '../mock-api/customers';
import { SAMPLE_IDS } from '../support/constants.mjs';

const NOW = new Date('2026-11-28T00:00:00Z');
const byId = (id: string) => SAMPLE_CUSTOMERS.find((c) => c.id === id) as Record<string, unknown>;

describe('Copy as de-identified fixture', () => {
  it('replaces every Safe Harbor identifier of every sample customer, and the result is still a valid record', () => {
    for (const c of SAMPLE_CUSTOMERS) {
      const original = c as Record<string, unknown>;
      const out = deidentify(original, NOW);
      const parsed = parseCustomer(out);
      assert.ok(parsed.ok, String(c.id));
      assert.deepEqual(parsed.ok && parsed.warnings, [], `${String(c.id)} stays valid`);
      const text = JSON.stringify(out);
      for (const k of [
        'firstName',
        'lastName',
        'middleName',
        'preferredName',
        'email',
        'address',
        'address2',
        'callerId',
        'mbiNumber',
        'medicaidNumber',
        'vaNumber',
        'memberId',
        'notes',
      ]) {
        const v = original[k];
        if (typeof v === 'string' && v.length > 3) assert.ok(!text.includes(v), `${String(c.id)}.${k} (${v}) survived`);
      }
      if (typeof original.dateOfBirth === 'string') assert.ok(!text.includes(original.dateOfBirth), 'the date of birth survived');
      assert.ok(!text.includes(String(c.id)), 'the record ID survived');
    }
  });

  it('is consistent within a record: items still point at the customer, the same value gets the same stand-in', () => {
    const m = byId(SAMPLE_IDS.margaret);
    const out = deidentify(m, NOW) as {
      id: string;
      policies: Array<{ customerId: string }>;
      dependents: Array<{ ssn: string; customerId: string }>;
    };
    assert.ok(out.policies.length > 0);
    for (const p of out.policies) assert.equal(p.customerId, out.id);
    assert.equal(out.dependents[0]?.ssn, '000-00-0000');
    assert.deepEqual(deidentify(m, NOW), out, 'deterministic');
  });

  it('keeps what is not an identifier: state, statuses, plans, amounts, and the professionals', () => {
    const out = deidentify(byId(SAMPLE_IDS.margaret), NOW);
    const m = byId(SAMPLE_IDS.margaret);
    for (const k of [
      'state',
      'status',
      'qualificationStatus',
      'carrierName',
      'planName',
      'planCode',
      'householdIncome',
      'agentName',
      'agentNpn',
      'doNotSMS',
    ]) {
      assert.deepEqual(out[k], m[k], k);
    }
    assert.equal(out.postalCode, '43200');
    assert.equal(out.city, 'Anytown');
  });

  it('takes dates to the year, and ages over 89 to 90', () => {
    const out = deidentify({ id: SAMPLE_IDS.margaret, dateOfBirth: '1930-05-01', lastContactedAt: '2026-11-20T17:05:31.000Z' }, NOW);
    assert.equal(out.dateOfBirth, '1936');
    assert.equal(out.lastContactedAt, '2026');
  });
});

describe('Safe Harbor ZIP codes (#34)', () => {
  it('keeps the first three digits only where the area holds more than 20,000 people; the sparse ones HHS lists become 000', () => {
    const sparse = ['036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893'];
    for (const z3 of sparse)
      assert.equal((deidentify({ id: SAMPLE_IDS.margaret, postalCode: `${z3}45` }, NOW) as { postalCode: string }).postalCode, '00000', z3);
    assert.equal((deidentify({ id: SAMPLE_IDS.margaret, postalCode: '43215' }, NOW) as { postalCode: string }).postalCode, '43200');
  });
});
