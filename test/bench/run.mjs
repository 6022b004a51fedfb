#!/usr/bin/env node
// `npm run bench`: runs every out/test/bench/*.bench.js in its own process and prints one table.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.join(root, 'out', 'test', 'bench');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .sort();
const rows = [];
for (const f of files) {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(dir, f)], { encoding: 'utf8', cwd: root, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(`${f} failed:\n${r.stderr}`);
    process.exitCode = 1;
  }
  for (const line of r.stdout.split('\n')) if (line.startsWith('BENCH ')) rows.push(JSON.parse(line.slice(6)));
}
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
console.log(`\nCareCycle benchmarks — ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
const w = [10, 46, 12, 7];
console.log(`${'bench'.padEnd(w[0])} ${'metric'.padEnd(w[1])} ${'value'.padStart(w[2])} ${'unit'.padEnd(w[3])} note`);
console.log('-'.repeat(110));
for (const r of rows)
  console.log(`${r.bench.padEnd(w[0])} ${r.metric.padEnd(w[1])} ${fmt(r.value).padStart(w[2])} ${r.unit.padEnd(w[3])} ${r.note}`);
