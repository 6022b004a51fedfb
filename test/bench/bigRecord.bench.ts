// Records under the 32 MB cap that used to stall everything: 300,000 and 1,000,000 unknown keys, and
// 17,000 policies. What the extension host does with one: the answer is read in a worker thread
// (JSON.parse, the schema check, a bounded copy), then the panel is drawn from the copy. A sampler on
// the host's thread records its longest uninterrupted block meanwhile (the goal: none over 50 ms,
// so a hover on another ID answers at once), beside the old way (everything on the host's thread).
import path from 'node:path';
import { classifyResponse, type FetchedCustomer } from '../../src/core/api/classify';
import { CareCycleError } from '../../src/core/api/errors';
import type { RawResponse } from '../../src/core/api/http';
import { OffThreadClassifier } from '../../src/core/api/offThread';
import { omittedIndex } from '../../src/core/prune';
import { createFormatter } from '../../src/core/render/format';
import { renderCustomerBody } from '../../src/core/render/panel';
import { longestBlock, report } from './report';
import { SAMPLE_IDS } from '../support/constants.mjs';

const ID = SAMPLE_IDS.margaret;
const fmt = createFormatter('en-US');

function unknownKeys(keys: number): string {
  const rec: Record<string, unknown> = { id: ID, firstName: 'Big', lastName: 'Record' };
  for (let i = 0; i < keys; i++) rec[`k${i}`] = `v${i}`;
  return JSON.stringify(rec);
}
function manyPolicies(n: number): string {
  const policies = Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    status: i % 50 ? 'Cancelled' : 'Active',
    carrierName: 'Humana',
    planName: `Plan ${i}`,
  }));
  return JSON.stringify({ id: ID, firstName: 'Many', lastName: 'Policies', policies });
}

const reader = new OffThreadClassifier(path.join(__dirname, '..', '..', '..', 'dist', 'classifyWorker.js'));
const cases: [string, string][] = [
  ['300k unknown keys', unknownKeys(300_000)],
  ['1000k unknown keys', unknownKeys(1_000_000)],
  ['17k policies', manyPolicies(17_000)],
];
void (async () => {
  // Start the worker before measuring (the extension keeps one once started).
  await reader.classify(raw(JSON.stringify({ id: ID })), { id: ID, key: 'cc_k', now: 0, baseUrl: 'https://api.carecycle.ai' });
  for (const [name, text] of cases) {
    const mb = Buffer.byteLength(text) / (1024 * 1024);
    const label = `${name} (${mb.toFixed(1)} MB)`;
    const old = await longestBlock(() => {
      const got = classifyResponse(raw(text), { id: ID, key: 'cc_k', now: 0, baseUrl: 'https://api.carecycle.ai' });
      if (got instanceof CareCycleError) throw got;
      return Promise.resolve(renderCustomerBody(got.record, { mask: true, fmt, now: Date.now() }).html);
    });
    const now = await longestBlock(async () => {
      const got = await reader.classify(raw(text), { id: ID, key: 'cc_k', now: 0, baseUrl: 'https://api.carecycle.ai' });
      if (got instanceof CareCycleError) throw got;
      // The panel's first paint: drawn from the bounded copy.
      await new Promise((r) => setImmediate(r));
      return draw(got);
    });
    report(
      'big',
      `${label}: first paint`,
      now.totalMs,
      'ms',
      `longest block of the host ${now.blockMs.toFixed(0)} ms; HTML ${(Buffer.byteLength(now.result) / 1024).toFixed(0)} KiB (all on the host: ${old.totalMs.toFixed(0)} ms in one ${old.blockMs.toFixed(0)} ms block)`,
    );
  }
  reader.dispose();
})();

function raw(text: string): RawResponse {
  return { status: 200, contentType: 'application/json', retryAfterHeader: undefined, text, bytes: Buffer.byteLength(text) };
}

function draw(got: FetchedCustomer): string {
  const omitted = got.partial
    ? { index: omittedIndex(got.record, got.partial.omitted), skippedValues: got.partial.skippedValues }
    : undefined;
  return renderCustomerBody(got.record, { mask: true, fmt, now: Date.now(), omitted }).html;
}
