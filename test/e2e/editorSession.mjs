// One VS Code window for the e2e files that start the same way (the sample workspace, the extension
// from its development folder, the stand-in API): journey, panel, legibility, terminal and leaks. Starting a
// window costs about ten seconds; these files take turns in one, each bringing it to the state it
// needs in its own `before`. The root hook in hooks.mjs closes it after the last of them.
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, repoRoot } from '../host/paths.mjs';
import { writeSampleWorkspace } from '../host/workspace.mjs';
import { DEMO_KEY, FORBIDDEN_KEY, LEAK_CHECK_KEY, OTHER_KEY } from '../support/constants.mjs';
import { IDS, startMockApi, startSession } from './harness.mjs';

const { hostileCustomer } = await import(path.join(repoRoot, 'out/test/fixtures/hostile.js'));

/** A customer made of injection payloads (panel.e2e.mjs), served by the session's stand-in. */
export const HOSTILE_ID = 'bad0c0de-0bad-4bad-8bad-0badc0de0bad';

/** A log form, the customer printed in it, and the name its record shows (terminal.e2e.mjs). */
export const FORMS = [
  ['key=value', (id) => `2026-11-27 INFO enrollment.sync customer=${id} retry=1`, IDS.linda, 'Linda Nguyen'],
  ['double quotes', (id) => `soa.signed customer_id="${id}" method=esign`, IDS.dorothy, 'Dorothy Kowalski'],
  ['single quotes', (id) => `lookup customer '${id}' done`, IDS.robert, 'Robert Castillo Jr.'],
  ['parentheses', (id) => `renewal (${id}) queued`, IDS.james, "James O'Brien"],
  ['brackets', (id) => `[${id}] cache miss`, IDS.patricia, 'Patricia Johnson-Reyes'],
  ['URL path', (id) => `GET /v2/customers/${id} status=200`, IDS.margaret, 'Margaret Okafor'],
  ['URL path and query', (id) => `GET https://api.carecycle.ai/v2/customers/${id}?expand=policies 200`, IDS.william, 'William Harris'],
  ['trailing comma', (id) => `ids: ${id}, 00000000-0000-0000-0000-000000000001`, IDS.barbara, 'Barbara Lindqvist'],
  ['JSON', (id) => `{"event":"soa.signed","customerId":"${id}","ok":true}`, IDS.george, 'George Papadopoulos'],
  ['file path', (id) => `wrote ./exports/${id}.json`, IDS.helen, 'Helen Ramírez-Søndergaard'],
  // Log lines longer than the terminal is wide wrap: the ID on the wrapped part of the line.
  [
    'wrapped line',
    (id) => `2026-11-27T09:14:05.502Z WARN  enrollment.sync ${'attempt=1 carrier=Aetna '.repeat(9)}customer=${id} reason="carrier timeout"`,
    IDS.frank,
    'Frank Mueller',
  ],
];

/** 6,000 customer IDs (past the 5,000 a document gets links for), then one sample customer on the last line. */
function bigLog() {
  const hex = (n, width) => n.toString(16).padStart(width, '0');
  const lines = Array.from({ length: 6000 }, (_, i) => `GET /v2/customers/${hex(i, 8)}-0000-4000-8000-${hex(i * 7919, 12)} status=200`);
  return [...lines, `last: customer=${IDS.charles} renewed`, ''].join('\n');
}

let started;

/** The shared window, started on first use. */
export function editorSession() {
  started ??= (async () => {
    const api = await startMockApi({ keys: [DEMO_KEY, FORBIDDEN_KEY, OTHER_KEY, LEAK_CHECK_KEY] });
    api.customers.set(HOSTILE_ID, hostileCustomer(HOSTILE_ID));
    // Every file is written before VS Code starts, so that quick open knows it.
    const workspace = writeSampleWorkspace(path.join(artifactsDir, 'e2e', 'editor-workspace'));
    fs.writeFileSync(path.join(workspace, 'hostile.log'), `2026-11-27 INFO customer=${HOSTILE_ID} imported\n`);
    fs.writeFileSync(path.join(workspace, 'forms.log'), FORMS.map(([, line, id]) => line(id)).join('\n') + '\n');
    fs.writeFileSync(path.join(workspace, 'big.log'), bigLog());
    return startSession('editor', { api, workspace });
  })();
  return started;
}

export async function closeEditorSession() {
  if (!started) return;
  const s = await started.catch(() => undefined);
  started = undefined;
  await s?.close();
  await s?.api.close();
}
