#!/usr/bin/env node
// `npm test`: every check, with one summary. Installs the VS Code test host on first use.
//
//   build, then side by side:  static (typecheck, lint, format) · unit · the host install
//   then, once the host is ready, the jobs that open an editor window, longest first:
//   e2e (editor window) · integration (extension host) · e2e (.vsix) · e2e (demo)
//
// The machine has two cores and a window keeps about one and a third of them busy, so at most two
// windows run at once; the static checks run beside them at the lowest CPU priority, and the unit
// tests (which mostly wait) at the normal one. Each job's output is printed
// as one block when it ends, so that two jobs never interleave; a line says when each starts.
// CARECYCLE_SKIP=e2e,integration,… skips jobs (for quick local loops; CI runs everything).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHost } from './host/install.mjs';
import { E2E_GROUPS } from './e2e/groups.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const skip = new Set((process.env.CARECYCLE_SKIP ?? '').split(',').filter(Boolean));
const HEAVY_AT_ONCE = Number(process.env.CARECYCLE_JOBS ?? 2);

const tscCache = (name) => ['--incremental', '--tsBuildInfoFile', path.join(root, 'node_modules', '.cache', 'tsc', `${name}.tsbuildinfo`)];

const e2e = (group) => ({
  name: `e2e ${group}`,
  skipKey: 'e2e',
  heavy: true,
  window: true,
  cmd: bin('mocha'),
  args: ['--config', '.mocharc.e2e.json', ...E2E_GROUPS[group]],
});

/** In the order they are started when their turn comes (longest first among the windows). */
const JOBS = [
  {
    name: 'static',
    // Never on the critical path: it runs beside the windows at the lowest priority and takes what
    // they leave (a window waits on pointer moves and animation frames; a type check does not).
    nice: true,
    parallel: [
      // tsc and prettier keep what they learnt in node_modules/.cache: tsc re-checks what a change can
      // reach (its build info records each file's dependencies), prettier re-reads files whose content
      // changed. eslint keeps none: its type-aware rules read other files, which its cache does not track.
      { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.', ...tscCache('main')] },
      { name: 'typecheck (webview)', cmd: bin('tsc'), args: ['--noEmit', '-p', 'src/webview', ...tscCache('webview')] },
      { name: 'lint', cmd: bin('eslint'), args: ['.'] },
      { name: 'format', cmd: bin('prettier'), args: ['--check', '--cache', '--cache-strategy', 'content', '.'] },
    ],
  },
  { name: 'unit', cmd: bin('mocha'), args: ['--config', '.mocharc.json'] },
  e2e('editor'),
  { name: 'integration', heavy: true, window: true, cmd: process.execPath, args: ['test/host/run-integration.mjs'] },
  e2e('vsix'),
  e2e('demo'),
];

function run(step) {
  return new Promise((resolve) => {
    const [cmd, args] = step.nice && process.platform === 'linux' ? ['nice', ['-n', '19', step.cmd, ...step.args]] : [step.cmd, step.args];
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Failure screenshots are cleared once, below: jobs running side by side must not clear each other's.
      env: { ...process.env, CARECYCLE_KEEP_SHOTS: '1' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
    child.on('error', (err) => resolve({ code: 1, out: `${out}\n${err.message}` }));
  });
}

const t0 = Date.now();
const stamp = () => `${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s`;
const results = [];
let passed = 0;
let failed = 0;

function report(job, code, out, started) {
  const secs = (Date.now() - started) / 1000;
  console.log(`\n━━ ${job.name} ━━ (${secs.toFixed(1)} s)`);
  process.stdout.write(out.endsWith('\n') || !out ? out : `${out}\n`);
  // mocha's own counts (unit, integration, e2e)
  const clean = out.replace(/\x1b\[[0-9;]*m/g, '');
  const p = [...clean.matchAll(/^\s*(\d+) passing/gm)].reduce((n, m) => n + Number(m[1]), 0);
  const f = [...clean.matchAll(/^\s*(\d+) failing/gm)].reduce((n, m) => n + Number(m[1]), 0);
  passed += p;
  failed += f + (code !== 0 && f === 0 ? 1 : 0);
  results.push({
    name: job.name,
    status: code === 0 ? 'ok' : 'FAILED',
    secs,
    at: (started - t0) / 1000,
    tests: p + f ? `${p} passed${f ? `, ${f} failed` : ''}` : '',
  });
  return code;
}

async function runJob(job) {
  const started = Date.now();
  console.log(`${stamp()}  ▶ ${job.name}`);
  let code = 0;
  let out = '';
  if (job.fn) {
    try {
      await job.fn();
    } catch (err) {
      out = String(err?.message ?? err);
      code = 1;
    }
  } else if (job.parallel) {
    const all = await Promise.all(job.parallel.map((p) => run({ ...p, nice: job.nice }).then((r) => ({ ...r, name: p.name }))));
    out = all.map((r) => r.out).join('');
    for (const r of all) if (r.code !== 0) out += `✘ ${r.name} failed\n`;
    code = all.some((r) => r.code !== 0) ? 1 : 0;
  } else {
    ({ code, out } = await run(job));
  }
  console.log(`${stamp()}  ${code === 0 ? '✔' : '✘'} ${job.name}`);
  return report(job, code, out, started);
}

// 1. The build: everything else runs what it writes.
const build = await runJob({ name: 'build', cmd: process.execPath, args: ['esbuild.mjs', '--tests'] });
if (build === 0) {
  const shots = path.join(root, '.vscode-test', 'screenshots');
  if (fs.existsSync(shots)) for (const f of fs.readdirSync(shots)) if (f.startsWith('FAILED-')) fs.rmSync(path.join(shots, f));

  // 2. The host install (instant once installed) beside the static checks and unit tests; windows wait for it.
  const needsHost = JOBS.some((j) => j.window && !skip.has(j.skipKey ?? j.name));
  const host = needsHost ? runJob({ name: 'host', fn: () => ensureHost() }) : Promise.resolve(0);

  // 3. Every job, at most HEAVY_AT_ONCE heavy ones at a time, in list order.
  let heavyRunning = 0;
  const waiting = [];
  const slot = () =>
    new Promise((resolve) => {
      if (heavyRunning < HEAVY_AT_ONCE) {
        heavyRunning++;
        resolve();
      } else waiting.push(resolve);
    });
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else heavyRunning--;
  };
  const hostReady = host.then((code) => code === 0);
  await Promise.all(
    JOBS.map(async (job) => {
      if (skip.has(job.skipKey ?? job.name)) {
        results.push({ name: job.name, status: 'skipped', secs: 0, at: 0 });
        return;
      }
      if (job.window && !(await hostReady)) {
        results.push({ name: job.name, status: 'FAILED', secs: 0, at: 0, tests: 'no VS Code test host' });
        failed++;
        return;
      }
      if (job.heavy) await slot();
      try {
        await runJob(job);
      } finally {
        if (job.heavy) release();
      }
    }),
  );
  await host;
}

console.log('\n━━ summary ━━');
for (const r of results)
  console.log(
    `${r.status.padEnd(8)} ${r.name.padEnd(12)} ${r.secs.toFixed(1).padStart(6)} s  (from ${String(Math.round(r.at ?? 0)).padStart(3)} s)  ${r.tests ?? ''}`,
  );
console.log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(results.some((r) => r.status === 'FAILED') || failed ? 1 : 0);
