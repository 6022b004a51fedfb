#!/usr/bin/env node
// `npm run demo`: the extension in a real VS Code against the local stand-in API, with sample
// customers and a sample workspace. Ctrl+C stops everything it started.
//   --port N        code-server port (default 8080, or a free one if 8080 is taken; 0 picks a free one)
//   --api-port N    stand-in API port (default 4545, or a free one if 4545 is taken)
//   --desktop       use the desktop `code` on PATH instead of code-server
// The same through the environment: CARECYCLE_DEMO_PORT, CARECYCLE_DEMO_API_PORT.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, portIsFree, startCodeServer, workbenchUrl } from '../host/codeServer.mjs';
import { hostIsReady } from '../host/install.mjs';
import { repoRoot } from '../host/paths.mjs';
import { IDS, writeSampleWorkspace } from '../host/workspace.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const desktop = process.argv.includes('--desktop');
const wantedPort = Number(arg('--port', process.env.CARECYCLE_DEMO_PORT ?? 8080));
const wantedApiPort = Number(arg('--api-port', process.env.CARECYCLE_DEMO_API_PORT ?? 4545));

/** The port asked for when it is free; another free one when it is taken (said in one line). */
async function pickPort(wanted, what) {
  if (wanted === 0) return freePort();
  if (await portIsFree(wanted)) return wanted;
  const other = await freePort();
  console.log(`\x1b[33m▸\x1b[0m Port ${wanted} is in use; the ${what} uses ${other} instead.`);
  return other;
}
const apiPort = await pickPort(wantedApiPort, 'stand-in API');
// The second environment's stand-in: next to the first when that port is free, anywhere otherwise.
const playgroundPort = wantedApiPort !== 0 && (await portIsFree(wantedApiPort + 1)) ? wantedApiPort + 1 : await freePort();
const port = desktop ? 0 : await pickPort(wantedPort, 'editor');

const step = (msg) => console.log(`\x1b[36m▸\x1b[0m ${msg}`);

step('Building the extension and the stand-in API');
const build = spawnSync(process.execPath, [path.join(repoRoot, 'esbuild.mjs'), '--tests'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const { startMockApi, DEMO_KEY } = await import(path.join(repoRoot, 'out/test/mock-api/server.js'));
const { SAMPLE_CUSTOMERS, playgroundCustomers } = await import(path.join(repoRoot, 'out/test/mock-api/customers.js'));
const { PLAYGROUND_KEY } = await import(path.join(repoRoot, 'test/support/constants.mjs'));
const api = await startMockApi({
  port: apiPort,
  onRequest: (r) => console.log(`  \x1b[2mstand-in API: GET ${r.path} -> ${r.status}\x1b[0m`),
});
step(`Stand-in CareCycle API ("Local") on ${api.url} with ${SAMPLE_CUSTOMERS.length} sample customers`);
const playground = await startMockApi({
  port: playgroundPort,
  keys: [PLAYGROUND_KEY],
  customers: playgroundCustomers(),
  onRequest: (r) => console.log(`  \x1b[2mplayground stand-in: GET ${r.path} -> ${r.status}\x1b[0m`),
});
step(`A second stand-in ("Playground") on ${playground.url}, with its own key and test versions of six customers`);

const demoDir = path.join(repoRoot, '.vscode-test', 'demo');
const workspace = writeSampleWorkspace(path.join(repoRoot, 'demo-workspace'), { playgroundKey: PLAYGROUND_KEY });
step(`Sample workspace: ${workspace}`);

const settings = {
  'carecycle.environments': [
    { name: 'Local', baseUrl: api.url },
    { name: 'Playground', baseUrl: playground.url, color: '#2a9d8f' },
  ],
  'carecycle.environment': 'Local',
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.wordWrap': 'on',
  // The workspace's README says what to try and gives the demo key.
  'workbench.startupEditor': 'readme',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.auxiliaryBar.visible': false,
};
let stopEditor = () => {};
let url;
if (desktop) {
  const code = spawnSync('which', ['code']).status === 0 ? 'code' : undefined;
  if (!code) {
    console.error('No `code` on PATH: run `npm run demo` without --desktop to use code-server in the browser.');
    process.exit(1);
  }
  const userData = path.join(demoDir, 'desktop-user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const child = spawn(code, ['--new-window', `--user-data-dir=${userData}`, `--extensionDevelopmentPath=${repoRoot}`, workspace], {
    stdio: 'inherit',
  });
  stopEditor = () => child.kill();
  step('Started desktop VS Code with the extension loaded');
} else {
  step(
    hostIsReady()
      ? 'Starting VS Code (code-server)'
      : 'Installing VS Code (code-server) for the first time, which takes a few minutes, then starting it',
  );
  const server = await startCodeServer({ dataDir: path.join(demoDir, 'code-server'), port, settings });
  stopEditor = () => server.stop();
  url = workbenchUrl(server, { folder: workspace, extensionPath: repoRoot, skipWelcome: false });
}

console.log(`
\x1b[1mCareCycle for VS Code: demo\x1b[0m
${
  url
    ? `
  Open this in your browser:
    \x1b[4m${url}\x1b[0m
`
    : ''
}
  1. Run "CareCycle: Set API Key" (F1) and paste the demo key:  \x1b[1m${DEMO_KEY}\x1b[0m
     (or hover any ID and click "Set API Key").
  2. Open enrollment-sync.log and hover ${IDS.margaret}: the summary card.
  3. Click "Open record" (or Ctrl+click the ID): the full record; "Reveal" shows a masked MBI.
  4. The CareCycle icon in the activity bar: Recent Customers.
  5. F1 > "CareCycle: Customers in This File" on the log; "CareCycle: Open Customer" anywhere.
  6. ${IDS.unknown} is a valid UUID but no customer: the card says so.
  7. "Local" in the status bar (or F1 > "CareCycle: Switch Environment"): choose Playground, whose key is
     \x1b[1m${PLAYGROUND_KEY}\x1b[0m; open records reload from there and say so.

  Ctrl+C stops the editor and the stand-in API.
`);
console.log(`DEMO_URL=${url ?? ''}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stopEditor();
  await Promise.all([api.close(), playground.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
