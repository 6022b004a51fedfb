#!/usr/bin/env node
// `npm test`: every check, in order, with one summary. Installs the VS Code test host on first use.
//   build -> typecheck + lint (side by side) -> unit (plain Node) -> integration (extension host in
//   code-server) -> e2e (Chromium driving code-server like a user)
// CARECYCLE_SKIP=e2e,integration skips layers (for quick local loops; CI runs everything).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHost } from './host/install.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const skip = new Set((process.env.CARECYCLE_SKIP ?? '').split(',').filter(Boolean));

const steps = [
  { name: 'build', cmd: process.execPath, args: ['esbuild.mjs', '--tests'] },
  {
    name: 'static',
    parallel: [
      { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'] },
      { name: 'typecheck (webview)', cmd: bin('tsc'), args: ['--noEmit', '-p', 'src/webview'] },
      { name: 'lint', cmd: bin('eslint'), args: ['.'] },
      { name: 'format', cmd: bin('prettier'), args: ['--check', '.'] },
    ],
  },
  { name: 'unit', cmd: bin('mocha'), args: ['--config', '.mocharc.json'] },
  { name: 'host', fn: () => ensureHost() },
  { name: 'integration', cmd: process.execPath, args: ['test/host/run-integration.mjs'] },
  { name: 'e2e', cmd: bin('mocha'), args: ['--config', '.mocharc.e2e.json'] },
];

function run(step) {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const tee = (stream, sink) =>
      stream.on('data', (d) => {
        out += d;
        sink.write(d);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const results = [];
let passed = 0;
let failed = 0;
const t0 = Date.now();
for (const step of steps) {
  if (skip.has(step.name)) {
    results.push({ name: step.name, status: 'skipped', secs: 0 });
    continue;
  }
  console.log(`\n━━ ${step.name} ━━`);
  const start = Date.now();
  let code = 0;
  let out = '';
  if (step.fn) {
    try {
      await step.fn();
    } catch (err) {
      console.error(String(err?.message ?? err));
      code = 1;
    }
  } else if (step.parallel) {
    const all = await Promise.all(step.parallel.map((p) => run(p).then((r) => ({ ...r, name: p.name }))));
    for (const r of all) if (r.code !== 0) console.error(`✘ ${r.name} failed`);
    code = all.some((r) => r.code !== 0) ? 1 : 0;
    out = all.map((r) => r.out).join('');
  } else {
    ({ code, out } = await run(step));
  }
  // mocha's own counts (unit, integration, e2e)
  const clean = out.replace(/\x1b\[[0-9;]*m/g, '');
  const p = [...clean.matchAll(/^\s*(\d+) passing/gm)].reduce((n, m) => n + Number(m[1]), 0);
  const f = [...clean.matchAll(/^\s*(\d+) failing/gm)].reduce((n, m) => n + Number(m[1]), 0);
  passed += p;
  failed += f + (code !== 0 && f === 0 ? 1 : 0);
  results.push({
    name: step.name,
    status: code === 0 ? 'ok' : 'FAILED',
    secs: (Date.now() - start) / 1000,
    tests: p + f ? `${p} passed${f ? `, ${f} failed` : ''}` : '',
  });
  if (code !== 0 && ['build', 'host'].includes(step.name)) break;
}

console.log('\n━━ summary ━━');
for (const r of results) console.log(`${r.status.padEnd(8)} ${r.name.padEnd(12)} ${r.secs.toFixed(1).padStart(6)} s  ${r.tests ?? ''}`);
console.log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(results.some((r) => r.status === 'FAILED') || failed ? 1 : 0);
