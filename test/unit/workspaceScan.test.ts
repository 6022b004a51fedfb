import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { customerIdScanner } from '../../src/core/customerId';
import { debugValueText } from '../../src/core/debugValue';
import { DEFAULT_SEARCH_EXCLUDE } from '../../src/core/workspace/defaults';
import { DEFAULT_MAX_FILE_BYTES, ScanPool } from '../../src/core/workspace/pool';
import { idsOf, type FileResult } from '../../src/core/workspace/protocol';
import { FileScanner } from '../../src/core/workspace/scanFile';
import { excludeTest, walkFolder } from '../../src/core/workspace/walk';
import { IdScanner } from '../../src/core/workspace/wasmScan';
import { rng, uuid, writeWorkspace } from '../support/workspaceGen';

const V4 = '497f6eca-6276-4993-bfeb-53cbbbba6f08';
const WORKER = path.join(__dirname, '..', '..', '..', 'dist', 'scanWorker.js');

describe('the workspace scanner', () => {
  describe('bytes', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEF');
    const hexN = (n: number) => fc.string({ unit: hex, minLength: n, maxLength: n });
    const uuidish = fc.tuple(hexN(8), hexN(4), hexN(4), hexN(4), hexN(12)).map((p) => p.join('-'));
    const anyChars = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFxyz-_ {}"\n'), maxLength: 40 });
    const piece = fc.oneof(
      uuidish,
      anyChars,
      fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
        V4,
      ),
      fc.constantFrom('-', '--', '_', 'a-', '-f', 'é', '€', '0000', 'ffff-', '-ABCD', ' ', '"', '/', '=', '\n', '\u0000'.slice(1)),
      uuidish.map((u) => `${u.slice(0, 14)}0${u.slice(15)}`),
      uuidish.map((u) => u.replace('-', '')),
      fc.string({ unit: hex, minLength: 30, maxLength: 80 }),
    );
    const ids = new IdScanner();
    it('finds exactly what the scanning regex finds in the text, at the same places (byte offsets of UTF-8)', () => {
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
          const text = parts.join('');
          const b = Buffer.from(text, 'utf8');
          const expected = [...text.matchAll(customerIdScanner())].map((m) => Buffer.byteLength(text.slice(0, m.index)));
          const found: number[] = [];
          const words: string[] = [];
          ids.set(b);
          ids.scan(b.length, (s, ...w) => {
            found.push(s);
            words.push(idsOf({ ids: Uint32Array.from(w) })[0]!);
          });
          assert.deepEqual(found, expected);
          // Each one's words are its digits, case folded.
          assert.deepEqual(
            words,
            expected.map((at) =>
              b
                .subarray(at, at + 36)
                .toString('latin1')
                .toLowerCase(),
            ),
          );
        }),
        { numRuns: 20_000 },
      );
    });
    it('finds them in long texts too: at every place in the 64-byte blocks it reads, and past 4,096 in one text', () => {
      const regexOffsets = (text: string): number[] =>
        [...text.matchAll(customerIdScanner())].map((m) => Buffer.byteLength(text.slice(0, m.index)));
      const scanned = (text: string): number[] => {
        const b = Buffer.from(text, 'utf8');
        const found: number[] = [];
        ids.set(b);
        ids.scan(b.length, (s) => found.push(s));
        return found;
      };
      fc.assert(
        fc.property(fc.array(piece, { minLength: 50, maxLength: 400 }), (parts) => {
          const text = parts.join('');
          assert.deepEqual(scanned(text), regexOffsets(text));
        }),
        { numRuns: 300 },
      );
      // An ID at each offset of a block, against the end of the text, and after a dash that is not its own.
      for (let shift = 0; shift < 130; shift++) {
        for (const text of [`${'x'.repeat(shift)} ${V4}`, `${'-'.repeat(shift)}${V4}-`, `${'a'.repeat(shift)}-${V4} ${V4}`]) {
          assert.deepEqual(scanned(text), regexOffsets(text), `shift ${shift}: ${text}`);
        }
      }
      const many = Array.from({ length: 10_000 }, (_, i) => `${i % 7 ? ' ' : '\n'}${V4}`).join('');
      const found = scanned(many);
      assert.equal(found.length, 10_000);
      assert.deepEqual(found, regexOffsets(many));
      // What the last call wrote is not read as the start of the next text.
      assert.deepEqual(scanned(`${V4} x`), [0]);
    });
    it('counts the distinct IDs of a text in order of first mention, 90,000 of them, whatever the case', () => {
      const r = rng(3);
      const pool = Array.from({ length: 90_000 }, () => uuid(r));
      // Some again, in upper case, a while later: their counts add up.
      const order = [...pool, ...pool.slice(0, 30_000).map((u) => u.toUpperCase()), ...pool.slice(60_000, 61_000)];
      const text = order.join(' ');
      const expected = new Map<string, number>();
      for (const m of text.matchAll(customerIdScanner())) {
        const id = m[0].toLowerCase();
        expected.set(id, (expected.get(id) ?? 0) + 1);
      }
      const b = Buffer.from(text);
      for (let round = 0; round < 2; round++) {
        const got = new FileScanner(1e8).scanBytes('f', b, b.length, 'count');
        assert.deepEqual(idsOf(got), [...expected.keys()]);
        assert.deepEqual([...got.counts], [...expected.values()]);
      }
      // The counts start again with each text: a short one counts only its own.
      const s = new FileScanner(1e8);
      s.scanBytes('f', b, b.length, 'count');
      const small = Buffer.from(`${pool[5]} ${pool[5]}`);
      const after = s.scanBytes('g', small, small.length, 'count');
      assert.deepEqual(idsOf(after), [pool[5]]);
      assert.deepEqual([...after.counts], [2]);
    });
    it('counts each ID once whatever its case, in order of first mention; positions in UTF-16 characters', () => {
      const s = new FileScanner(1e6);
      const text = `€ ${V4.toUpperCase()} x ${V4}\nnext: ${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)} é ${V4}`;
      const b = Buffer.from(text);
      const r = s.scanBytes('f', b, b.length, 'count');
      assert.deepEqual(idsOf(r), [V4, '00000000-0000-0000-0000-000000000000']);
      assert.deepEqual([...r.counts], [3, 1]);
      const p = s.scanBytes('f', b, b.length, 'positions', V4);
      assert.deepEqual(p.positions, [
        [0, 2],
        [0, 41],
        [1, text.split('\n')[1]!.lastIndexOf(V4)],
      ]);
    });
    it('skips a binary file (a NUL in its first 8 KiB) and says so', () => {
      const b = Buffer.concat([Buffer.from([0]), Buffer.from(` ${V4} `)]);
      assert.equal(new FileScanner(1e6).scanBytes('f', b, b.length, 'count').skipped, 'binary');
    });
  });

  describe('which files', () => {
    it("reads an exclude glob as picomatch does (VS Code's glob semantics), by name where it is one", () => {
      const globs = ['**/node_modules', '**/.git', '**/*.code-search', 'build/**', '**/x[12]', '**/{a,b}', 'docs/*.md', '**/@(c|d)'];
      const test = excludeTest(Object.fromEntries(globs.map((g) => [g, true])));
      const oracle = picomatch(globs, { dot: true });
      const paths = [
        'node_modules',
        'a/node_modules',
        'a/node_modules/x',
        'node_modules2',
        'a/my-node_modules',
        '.git',
        'src/.git',
        '.gitignore',
        'q.code-search',
        'a/.code-search',
        'build',
        'build/x',
        'a/build',
        'x1',
        'a/x2',
        'x3',
        'a',
        'b/a',
        'docs/a.md',
        'docs/x/a.md',
        'c',
        'e/d',
        'e',
      ];
      for (const p of paths)
        assert.equal(
          test(p, () => new Set()),
          oracle(p),
          p,
        );
    });

    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carecycle-walk-'));
      const put = (rel: string, body = V4): void => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), body);
      };
      put('.gitignore', 'build/\n*.tmp\n!keep.tmp\n');
      put('src/a.ts');
      put('src/b.tmp');
      put('src/keep.tmp');
      put('build/out.js');
      put('node_modules/x/index.js');
      put('.git/config');
      put('lib/.ignore', 'secret.txt\n');
      put('lib/secret.txt');
      put('lib/open.txt');
      put('gen/c.js');
      put('gen/c.ts');
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const walk = (exclude: Record<string, boolean | { when: string }>, useIgnoreFiles = true): string[] => {
      const out: string[] = [];
      walkFolder(dir, { exclude, useIgnoreFiles }, (f) => out.push(...f.map((x) => path.relative(dir, x))));
      return out.sort();
    };
    it('honours files.exclude, search.exclude, ignore files (nested, with negations) as VS Code search does', () => {
      assert.deepEqual(walk({ ...DEFAULT_SEARCH_EXCLUDE, '**/*.js': { when: '$(basename).ts' } }), [
        '.gitignore',
        'gen/c.ts',
        'lib/.ignore',
        'lib/open.txt',
        'src/a.ts',
        'src/keep.tmp',
      ]);
    });
    it('reads ignored files when search.useIgnoreFiles is off', () => {
      assert.ok(walk(DEFAULT_SEARCH_EXCLUDE, false).includes('build/out.js'));
      assert.ok(walk(DEFAULT_SEARCH_EXCLUDE, false).includes('lib/secret.txt'));
    });
  });

  describe('worker threads', () => {
    /** A generated workspace of `n` files and `bytes`, listed by a pool of two workers; both gone after. */
    async function withWorkspace(n: number, bytes: number, body: (pool: ScanPool, files: string[]) => Promise<void>): Promise<void> {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carecycle-pool-'));
      const pool = new ScanPool(WORKER, 2);
      try {
        writeWorkspace(dir, n, bytes);
        await body(pool, await pool.list([{ root: dir, exclude: DEFAULT_SEARCH_EXCLUDE, useIgnoreFiles: true }]));
      } finally {
        pool.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }

    it('lists and scans on two workers; the counts match a scan on this thread', () =>
      withWorkspace(200, 4_000_000, async (pool, files) => {
        let n = 0;
        await pool.scan(files, { mode: 'count', maxFileBytes: DEFAULT_MAX_FILE_BYTES }, (rs) => {
          for (const r of rs) n += r.counts.reduce((a, b) => a + b, 0);
        });
        const here = new FileScanner(DEFAULT_MAX_FILE_BYTES);
        const expected = files.reduce((sum, f) => sum + here.scanPath(f, 'count').counts.reduce((a, b) => a + b, 0), 0);
        assert.ok(expected > 1000);
        assert.equal(n, expected);
      }));
    it('a cancelled scan is answered at once, and nothing of it arrives after', () =>
      withWorkspace(400, 8_000_000, async (pool, files) => {
        const stop = new AbortController();
        const got: FileResult[] = [];
        let afterCancel = 0;
        const scanning = pool.scan(
          files,
          { mode: 'count', maxFileBytes: DEFAULT_MAX_FILE_BYTES },
          (rs) => {
            if (stop.signal.aborted) afterCancel++;
            got.push(...rs);
            stop.abort();
          },
          stop.signal,
        );
        await assert.rejects(scanning, (e: Error) => e.name === 'AbortError');
        assert.equal(afterCancel, 0);
        assert.ok(got.length < files.length, 'it stopped before the end');
        // The pool takes the next job as usual.
        let n = 0;
        await pool.scan(files.slice(0, 5), { mode: 'count', maxFileBytes: DEFAULT_MAX_FILE_BYTES }, (rs) => (n += rs.length));
        assert.ok(n > 0);
      }));
  });

  describe('a debugger value', () => {
    it('is read from what the Variables and Watch views hand the command', () => {
      assert.equal(debugValueText({ sessionId: 's', container: {}, variable: { name: 'id', value: `'${V4}'` } }), `'${V4}'`);
      assert.equal(debugValueText({ expression: { name: 'x', value: V4 } }), V4);
      assert.equal(debugValueText(V4), V4);
      assert.equal(debugValueText({ variable: { value: 42 } }), undefined);
      assert.equal(debugValueText(undefined), undefined);
    });
  });
});
