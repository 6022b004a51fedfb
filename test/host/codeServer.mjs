// Starts code-server (a real VS Code: workbench + Node extension host) on loopback and opens it in
// Debian's Chromium through playwright-core. Shared by the integration runner, the e2e tests and
// the demo. Recipe: shared/vscode-host.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { setTimeout as pollInterval } from 'node:timers/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { artifactsDir, chromiumBin, codeServerEntry, nodeBin } from './paths.mjs';
import { ensureHost } from './install.mjs';
import { RETRY_MS, STEP_MS } from '../support/deadline.cjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Whether nothing listens on 127.0.0.1:port. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'editor.hover.delay': 300,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'git.enabled': false,
  'github.gitAuthentication': false,
  'workbench.enableExperiments': false,
  'npm.fetchOnlinePackageInfo': false,
  // Nothing to download typings from here: no installer process trying the registry in every window.
  'typescript.disableAutomaticTypeAcquisition': true,
};

/**
 * What a test window adds to BASE_SETTINGS (the demo, which a person uses, keeps VS Code's own):
 * settings that change nothing a test looks at and cost CPU on a machine the tests share.
 * - A blinking caret and the workbench's animations each make Chromium draw and composite frames in
 *   software: a solid caret and reduced motion took a quarter of the compositor's time off the
 *   editor window's e2e run (26 → 17 CPU-s).
 * - TypeScript's syntax server alone: no test looks at what its project server finds (types, errors),
 *   and starting one to load a project took 4–6 CPU-s in each window that opens a .ts file.
 */
export const TEST_WINDOW_SETTINGS = {
  'editor.cursorBlinking': 'solid',
  'workbench.reduceMotion': 'on',
  'typescript.tsserver.useSyntaxServer': 'always',
};

/**
 * Starts code-server. `dataDir` keeps user data, extensions and logs; `settings` are merged into
 * the user settings; `env` reaches the extension host.
 */
export async function startCodeServer({ dataDir, settings = {}, env = {}, port, extensionsDir, log = () => {} }) {
  await ensureHost();
  const userData = path.join(dataDir, 'user-data');
  const extDir = extensionsDir ?? path.join(dataDir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extDir, { recursive: true });
  const settingsFile = path.join(userData, 'User', 'settings.json');
  let existing = {};
  try {
    existing = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  } catch {
    /* first start */
  }
  fs.writeFileSync(settingsFile, JSON.stringify({ ...BASE_SETTINGS, ...existing, ...settings }, null, 2));
  // A code-server of an earlier run that was interrupted (Ctrl+C, a crash) may still be running on
  // this data folder: end it first.
  // (Kept outside the data folder, which a run deletes before it starts.)
  const pidFile = path.join(artifactsDir, 'pids', `${path.resolve(dataDir).replace(/[^A-Za-z0-9]+/g, '_')}.pid`);
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  const stale = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : NaN);
  if (Number.isInteger(stale) && stale > 0 && isOurs(stale, userData)) await endGroup(stale);
  const configFile = path.join(dataDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const p = port || (await freePort());
  const child = spawn(
    nodeBin,
    [
      codeServerEntry,
      '--bind-addr',
      `127.0.0.1:${p}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extDir,
      '--config',
      configFile,
      '--vscode-option',
      'enable-smoke-test-driver',
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(dataDir, 'xdg-config'),
        XDG_DATA_HOME: path.join(dataDir, 'xdg-data'),
        XDG_CACHE_HOME: path.join(dataDir, 'xdg-cache'),
        ...env,
      },
    },
  );
  fs.writeFileSync(pidFile, String(child.pid));
  const serverLog = fs.createWriteStream(path.join(dataDir, 'code-server.log'));
  child.stdout.pipe(serverLog);
  child.stderr.pipe(serverLog);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start within ${STEP_MS / 1000} s (log: ${path.join(dataDir, 'code-server.log')})`)),
      STEP_MS,
    );
    const onData = (d) => {
      if (String(d).includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening (log: ${path.join(dataDir, 'code-server.log')})`));
    });
  });
  log(`code-server listening on 127.0.0.1:${p}`);
  let stopped = false;
  return {
    port: p,
    url: `http://127.0.0.1:${p}`,
    child,
    /**
     * Ends code-server and everything it started (its process group), and resolves once they are gone:
     * SIGTERM, then SIGKILL for what is still there a few seconds later. A code-server left behind
     * keeps a core busy for as long as it lives, slowing every window after it.
     */
    async stop() {
      if (stopped) return;
      stopped = true;
      await endGroup(child.pid);
      fs.rmSync(pidFile, { force: true });
    },
  };
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether `pid` is a code-server serving `userData` (a pid file can outlive its process, and pids are reused). */
function isOurs(pid, userData) {
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('entry.js') && cmd.includes(userData);
  } catch {
    return false;
  }
}

/** SIGTERM to the process group, then SIGKILL for what a short grace leaves; resolves once the group is gone. */
async function endGroup(pgid) {
  const deadline = (ms) => Date.now() + ms;
  const signal = (sig) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      /* gone */
    }
  };
  signal('SIGTERM');
  for (const [until, next] of [
    [deadline(RETRY_MS), 'SIGKILL'],
    [deadline(STEP_MS), undefined],
  ]) {
    while (groupAlive(pgid) && Date.now() < until) await pollInterval(50); // polling interval
    if (!groupAlive(pgid)) return;
    if (next) signal(next);
  }
}

/** Builds the workbench URL that loads the extension under development (and, optionally, tests). */
export function workbenchUrl(server, { folder, extensionPath, testsPath, skipWelcome = true }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [];
  if (extensionPath) payload.push(['extensionDevelopmentPath', remote(extensionPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  // Skipping the welcome also skips `workbench.startupEditor` (the demo wants its README shown).
  if (skipWelcome) payload.push(['skipWelcome', 'true']);
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  q.set('payload', JSON.stringify(payload));
  return `${server.url}/?${q.toString()}`;
}

/**
 * Chromium on code-server's own page. Responses are asked for uncompressed: code-server compresses
 * each one with Brotli as it sends it (19 MB of workbench.js on every window's load), about a CPU
 * second per window that a loopback connection does not need.
 */
export async function launchBrowser({ userDataDir, viewport = { width: 1400, height: 900 }, colorScheme } = {}) {
  const extraHTTPHeaders = { 'Accept-Encoding': 'identity' };
  const opts = { executablePath: chromiumBin, args: CHROMIUM_ARGS, headless: true, viewport, colorScheme, extraHTTPHeaders };
  if (userDataDir) {
    const context = await chromium.launchPersistentContext(userDataDir, opts);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    return { context, close: () => context.close() };
  }
  const browser = await chromium.launch({ executablePath: chromiumBin, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport, colorScheme, extraHTTPHeaders, permissions: ['clipboard-read', 'clipboard-write'] });
  return { context, close: () => browser.close() };
}

export { artifactsDir };
