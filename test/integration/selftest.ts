// Loaded only when CARECYCLE_SELFTEST is set: proves the harness reports a failure, and a hung
// extension host, instead of passing.
import assert from 'node:assert/strict';

describe('harness self-test', () => {
  if (process.env.CARECYCLE_SELFTEST === 'fail') {
    it('fails on purpose', () => assert.equal(1 + 1, 3));
  }
  if (process.env.CARECYCLE_SELFTEST === 'hang') {
    it('blocks the extension host on purpose', () => {
      const until = Date.now() + 24 * 3600_000;
      while (Date.now() < until) {
        // spin: the host can no longer report anything
      }
    });
  }
});
