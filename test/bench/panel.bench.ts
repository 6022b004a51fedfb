// Building the record panel for a record with 1,000 policies and 500 custom fields.
import type { CustomerRecord } from '../../src/core/api/schema';
import { createFormatter } from '../../src/core/render/format';
import { renderCustomerBody } from '../../src/core/render/panel';
import { customerHoverMarkdown } from '../../src/core/render/hover';
import { SAMPLE_CUSTOMERS } from '../mock-api/customers';
import { report, timeIt } from './report';

const base = SAMPLE_CUSTOMERS[0] as unknown as CustomerRecord;
const policy = base.policies![0];
const field = base.customFields![0];
const record = {
  ...base,
  policies: Array.from({ length: 1000 }, (_, i) => ({ ...policy, planName: `Plan ${i}`, planCode: `H${1000 + i}-001-000` })),
  customFields: Array.from({ length: 500 }, (_, i) => ({ ...field, fieldDefinitionId: `cf-${i}`, textValue: `value ${i}` })),
} as CustomerRecord;
const fmt = createFormatter('en-US');
let html = '';
const ms = timeIt(
  () => {
    html = renderCustomerBody(record, { mask: true, fmt, now: Date.now() }).html;
  },
  7,
  2,
);
report(
  'panel',
  'render 1,000 policies + 500 custom fields',
  ms,
  'ms',
  `HTML ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB (500 policies drawn, the rest behind Open JSON)`,
);
const small = timeIt(
  () => {
    renderCustomerBody(base, { mask: true, fmt, now: Date.now() });
  },
  21,
  5,
);
report('panel', 'render a typical record', small, 'ms');
const hover = timeIt(
  () => {
    for (let i = 0; i < 1000; i++) customerHoverMarkdown(base, { mask: true, fmt, now: Date.now() });
  },
  7,
  2,
);
report('hover', 'hover card markdown', hover, 'µs');
