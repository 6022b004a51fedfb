import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readTime } from '../../src/core/time';

describe('the one reader of dates and times', () => {
  it('reads ISO dates and date-times, with or without a zone, to the millisecond', () => {
    assert.deepEqual(readTime('2026-12-07'), { kind: 'time', ms: Date.UTC(2026, 11, 7), dateOnly: true, raw: '2026-12-07' });
    assert.equal((readTime('2026-12-07T14:00:00Z') as { ms: number }).ms, Date.UTC(2026, 11, 7, 14));
    assert.equal((readTime('2026-12-07T14:00:00.250+02:00') as { ms: number }).ms, Date.UTC(2026, 11, 7, 12, 0, 0, 250));
    assert.equal((readTime('2026-12-07 14:00') as { ms: number }).ms, Date.UTC(2026, 11, 7, 14), 'no zone: UTC, whatever the machine');
    assert.equal((readTime(' 2026-12-07T09:30:00-0500 ') as { ms: number }).ms, Date.UTC(2026, 11, 7, 14, 30));
  });

  it('calls absent only what is absent; every other value it cannot read is unreadable, with its raw text', () => {
    for (const v of [undefined, null, '', '   ']) assert.deepEqual(readTime(v), { kind: 'absent' });
    for (const [v, raw] of [
      ['12/07/2026', '12/07/2026'], // July 12 or December 7
      [1765000000, '1765000000'], // seconds or milliseconds
      ['1765000000000', '1765000000000'],
      ['2026-02-30', '2026-02-30'],
      ['2026-13-01', '2026-13-01'],
      ['2026-12-07T25:00:00Z', '2026-12-07T25:00:00Z'],
      ['next Tuesday', 'next Tuesday'],
      ['x1', 'x1'], // Date.parse reads this as the year 2001
      [true, 'true'],
      [{ date: '2026-12-07' }, '{"date":"2026-12-07"}'],
    ] as const)
      assert.deepEqual(readTime(v), { kind: 'unreadable', raw }, raw);
  });

  it('reads back every instant written as ISO in any zone, and refuses every other day-month order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (ms, offsetMin) => {
          const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
          const sign = offsetMin < 0 ? '-' : '+';
          const a = Math.abs(offsetMin);
          const zone = `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
          const r = readTime(`${local}${zone}`);
          assert.ok(r.kind === 'time' && r.ms === ms, `${local}${zone}`);
          const d = new Date(ms);
          const us = `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`;
          assert.equal(readTime(us).kind, 'unreadable');
        },
      ),
      { numRuns: 500 },
    );
  });
});
