import fs from 'node:fs';
import path from 'node:path';

/** A small seeded generator, so that every run writes the same workspace. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
function hex(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[Math.floor(r() * 16)];
  return s;
}
/** A UUID of version 4 (a customer ID shape) or, with `version` '0', one no customer ID can be. */
export function uuid(r: () => number, version = '4'): string {
  return `${hex(r, 8)}-${hex(r, 4)}-${version}${hex(r, 3)}-${'89ab'[Math.floor(r() * 4)]}${hex(r, 3)}-${hex(r, 12)}`;
}

/**
 * About `bytes` of mixed text as people's repositories hold it: logs, JSON fixtures and code, with
 * customer IDs (from `customers`, a few in upper case), request IDs, IDs no customer can have (version
 * 0), hashes, dates and ordinary prose and code. No ID sits at a boundary the two searches could read
 * differently, so ripgrep's count of the pattern and the extension's must agree.
 */
export function mixedText(r: () => number, bytes: number, customers: readonly string[], sparse = false): string {
  const parts: string[] = [];
  let n = 0;
  const cust = (): string => {
    const id = customers[Math.floor(r() * customers.length)]!;
    return r() < 0.01 ? id.toUpperCase() : id;
  };
  while (n < bytes) {
    // Sparse: a code-heavy tree, where about one line in thirty holds an ID (one per 2-3 KB).
    const k = sparse ? (r() < 0.035 ? r() * 0.62 : 0.62 + r() * 0.38) : r();
    let line: string;
    if (k < 0.3)
      line = `2026-11-27T09:${String(Math.floor(r() * 60)).padStart(2, '0')}:02.118Z INFO  api.request GET /v2/customers/${cust()} status=200 duration_ms=${Math.floor(r() * 900)} trace=${hex(r, 16)} request_id=${uuid(r)}\n`;
    else if (k < 0.45)
      line = `  { "customerId": "${cust()}", "name": "Jane Q. Public", "plan": "H1036-077", "updatedAt": "2026-10-01T12:00:00Z" },\n`;
    else if (k < 0.55) line = `  await renew('${cust()}', { dryRun: true }); // ticket CC-2291, commit ${hex(r, 40)}\n`;
    else if (k < 0.62) line = `2026-11-27T09:15:11.004Z DEBUG queue.poll span=${uuid(r, '0')} lag_ms=${Math.floor(r() * 99)} state=idle\n`;
    else if (k < 0.8)
      line = `const total = items.reduce((sum, item) => sum + item.amount * (1 - discount), 0); // keep in step with billing\n`;
    else line = `The agent called back about the plan change; the beneficiary asked for a copy of the scope of appointment form.\n`;
    parts.push(line);
    n += line.length;
  }
  return parts.join('');
}

export interface GeneratedWorkspace {
  readonly root: string;
  readonly files: number;
  readonly bytes: number;
  /** Customer IDs used, in lower case. */
  readonly customers: readonly string[];
}

/**
 * Writes `files` files of about `totalBytes` together under `root`: code, JSON and logs in 100
 * folders, plus what a search must leave out (a git-ignored folder, node_modules, binary files).
 */
export function writeWorkspace(root: string, files: number, totalBytes: number, seed = 7, sparse = false): GeneratedWorkspace {
  const r = rng(seed);
  const customers = Array.from({ length: 5000 }, () => uuid(r));
  // 32 blocks of text; each file is a slice of one, cut at line ends.
  const blockBytes = Math.max(64 * 1024, Math.ceil((4 * totalBytes) / files));
  const blocks = Array.from({ length: 32 }, () => Buffer.from(mixedText(r, blockBytes, customers, sparse)));
  const ext = ['.log', '.json', '.ts', '.txt', '.md'];
  let bytes = 0;
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, '.gitignore'), 'ignored/\n*.tmp\n');
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `pkg${String(i % 100).padStart(2, '0')}`, i % 3 === 0 ? 'fixtures' : 'src');
    fs.mkdirSync(dir, { recursive: true });
    const block = blocks[i % blocks.length]!;
    const want = Math.floor((totalBytes / files) * (0.2 + 1.6 * r()));
    let start = Math.floor(r() * Math.max(1, block.length - want));
    start = block.indexOf(10, start) + 1;
    let end = Math.min(block.length, start + want);
    end = block.lastIndexOf(10, end - 1) + 1;
    const body = block.subarray(start, Math.max(start, end));
    fs.writeFileSync(path.join(dir, `file${i}${ext[i % ext.length]}`), body);
    bytes += body.length;
  }
  // Left out by every search: ignored by .gitignore, node_modules (search.exclude), binary files.
  const out = Buffer.from(mixedText(r, 50_000, customers));
  for (const d of ['ignored', 'node_modules/some-lib']) {
    fs.mkdirSync(path.join(root, d), { recursive: true });
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(root, d, `f${i}.log`), out);
  }
  fs.writeFileSync(path.join(root, 'pkg00', 'scratch.tmp'), out);
  for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(root, 'pkg01', `blob${i}.bin`), Buffer.concat([Buffer.from([0, 1, 2, 0]), out]));
  return { root, files, bytes, customers };
}
