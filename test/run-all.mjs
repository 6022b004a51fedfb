#!/usr/bin/env node
// `npm test`: every check, with one summary. Installs the VS Code test host on first use.
//
// Never more work at once than the machine has cores for. When it starts, the runner reads how many
// cores there are and how many something else keeps busy (/proc/stat over a moment); the free ones
// are its slots. Each CPU-heavy job takes a slot (an editor window keeps about one core busy; so do
// the unit tests' big-record and property tests, and the static checks, which run one tool after the
// other in theirs), and jobs start, longest first, as slots free up. No job runs at a lower priority
// than another: each has the core it was given, so none is starved into a timeout, and a job that
// measures nothing still finishes in its turn.
//
//   build (alone), then in slots:  host install (when missing) · e2e (editor window) · integration
//   (extension host) · static (typecheck, lint, format) · unit · e2e (.vsix) · e2e (demo)
//
// Each job's output is printed as one block when it ends, so that two jobs never interleave; a line
// says when each starts. The summary gives each job's wall time and CPU seconds (all its processes).
// CARECYCLE_SKIP=e2e,integration,… skips jobs (for quick local loops; CI runs everything).
// CARECYCLE_SLOTS=N sets the number of slots instead of measuring.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { hostIsReady } from './host/install.mjs';
import { E2E_GROUPS } from './e2e/groups.mjs';
import { SCALE } from './support/deadline.cjs';
import { CpuMeter } from './support/cpuMeter.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const skip = new Set((process.env.CARECYCLE_SKIP ?? '').split(',').filter(Boolean));

const tscCache = (name) => ['--incremental', '--tsBuildInfoFile', path.join(root, 'node_modules', '.cache', 'tsc', `${name}.tsbuildinfo`)];

const e2e = (group) => ({
  name: `e2e ${group}`,
  skipKey: 'e2e',
  window: true,
  cmd: bin('mocha'),
  args: ['--config', '.mocharc.e2e.cjs', ...E2E_GROUPS[group]],
});

