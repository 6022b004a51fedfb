// Records under the 32 MB cap that used to stall everything: 300,000 and 1,000,000 unknown keys.
// What the extension host does with one, step by step (each step is one uninterrupted block of the
// host's thread): JSON.parse and validation (the client), then drawing the panel's HTML.
import { classifyResponse } from '../../src/core/api/classify';
import { createFormatter } from '../../src/core/render/format';
import { renderCustomerBody } from '../../src/core/render/panel';
import { report } from './report';
import { SAMPLE_IDS } from '../support/constants.mjs';

const ID = SAMPLE_IDS.margaret;
const fmt = createFormatter('en-US');

function body(keys: number): string {
  const rec: Record<string, unknown> = { id: ID, firstName: 'Big', lastName: 'Record' };
  for (let i = 0; i < keys; i++) rec[`k${i}`] = `v${i}`;
  return JSON.stringify(rec);
}

const ms = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;

for (const keys of [300_000, 1_000_000]) {
  const text = body(keys);
  const mb = Buffer.byteLength(text) / (1024 * 1024);
  let t = process.hrtime.bigint();
  const got = classifyResponse(
    { status: 200, contentType: 'application/json', retryAfterHeader: undefined, text, bytes: Buffer.byteLength(text) },
    { id: ID, key: 'cc_k', now: 0 },
  );
  const parse = ms(t);
  if (got instanceof Error) throw got;
  t = process.hrtime.bigint();
  const { html } = renderCustomerBody(got.record, { mask: true, fmt, now: Date.now() });
  const render = ms(t);
  const label = `${(keys / 1000).toFixed(0)}k unknown keys (${mb.toFixed(1)} MB)`;
  report('big', `${label}: parse + validate`, parse, 'ms', 'one block of the host thread');
  report(
    'big',
    `${label}: draw the panel`,
    render,
    'ms',
    `HTML ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB; longest block ${Math.max(parse, render).toFixed(0)} ms`,
  );
}
