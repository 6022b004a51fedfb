#!/usr/bin/env node
// Runs the mocha suite in out/test/integration inside a real VS Code extension host (code-server),
// against the stand-in API. Exit code: 0 all passed, 1 a failure or a hung host (bounded by
// SUITE_MS, ../support/deadline.cjs).
import fs from 'node:fs';
import { format } from 'node:util';
import path from 'node:path';
import { TEST_WINDOW_SETTINGS, artifactsDir, launchBrowser, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { repoRoot } from './paths.mjs';
import { writeSampleWorkspace } from './workspace.mjs';
import { REQUEST_LIMIT_MS, SUITE_MS } from '../support/deadline.cjs';

// The workbench's own chatter (sockets, caches, closed-network errors) is noise; mocha's reporter and
// the extension's errors are what a reader needs. CARECYCLE_VERBOSE=1 prints everything.
function isTestOutput(line) {
  return !/^(Resolving connection|Resolved connection|Creating a socket|\[reconnection|Updating additional|\[Service Worker|\[AgentHost|\[AccountPolicyGate|.*open-vsx|.*ERR_NAME_NOT_RESOLVED|.*telemetry)/i.test(
    line,
  );
}

const timeoutMs = SUITE_MS;
const runDir = path.join(artifactsDir, 'integration');
fs.rmSync(runDir, { recursive: true, force: true });
fs.mkdirSync(runDir, { recursive: true });
const { startMockApi } = await import(path.join(repoRoot, 'out/test/mock-api/server.js'));

const t0 = Date.now();
const api = await startMockApi({});
const workspace = writeSampleWorkspace(path.join(runDir, 'workspace'), { hostileSettings: true });
let server;
let browser;
let code = 1;
try {
  server = await startCodeServer({
    dataDir: path.join(runDir, 'data'),
    settings: { ...TEST_WINDOW_SETTINGS, 'carecycle.apiBaseUrl': api.url, 'carecycle.requestTimeoutMs': REQUEST_LIMIT_MS },
    env: { CARECYCLE_MOCK_API: api.url, CARECYCLE_SELFTEST: process.env.CARECYCLE_SELFTEST ?? '' },
  });
  browser = await launchBrowser();
  const page = await browser.context.newPage();
  let lastLines = [];
  const done = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = Array.isArray(args) ? format(...args) : String(args);
      lastLines = [...lastLines.slice(-30), line];
      if (process.env.CARECYCLE_VERBOSE || isTestOutput(line)) process.stdout.write(`${line}\n`);
    });
    void page.exposeFunction('codeAutomationExit', (c) => resolve(Number(c)));
  });
  const testsPath = path.join(repoRoot, 'out/test/integration/index.js');
  // The test build of the extension (esbuild.mjs --tests): the shipped one plus the tests' commands.
  const extensionPath = path.join(repoRoot, 'out', 'test-extension');
  await page.goto(workbenchUrl(server, { folder: workspace, extensionPath, testsPath }));
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const result = await Promise.race([done, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') {
    await page.screenshot({ path: path.join(runDir, 'hung.png') }).catch(() => {});
    console.error(
      `\n✘ The extension host did not finish the integration tests within ${Math.round(timeoutMs / 1000)} s: it is hung or far too slow.`,
    );
    console.error(`  Last output:\n    ${lastLines.slice(-8).join('\n    ')}`);
    console.error(`  Screenshot: ${path.join(runDir, 'hung.png')}; server log: ${path.join(runDir, 'data', 'code-server.log')}`);
    code = 1;
  } else {
    code = result;
  }
} catch (err) {
  console.error(`✘ Integration run failed to start: ${err?.stack ?? err}`);
  code = 1;
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  await api.close();
}
console.log(`integration: ${code === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - t0) / 1000)} s`);
process.exit(code);
