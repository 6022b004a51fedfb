// Every mention of a customer across a workspace, against ripgrep. The bench writes a workspace of
// 10,000 files, 1 GB of mixed code, JSON and logs (deleted after), then times, alternating, three
// runs each of: the extension's scan (listing the files with ignore files and excludes, then reading
// and scanning them as bytes on two worker threads), and `rg -j2 --count-matches` with the project's
// pattern, for the ripgrep on PATH and the one VS Code ships. Both must find the same number of
// customer IDs. Then Find All References for one ID: when its results are ready, and the longest
// block of the calling thread (the extension host's) meanwhile.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CUSTOMER_ID_PATTERN_SOURCE } from '../../src/core/customerId';
import { DEFAULT_SEARCH_EXCLUDE } from '../../src/core/workspace/defaults';
import { DEFAULT_MAX_FILE_BYTES, ScanPool } from '../../src/core/workspace/pool';
import type { FileResult } from '../../src/core/workspace/protocol';
import { writeWorkspace } from '../support/workspaceGen';
import { longestBlock, report } from './report';

const FILES = Number(process.env.CARECYCLE_BENCH_FILES ?? 10_000);
const BYTES = Number(process.env.CARECYCLE_BENCH_BYTES ?? 1024 ** 3);
const root = path.join(__dirname, '..', '..', '..');

function ripgreps(): Array<{ name: string; bin: string }> {
  const found: Array<{ name: string; bin: string }> = [];
  const onPath = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) found.push({ name: onPath.stdout.split('\n')[0]!, bin: 'rg' });
  const cache = process.env.CARECYCLE_HOST_CACHE ?? path.join(os.homedir(), '.cache', 'carecycle-vscode-test');
  for (const d of fs.existsSync(cache) ? fs.readdirSync(cache) : []) {
    const bin = path.join(cache, d, 'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg');
    const alt = path.join(cache, d, 'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
    for (const b of [bin, alt]) {
      if (!fs.existsSync(b)) continue;
      const v = spawnSync(b, ['--version'], { encoding: 'utf8' });
      if (v.status === 0) found.push({ name: `${v.stdout.split('\n')[0]!} (VS Code's)`, bin: b });
    }
  }
  return found;
}

const body = CUSTOMER_ID_PATTERN_SOURCE.slice(1, -1);
const exact = `(?<![0-9A-Za-z_])(?<![0-9A-Fa-f]-)(?:${body})(?![0-9A-Za-z_])(?!-[0-9A-Fa-f])`;
const excludeGlobs = Object.keys(DEFAULT_SEARCH_EXCLUDE).flatMap((g) => ['-g', `!${g.replace(/^\*\*\//, '')}`]);

