import assert from 'node:assert/strict';
import { envReference, findApiKeys } from '../../src/core/keyScan';
import { DEMO_KEY } from '../support/constants.mjs';

const keysIn = (text: string): string[] => findApiKeys(text).map((m) => text.slice(m.start, m.end));

describe('API keys written in a document', () => {
  it('finds a key in code, .env, JSON, shell and logs', () => {
    assert.deepEqual(keysIn(`const key = '${DEMO_KEY}';`), [DEMO_KEY]);
    assert.deepEqual(keysIn(`CARECYCLE_API_KEY=${DEMO_KEY}\n`), [DEMO_KEY]);
    assert.deepEqual(keysIn(`{"apiKey": "${DEMO_KEY}"}`), [DEMO_KEY]);
    assert.deepEqual(keysIn(`curl -H "x-api-key: ${DEMO_KEY}" https://api.carecycle.ai`), [DEMO_KEY]);
    assert.deepEqual(keysIn(`2026-11-28 WARN using key=${DEMO_KEY} for sync`), [DEMO_KEY]);
  });
  it('does not take identifiers that merely begin with cc_ for keys', () => {
    for (const t of [
      'const cc_list = [];',
      'cc_total_count',
      'acc_1234567890abcdef',
      'x.cc_1234567890abcdef',
      'cc_short1',
      'cc_onlylettersnodigitshere',
      'cc_0123456789012345',
    ]) {
      assert.deepEqual(keysIn(t), [], t);
    }
  });
  it('knows how each language reads an environment variable', () => {
    assert.equal(envReference('typescript'), 'process.env.CARECYCLE_API_KEY');
    assert.equal(envReference('python'), 'os.environ["CARECYCLE_API_KEY"]');
    assert.equal(envReference('shellscript'), '"$CARECYCLE_API_KEY"');
    assert.equal(envReference('json'), undefined);
    assert.equal(envReference('dotenv'), undefined);
  });
});
