// Sample workspaces for the tests and the demo: a log, a JSON fixture, a source file and a ticket,
// all mentioning customer IDs among other UUIDs and hex noise.
import fs from 'node:fs';
import path from 'node:path';

import { DEMO_KEY, SAMPLE_IDS, UNKNOWN_ID } from '../support/constants.mjs';

export const IDS = { ...SAMPLE_IDS, unknown: UNKNOWN_ID };

export function writeSampleWorkspace(dir, { hostileSettings = false, playgroundKey } = {}) {
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
  fs.writeFileSync(
    path.join(dir, 'customers.fixture.json'),
    JSON.stringify(
      {
        description: 'Fixture for the renewal job',
        customers: [
          { customerId: IDS.margaret, expectPolicies: 3 },
          { customerId: IDS.robert, expectPolicies: 2 },
          { customerId: IDS.linda, expectPolicies: 0, note: 'do-not-call' },
        ],
        unrelatedRequestId: '6f1c2b3a-9d8e-4f70-a1b2-c3d4e5f6a7b8',
      },
      null,
      2,
    ) + '\n',
  );
  fs.writeFileSync(
    path.join(dir, 'renewal.ts'),
    [
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
    ].join('\n'),
  );
  // What renewal.ts imports, so that the sample has no TypeScript error of its own.
  fs.writeFileSync(
    path.join(dir, 'renewals.ts'),
    [
      "/** Renews a customer's plan (a stand-in for the job's real module). */",
      'export async function renew(customerId: string, options: { dryRun?: boolean } = {}): Promise<void> {',
      '  await Promise.resolve({ customerId, ...options });',
      '}',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ES2022', strict: true, noEmit: true } }, null, 2) + '\n',
  );
  // README, not README.md: VS Code opens a Markdown readme as a preview, where IDs do not hover and
  // the key is not underlined; plain text is where the extension shows what the guide says it does.
  fs.writeFileSync(path.join(dir, 'README'), sampleReadme(playgroundKey));
  // The README.md an earlier version wrote would still open first, as a preview.
  fs.rmSync(path.join(dir, 'README.md'), { force: true });
  // What the key's quick fix reads it from (the sample has no @types/node).
  fs.writeFileSync(path.join(dir, 'env.d.ts'), 'declare const process: { readonly env: Readonly<Record<string, string | undefined>> };\n');
  // A key written in code, as people do before they know better: the extension flags it.
  fs.writeFileSync(
    path.join(dir, 'sync-config.ts'),
    [
      '// Settings for the nightly enrollment sync.',
      `export const apiKey = '${DEMO_KEY}';`,
      "export const baseUrl = 'https://api.carecycle.ai';",
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'ticket-CC-2291.txt'),
    [
      'Ticket CC-2291: renewal date off by one',
      '',
      `Customer: ${IDS.dorothy}`,
      `Also seen for ${IDS.margaret.toUpperCase()} (upper case in the carrier's export).`,
      'Not a customer: 00000000-0000-0000-0000-000000000001 (invalid version), deadbeef-dead-beef-dead-beefdeadbeef.',
      '',
    ].join('\n'),
  );
  if (hostileSettings) {
    fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
    // A workspace trying to send the key elsewhere: must change nothing.
    fs.writeFileSync(
      path.join(dir, '.vscode', 'settings.json'),
      JSON.stringify(
        {
          'carecycle.apiBaseUrl': 'http://evil.example.com',
          // Defining an environment, or redirecting one by its name, is refused; naming an unknown one is ignored.
          'carecycle.environments': [
            { name: 'Local', baseUrl: 'https://evil.example.com' },
            { name: 'Evil', baseUrl: 'https://evil.example.com' },
          ],
          'carecycle.environment': 'Evil',
          'carecycle.requestTimeoutMs': 1,
          'carecycle.privacy.maskIdentifiers': false,
        },
        null,
        2,
      ),
    );
  }
  return dir;
}

/** Every sample customer, and what each shows (the stand-in serves exactly these). */
export const SAMPLE_GUIDE = [
  [
    SAMPLE_IDS.margaret,
    'Margaret Okafor',
    'a typical Medicare Advantage customer: 3 policies, providers, prescriptions, a scope of appointment, a dependent',
  ],
  [SAMPLE_IDS.robert, 'Robert Castillo Jr.', 'two policies (one Future Cancel), a spouse as dependent, a fixed-VoIP line'],
  [SAMPLE_IDS.linda, 'Linda Nguyen', 'do not call and do not email: contact restrictions first'],
  [SAMPLE_IDS.james, "James O'Brien", 'a veteran with a VA number; disqualified, with the reason'],
  [
    SAMPLE_IDS.patricia,
    'Patricia Johnson-Reyes',
    'ACA Marketplace, income and subsidy, two dependents (one with an unknown relationship type)',
  ],
  [SAMPLE_IDS.william, 'William Harris', 'enum values the documentation does not list (status Prospect, line type satellite)'],
  [SAMPLE_IDS.dorothy, 'Dorothy Kowalski', 'dual eligible (Medicare and Medicaid), a terminated PDP, two providers, warfarin'],
  [SAMPLE_IDS.charles, 'Charles Whitehorse', 'a lead with almost nothing filled in (nulls everywhere)'],
  [SAMPLE_IDS.barbara, 'Barbara Lindqvist', 'custom fields, a campaign, a scope of appointment; a test customer; do not mail'],
  [SAMPLE_IDS.george, 'George Papadopoulos', 'fields the documentation does not name (under "Other fields"), an agent of record'],
  [SAMPLE_IDS.helen, 'Helen Ramírez-Søndergaard', '12 policies; accented names'],
  [SAMPLE_IDS.frank, 'Frank Mueller', 'a lead whose last call was a wrong number'],
  [SAMPLE_IDS.nil, 'Test Fixture (nil UUID)', 'the nil UUID is a valid ID for the API; a disqualified test record'],
  [SAMPLE_IDS.upperCase, 'Ruth Abernathy', 'her ID is written in upper case; it is the same customer'],
];

function sampleReadme(playgroundKey) {
  return [
    '# CareCycle for VS Code: sample workspace',
    '',
    'This workspace talks to a local stand-in for the CareCycle API, with the sample customers below.',
    '',
    '## First: set the demo key',
    '',
    'Press F1, run **CareCycle: Set API Key**, and paste:',
    '',
    '```',
    DEMO_KEY,
    '```',
    '',
    "It is kept in VS Code's secret storage. (It only works with the local stand-in.)",
    '',
    'The key above is underlined (hover it): the extension flags any CareCycle key written in a file, as in `sync-config.ts`, with quick fixes to store it or to read it from the environment instead.',
    '',
    '## Then try',
    '',
    '1. Hover any customer ID below, or in `enrollment-sync.log`: the summary card.',
    '2. Ctrl+click an ID (or "Open record" on the card): the full record. "Reveal" shows a masked identifier.',
    '3. The CareCycle icon in the activity bar: **Recent Customers**.',
    '4. In `enrollment-sync.log`, F1 > **CareCycle: Customers in This File**.',
    '5. In a terminal, `cat enrollment-sync.log` and Ctrl+click an ID.',
    `6. \`${UNKNOWN_ID}\` is a valid UUID but no customer: the card says so.`,
    ...(playgroundKey
      ? [
          `7. **Local** in the status bar is the active environment. Click it (or F1 > **CareCycle: Switch Environment**) and choose **Playground**: a second stand-in with test versions of the first six customers and its own key, \`${playgroundKey}\`. Open records reload from there, and say which environment they came from; a customer only Local has says so, with a way back.`,
        ]
      : []),
    '',
    '## The sample customers',
    '',
    '| ID | Customer | What it shows |',
    '| --- | --- | --- |',
    ...SAMPLE_GUIDE.map(([id, name, what]) => `| ${id} | ${name} | ${what} |`),
    '',
  ].join('\n');
}
