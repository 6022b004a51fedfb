// Scanning a 50 MB synthetic log for customer IDs (customer IDs, other UUIDs, hex noise), beside
// ripgrep counting the same pattern on the same file.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CUSTOMER_ID_PATTERN_SOURCE, countCustomerIds, customerIdScanner, findCustomerIds } from '../../src/core/customerId';
import { report } from './report';

const MB = 1024 * 1024;
const size = Number(process.env.BENCH_SCAN_MB ?? 50) * MB;

// 32-bit LCG in integer arithmetic (a float product lost precision and cycled: the old log held
// only 398 distinct UUIDs).
function rnd(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
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
const distinct = new Set(findCustomerIds(text).map((m) => m.id.toLowerCase())).size;

// ripgrep, one thread, counting matches: with its default engine and with PCRE2 (the scanner's own
// pattern, look-arounds and all). Both must count what the scanner finds.
const body = CUSTOMER_ID_PATTERN_SOURCE.slice(1, -1);
const rgRuns = [
  {
    name: 'ripgrep -j1, default engine',
    // The scanner's boundaries without look-around (the default engine has none): not after a word
    // character or a hex digit and a dash; not before a word character or a dash and a hex digit.
    // The boundary characters are consumed, which counts the same here: no two IDs in this log are
    // one character apart.
    args: [
      '-j1',
      '--count-matches',
      '--no-filename',
      `(?:^|[^0-9A-Za-z_-]|[^0-9A-Fa-f]-|^-)(?:${body})(?:$|[^0-9A-Za-z_-]|-[^0-9A-Fa-f]|-$)`,
      file,
    ],
  },
  { name: 'ripgrep -j1 --pcre2', args: ['-j1', '--pcre2', '--count-matches', '--no-filename', customerIdScanner().source, file] },
];
const haveRg = spawnSync('rg', ['--version']).status === 0;
const runRg = (args: string[]): number => Number(execFileSync('rg', args, { encoding: 'utf8' }).trim() || 0);
const time = (fn: () => void): number => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
// Interleaved: each round times the scanner and each ripgrep once, so load affects all alike.
const jsTimes: number[] = [];
const rgTimes: number[][] = rgRuns.map(() => []);
const rgCounts = haveRg ? rgRuns.map((r) => runRg(r.args)) : [];
countCustomerIds(text);
for (let round = 0; round < 5; round++) {
  jsTimes.push(time(() => countCustomerIds(text)));
  if (haveRg) rgRuns.forEach((r, k) => rgTimes[k]!.push(time(() => runRg(r.args))));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = median(jsTimes);
report(
  'scan',
  'customerId scanner',
  mb / (ms / 1000),
  'MB/s',
  `${found} IDs (${distinct} distinct) in ${mb.toFixed(1)} MB, ${ms.toFixed(0)} ms`,
);
if (haveRg) {
  rgRuns.forEach((r, k) => {
    const rgMs = median(rgTimes[k]!);
    report(
      'scan',
      r.name,
      mb / (rgMs / 1000),
      'MB/s',
      `${rgCounts[k]} IDs, ${rgMs.toFixed(0)} ms (whole process); the scanner is ${(rgMs / ms).toFixed(2)}x${rgCounts[k] === found ? '' : ' — COUNT DIFFERS'}`,
    );
  });
} else {
  report('scan', 'ripgrep', 0, 'MB/s', 'rg not installed (apt-get install ripgrep)');
}
fs.rmSync(file);