/** In the order they take a free slot (the longest first, so that the last to finish is short). */
const JOBS = [
  { name: 'host', skipKey: 'host', cmd: process.execPath, args: ['test/host/install.mjs'], onlyIf: () => !hostIsReady() },
  e2e('editor'),
  { name: 'integration', window: true, cmd: process.execPath, args: ['test/host/run-integration.mjs'] },
  {
    name: 'static',
    // tsc and prettier keep what they learnt in node_modules/.cache: tsc re-checks what a change can
    // reach (its build info records each file's dependencies), prettier re-reads files whose content
    // changed. eslint keeps none: its type-aware rules read other files, which its cache does not track.
    serial: [
      { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.', ...tscCache('main')] },
      { name: 'typecheck (webview)', cmd: bin('tsc'), args: ['--noEmit', '-p', 'src/webview', ...tscCache('webview')] },
      { name: 'lint', cmd: bin('eslint'), args: ['.'] },
      { name: 'format', cmd: bin('prettier'), args: ['--check', '--cache', '--cache-strategy', 'content', '.'] },
    ],
  },
  { name: 'unit', cmd: bin('mocha'), args: ['--config', '.mocharc.cjs'] },
  e2e('vsix'),
  e2e('demo'),
];

/** Cores kept busy by other processes: the busy share of all cores over `ms`, from /proc/stat. */
async function busyCores(ms) {
  const read = () => {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0);
    return { idle, total: cpu.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await sleep(ms); // a measurement of the machine, not a wait for a condition
    const b = read();
    const total = b.total - a.total;
    return total > 0 ? ((total - (b.idle - a.idle)) / total) * os.availableParallelism() : 0;
  } catch {
    return 0; // no /proc/stat: assume an idle machine
  }
}

const cores = os.availableParallelism();
const busy = await busyCores(1500);
const slots = Number(process.env.CARECYCLE_SLOTS) || Math.max(1, Math.round(cores - busy));
const meter = new CpuMeter(`carecycle-test-${process.pid}`);
console.log(
  `${cores} cores, ${busy.toFixed(1)} kept busy by other work as this run starts: ${slots} job${slots === 1 ? '' : 's'} at a time` +
    `${SCALE > 1 ? `; deadlines ×${SCALE}` : ''}; CPU seconds ${meter.how}`,
);

function run(step, job) {
  return new Promise((resolve) => {
    const { cmd, args, env } = meter.wrap(job, step.cmd, step.args);
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Failure screenshots are cleared once, below: jobs running side by side must not clear each other's.
      env: { ...process.env, ...env, CARECYCLE_KEEP_SHOTS: '1' },
    });
    meter.started(job, child.pid);
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
  const cpu = meter.seconds(job.name);
  console.log(`\n━━ ${job.name} ━━ (${secs.toFixed(1)} s, ${cpu === undefined ? '?' : cpu.toFixed(1)} CPU-s)`);
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
    cpu,
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
  if (job.serial) {
    for (const step of job.serial) {
      const r = await run(step, job.name);
      out += r.out;
      if (r.code !== 0) {
        out += `✘ ${step.name} failed\n`;
        code = 1;
      }
    }
  } else {
    ({ code, out } = await run(job, job.name));
  }
  console.log(`${stamp()}  ${code === 0 ? '✔' : '✘'} ${job.name}`);
  return report(job, code, out, started);
}

// 1. The build, alone: everything else runs what it writes.
const build = await runJob({ name: 'build', cmd: process.execPath, args: ['esbuild.mjs', '--tests'] });
if (build === 0) {
  const shots = path.join(root, '.vscode-test', 'screenshots');
  if (fs.existsSync(shots)) for (const f of fs.readdirSync(shots)) if (f.startsWith('FAILED-')) fs.rmSync(path.join(shots, f));

  // 2. Every job in list order, as many at once as there are slots. A window waits for the host.
  const todo = JOBS.filter((job) => {
    if (skip.has(job.skipKey ?? job.name) || (job.onlyIf && !job.onlyIf())) {
      if (!job.onlyIf) results.push({ name: job.name, status: 'skipped', secs: 0, at: 0 });
      return false;
    }
    return true;
  });
  // A window waits for the host install: until it is done, a window is not given a slot.
  let hostPending = todo.some((job) => job.name === 'host');
  let hostOk = true;
  const running = new Set();
  while (todo.length || running.size) {
    for (;;) {
      if (running.size >= slots) break;
      const i = todo.findIndex((job) => !(job.window && hostPending));
      if (i < 0) break;
      const [job] = todo.splice(i, 1);
      const entry = (async () => {
        if (job.window && !hostOk) {
          results.push({ name: job.name, status: 'FAILED', secs: 0, at: 0, tests: 'no VS Code test host' });
          failed++;
          return;
        }
        const code = await runJob(job);
        if (job.name === 'host') {
          hostOk = code === 0;
          hostPending = false;
        }
      })().finally(() => running.delete(entry));
      running.add(entry);
    }
    await Promise.race(running);
  }
}
meter.close();

console.log('\n━━ summary ━━');
const cpuText = (r) => (r.cpu === undefined ? '' : `${r.cpu.toFixed(0).padStart(4)} CPU-s`);
for (const r of results)
  console.log(
    `${r.status.padEnd(8)} ${r.name.padEnd(12)} ${r.secs.toFixed(1).padStart(6)} s ${cpuText(r).padStart(10)}  (from ${String(Math.round(r.at ?? 0)).padStart(3)} s)  ${r.tests ?? ''}`,
  );
const cpuAll = results.reduce((n, r) => n + (r.cpu ?? 0), 0);
console.log(
  `total ${((Date.now() - t0) / 1000).toFixed(1)} s, ${cpuAll.toFixed(0)} CPU-s, ${slots} slot${slots === 1 ? '' : 's'} on ${cores} cores`,
);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(results.some((r) => r.status === 'FAILED') || failed ? 1 : 0);