function rg(bin: string, dir: string, pcre: boolean): { ms: number; count: number } {
  const args = [
    '-j2',
    '--count-matches',
    '--no-require-git',
    '--hidden',
    '--no-messages',
    ...excludeGlobs,
    ...(pcre ? ['-P', '-e', exact] : ['-e', body]),
    dir,
  ];
  const t0 = performance.now();
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${bin} failed: ${r.stderr}`);
  let count = 0;
  for (const line of r.stdout.split('\n')) if (line) count += Number(line.slice(line.lastIndexOf(':') + 1));
  return { ms, count };
}

async function ours(
  pool: ScanPool,
  dir: string,
): Promise<{ listMs: number; scanMs: number; totalMs: number; count: number; skipped: number }> {
  const roots = [{ root: dir, exclude: DEFAULT_SEARCH_EXCLUDE, useIgnoreFiles: true }];
  const o = { mode: 'count', maxFileBytes: DEFAULT_MAX_FILE_BYTES } as const;
  // The listing alone and the reading and scanning alone, for their own figures; then the scan as
  // the extension runs it, reading files while the listing goes on.
  const t0 = performance.now();
  const files = await pool.list(roots);
  const t1 = performance.now();
  await pool.scan(files, o, () => undefined);
  const t2 = performance.now();
  let count = 0;
  let skipped = 0;
  await pool.listAndScan(roots, o, (rs) => {
    for (const r of rs) {
      if (r.skipped) skipped++;
      for (const c of r.counts) count += c;
    }
  });
  return { listMs: t1 - t0, scanMs: t2 - t1, totalMs: performance.now() - t2, count, skipped };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  // Log-heavy (an ID every 170 bytes: logs with customer and request IDs on most lines), then
  // code-heavy (an ID every 2-3 KB).
  for (const sparse of [false, true]) await tree(sparse);
}

async function tree(sparse: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carecycle-bench-ws-'));
  const bench = sparse ? 'ws sparse' : 'ws dense';
  try {
    const t0 = performance.now();
    const ws = writeWorkspace(dir, FILES, BYTES, 7, sparse);
    const gb = ws.bytes / 1024 ** 3;
    report(
      bench,
      'generated workspace',
      ws.bytes / 1024 ** 2,
      'MB',
      `${FILES} files in ${((performance.now() - t0) / 1000).toFixed(1)} s (+ ignored, node_modules, binary)`,
    );
    const pool = new ScanPool(path.join(root, 'dist', 'scanWorker.js'), 2);
    const rgs = ripgreps();
    // Warm: the page cache holds the files for everyone alike.
    await ours(pool, dir);
    for (const r of rgs) rg(r.bin, dir, false);
    const mine: Array<Awaited<ReturnType<typeof ours>>> = [];
    const theirs = new Map<string, { ms: number[]; count: number }>();
    for (let round = 0; round < 3; round++) {
      mine.push(await ours(pool, dir));
      for (const r of rgs)
        for (const pcre of [false, true]) {
          const key = `${r.name}${pcre ? ', -P (the exact pattern)' : ', default engine (no boundaries)'}`;
          const x = rg(r.bin, dir, pcre);
          const e = theirs.get(key) ?? { ms: [], count: x.count };
          e.ms.push(x.ms);
          theirs.set(key, e);
        }
    }
    const total = median(mine.map((m) => m.totalMs));
    const count = mine[0]!.count;
    report(
      bench,
      'scan: list, read and scan (median of 3)',
      total,
      'ms',
      `${count} customer IDs; ${(gb / (total / 1000)).toFixed(2)} GB/s; skipped ${mine[0]!.skipped} binary`,
    );
    report(
      bench,
      '  listing the files, alone',
      median(mine.map((m) => m.listMs)),
      'ms',
      'ignore files, files.exclude + search.exclude; in the scan, files are read while the listing goes on',
    );
    report(bench, '  reading and scanning the listed files, alone', median(mine.map((m) => m.scanMs)), 'ms', '2 worker threads, bytes');
    let best = Number.POSITIVE_INFINITY;
    for (const [name, e] of theirs) {
      const ms = median(e.ms);
      best = Math.min(best, ms);
      const same = e.count === count ? 'same count' : `COUNT DIFFERS: ${e.count}`;
      report(bench, `rg -j2 --count-matches`, ms, 'ms', `${name}: ${same}; ours is ${((100 * total) / ms).toFixed(0)}% of its time`);
      if (e.count !== count) process.exitCode = 1;
    }
    if (rgs.length === 0) report(bench, 'rg', NaN, '', 'no ripgrep found (PATH, or the test host cache)');

    // Find All References for one ID: every mention with line and character.
    const id = ws.customers[17]!;
    if (sparse) {
      pool.dispose();
      return;
    }
    const refs = await longestBlock(async () => {
      const start = performance.now();
      const found: FileResult[] = [];
      await pool.listAndScan(
        [{ root: dir, exclude: DEFAULT_SEARCH_EXCLUDE, useIgnoreFiles: true }],
        { mode: 'positions', only: id, maxFileBytes: DEFAULT_MAX_FILE_BYTES },
        (rs) => found.push(...rs.filter((r) => r.positions?.length)),
      );
      return { ms: performance.now() - start, mentions: found.reduce((n, r) => n + (r.positions?.length ?? 0), 0), files: found.length };
    });
    report(
      bench,
      'Find All References: results ready',
      refs.result.ms,
      'ms',
      `${refs.result.mentions} mentions in ${refs.result.files} files`,
    );
    report(bench, 'Find All References: longest block of the host', refs.blockMs, 'ms', 'the calling thread, sampled every 1 ms');
    pool.dispose();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
