// Scanning a 50 MB synthetic log for customer IDs (customer IDs, other UUIDs, hex noise), beside
// ripgrep counting the same pattern on the same file.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CUSTOMER_ID_PATTERN_SOURCE,
  countCustomerIds,
  customerIdScanner,
  findCustomerIds,
  isAmongFirstIds,
  MAX_LINKS_PER_DOCUMENT,
} from '../../src/core/customerId';
import { syntheticLog } from '../support/syntheticLog';
import { report } from './report';

const MB = 1024 * 1024;
const size = Number(process.env.BENCH_SCAN_MB ?? 50) * MB;

const { text, customerIds: expected } = syntheticLog(size);
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

// Ctrl+click on the 20 MB log: what the link provider computes for the whole document (VS Code asks
// on open and on every change), and what the definition provider computes for one position (the
// last ID, the farthest from the start) when the click is past the link cap.
{
  const log20 = syntheticLog(20 * MB, 7).text;
  const all = findCustomerIds(log20);
  const last = all.at(-1)!;
  const linkMs = median(Array.from({ length: 5 }, () => time(() => findCustomerIds(log20, MAX_LINKS_PER_DOCUMENT))));
  report(
    'scan',
    'link provider, 20 MB log',
    linkMs,
    'ms',
    `${Math.min(all.length, MAX_LINKS_PER_DOCUMENT)} links of ${all.length} IDs (the first ${MAX_LINKS_PER_DOCUMENT})`,
  );
  // As the extension host's document gives it: one line at a time.
  const lines = log20.split('\n');
  const lastLine = lines.length - 1 - [...lines].reverse().findIndex((l) => l.includes(last.id));
  const lastChar = lines[lastLine]!.indexOf(last.id);
  let linked = true;
  const defMs = median(
    Array.from({ length: 5 }, () =>
      time(() => (linked = isAmongFirstIds((i) => lines[i] ?? '', lastLine, lastChar, MAX_LINKS_PER_DOCUMENT))),
    ),
  );
  report(
    'scan',
    'definition provider, last ID of the 20 MB log',
    defMs,
    'ms',
    linked ? 'WRONG: said linked' : 'a definition (past the link cap)',
  );
}
