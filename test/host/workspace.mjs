// Sample workspaces for the tests and the demo: a log, a JSON fixture, a source file and a ticket,
// all mentioning customer IDs among other UUIDs and hex noise.
import fs from 'node:fs';
import path from 'node:path';

import { SAMPLE_IDS, UNKNOWN_ID } from '../support/constants.mjs';

export const IDS = { ...SAMPLE_IDS, unknown: UNKNOWN_ID };

export function writeSampleWorkspace(dir, { hostileSettings = false } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const log = [
    `2026-11-27T09:14:02.118Z INFO  api.request GET /v2/customers/${IDS.margaret} status=200 duration_ms=84 trace=7f3a9c2e1b4d`,
    `2026-11-27T09:14:05.502Z WARN  enrollment.sync customer=${IDS.robert} carrier=Aetna retry=1 reason="carrier timeout"`,
    `2026-11-27T09:14:07.930Z INFO  soa.signed customer_id="${IDS.dorothy}" method=esign request_id=0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19`,
    `2026-11-27T09:15:11.004Z ERROR dialer.call customer=${IDS.linda} dnc=true blocked=1 session=deadbeefcafebabe0123456789abcdef`,
    `2026-11-27T09:15:42.771Z INFO  api.request GET /v2/customers/${IDS.unknown} status=404 duration_ms=12`,
    `2026-11-27T09:16:03.250Z INFO  campaign.join customer=${IDS.margaret} campaign=a7c1e3f5-0b2d-4e6f-8a1c-3e5f7a9b1c2d`,
    `2026-11-27T09:16:20.000Z DEBUG cache.miss key=customer:${IDS.george} ttl=300`,
    `2026-11-27T09:17:45.612Z INFO  api.request GET /v2/customers/${IDS.margaret} status=200 duration_ms=61`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'enrollment-sync.log'), log);
  fs.writeFileSync(path.join(dir, 'customers.fixture.json'), JSON.stringify({
    description: 'Fixture for the renewal job',
    customers: [
      { customerId: IDS.margaret, expectPolicies: 3 },
      { customerId: IDS.robert, expectPolicies: 2 },
      { customerId: IDS.linda, expectPolicies: 0, note: 'do-not-call' },
    ],
    unrelatedRequestId: '6f1c2b3a-9d8e-4f70-a1b2-c3d4e5f6a7b8',
  }, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'renewal.ts'), [
    "import { renew } from './renewals';",
    '',
    '// Regression: the renewal date was off by one for this customer (ticket CC-2291).',
    `const CUSTOMER_ID = '${IDS.dorothy}';`,
    '',
    'export async function run(): Promise<void> {',
    `  await renew(CUSTOMER_ID, { dryRun: true });`,
    `  await renew("${IDS.george}");`,
    '}',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'ticket-CC-2291.txt'), [
    'Ticket CC-2291: renewal date off by one',
    '',
    `Customer: ${IDS.dorothy}`,
    `Also seen for ${IDS.margaret.toUpperCase()} (upper case in the carrier's export).`,
    'Not a customer: 00000000-0000-0000-0000-000000000001 (invalid version), deadbeef-dead-beef-dead-beefdeadbeef.',
    '',
  ].join('\n'));
  if (hostileSettings) {
    fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
    // A workspace trying to send the key elsewhere: must change nothing.
    fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({
      'carecycle.apiBaseUrl': 'http://evil.example.com',
      'carecycle.requestTimeoutMs': 1,
      'carecycle.privacy.maskIdentifiers': false,
    }, null, 2));
  }
  return dir;
}
