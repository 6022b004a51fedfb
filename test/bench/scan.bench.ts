// Scanning a 50 MB synthetic log for customer IDs (customer IDs, other UUIDs, hex noise), beside
// ripgrep counting the same pattern on the same file.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countCustomerIds, customerIdScanner } from '../../src/core/customerId';
import { report, timeIt } from './report';

const MB = 1024 * 1024;
const size = Number(process.env.BENCH_SCAN_MB ?? 50) * MB;

function rnd(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}
const r = rnd(42);
const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const uuid = (version: string, variant: string): string => `${hex(8)}-${hex(4)}-${version}${hex(3)}-${variant}${hex(3)}-${hex(12)}`;

const lines: string[] = [];
let bytes = 0;
let expected = 0;
while (bytes < size) {
  const kind = r();
  let line: string;
  if (kind < 0.3) {
    line = `2026-11-27T09:14:02.118Z INFO api.request GET /v2/customers/${uuid('4', '8')} status=200 duration_ms=84`;
    expected++;
  } else if (kind < 0.45) {
    line = `2026-11-27T09:14:05.502Z WARN sync customer="${uuid('7', 'b')}" request_id=${uuid('0', 'c')} retry=1`;
    expected++;
  } else if (kind < 0.7) {
    line = `2026-11-27T09:15:11.004Z DEBUG session=${hex(32)} trace=${hex(16)} span=${hex(8)}-${hex(4)}`;
  } else {
    line = `2026-11-27T09:16:20.000Z INFO cache key=${hex(40)} ${uuid('4', '9')}-0001 ttl=300 nothing to see here`;
  }
  lines.push(line);
  bytes += line.length + 1;
}
const text = lines.join('\n');
const file = path.join(os.tmpdir(), `carecycle-bench-${process.pid}.log`);
fs.writeFileSync(file, text);
const mb = Buffer.byteLength(text) / MB;

const found = countCustomerIds(text);
if (found !== expected) throw new Error(`scanner found ${found}, expected ${expected}`);
const ms = timeIt(() => countCustomerIds(text), 5, 1);
report('scan', 'customerId scanner', mb / (ms / 1000), 'MB/s', `${found} IDs in ${mb.toFixed(1)} MB, ${ms.toFixed(0)} ms`);

const rg = spawnSync('rg', ['--version']);
if (rg.status === 0) {
  const pattern = customerIdScanner().source;
  const runRg = (): number =>
    Number(execFileSync('rg', ['--pcre2', '--count-matches', '--no-filename', pattern, file], { encoding: 'utf8' }).trim() || 0);
  const rgCount = runRg();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    runRg();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const rgMs = times[2] ?? NaN;
  report(
    'scan',
    'ripgrep --pcre2 (same pattern)',
    mb / (rgMs / 1000),
    'MB/s',
    `${rgCount} IDs, ${rgMs.toFixed(0)} ms (whole process)${rgCount === found ? '' : ' — COUNT DIFFERS'}`,
  );
} else {
  report('scan', 'ripgrep', 0, 'MB/s', 'rg not installed (apt-get install ripgrep)');
}
fs.rmSync(file);
