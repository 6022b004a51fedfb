#!/usr/bin/env node
// The same integration suite under @vscode/test-electron, for machines that can download VS Code
// (a developer's laptop, GitHub Actions). Here, with no internet, `npm test` uses code-server.
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './paths.mjs';
import { writeSampleWorkspace } from './workspace.mjs';
import { REQUEST_LIMIT_MS } from '../support/deadline.cjs';

const { startMockApi } = await import(path.join(repoRoot, 'out/test/mock-api/server.js'));
const api = await startMockApi({});
const runDir = path.join(repoRoot, '.vscode-test', 'electron');
const workspace = writeSampleWorkspace(path.join(runDir, 'workspace'), { hostileSettings: true });
const userData = path.join(runDir, 'user-data');
const fs = await import('node:fs');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'carecycle.apiBaseUrl': api.url, 'carecycle.requestTimeoutMs': REQUEST_LIMIT_MS }),
);
let code = 0;
try {
  await runTests({
    version: process.env.CARECYCLE_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: path.join(repoRoot, 'out', 'test-extension'),
    extensionTestsPath: path.join(repoRoot, 'out/test/integration/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`],
    extensionTestsEnv: { CARECYCLE_MOCK_API: api.url },
  });
} catch (err) {
  console.error(`test-electron failed: ${err?.message ?? err}`);
  code = 1;
} finally {
  await api.close();
}
process.exit(code);
