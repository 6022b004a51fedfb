// Starts code-server (a real VS Code: workbench + Node extension host) on loopback and opens it in
// Debian's Chromium through playwright-core. Shared by the integration runner, the e2e tests and
// the demo. Recipe: shared/vscode-host.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { artifactsDir, chromiumBin, codeServerEntry, nodeBin } from './paths.mjs';
import { ensureHost } from './install.mjs';

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
};

/**
 * Starts code-server. `dataDir` keeps user data, extensions and logs; `settings` are merged into
 * the user settings; `env` reaches the extension host.
 */
export async function startCodeServer({ dataDir, settings = {}, env = {}, port, extensionsDir, log = () => {} }) {
  ensureHost();
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
  const serverLog = fs.createWriteStream(path.join(dataDir, 'code-server.log'));
  child.stdout.pipe(serverLog);
  child.stderr.pipe(serverLog);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start within 60 s (log: ${path.join(dataDir, 'code-server.log')})`)),
      60_000,
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
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 2000).unref();
    },
  };
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

export async function launchBrowser({ userDataDir, viewport = { width: 1400, height: 900 }, colorScheme } = {}) {
  const opts = { executablePath: chromiumBin, args: CHROMIUM_ARGS, headless: true, viewport, colorScheme };
  if (userDataDir) {
    const context = await chromium.launchPersistentContext(userDataDir, opts);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    return { context, close: () => context.close() };
  }
  const browser = await chromium.launch({ executablePath: chromiumBin, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport, colorScheme, permissions: ['clipboard-read', 'clipboard-write'] });
  return { context, close: () => browser.close() };
}

export { artifactsDir };
