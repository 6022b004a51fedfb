import fs from 'node:fs';
import { IdTable } from './idTable';
import type { FileResult, ScanMode } from './protocol';
import { IdScanner } from './wasmScan';

const NEWLINE = 10;
/** The least room a file is read into at once. */
const MIN_READ = 1 << 20;
const NONE = new Uint32Array(0);
const utf8 = new TextDecoder('utf-8');

/**
 * Reads files straight into the memory of the WebAssembly scanner (./wasmScan.ts) and counts or
 * places their IDs. One per worker thread; plain Node, so the unit tests and the benchmark use it
 * directly too.
 */
export class FileScanner {
  private readonly ids = new IdScanner();
  private readonly table = new IdTable();

  constructor(readonly maxFileBytes: number) {}

  scanPath(file: string, mode: ScanMode, only?: string): FileResult {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      return { file, bytes: 0, skipped: 'unreadable', ids: NONE, counts: NONE };
    }
    try {
      const max = this.maxFileBytes;
      // Most files fit in the room there is: one read, and a short read is the end of the file.
      let b = this.ids.input(Math.min(Math.max(this.ids.capacity, MIN_READ), max + 1));
      let len = fs.readSync(fd, b, 0, b.length, 0);
      if (len === b.length) {
        const size = fs.fstatSync(fd).size;
        if (size > max) return { file, bytes: size, skipped: 'too large', ids: NONE, counts: NONE };
        // A file may grow while it is read: read until the end, within the limit.
        for (;;) {
          if (len === b.length) {
            if (len > max) return { file, bytes: len, skipped: 'too large', ids: NONE, counts: NONE };
            b = this.ids.input(Math.min(Math.max(size + 1, len * 2), max + 1));
          }
          const n = fs.readSync(fd, b, len, b.length - len, len);
          if (n === 0) break;
          len += n;
        }
      }
      return this.scanned(file, b, len, mode, only);
    } catch {
      return { file, bytes: 0, skipped: 'unreadable', ids: NONE, counts: NONE };
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The IDs of `b[0..len)` (text that is not read from a file). */
  scanBytes(file: string, b: Uint8Array, len: number, mode: ScanMode, only?: string): FileResult {
    return this.scanned(file, this.ids.set(b, len), len, mode, only);
  }

  /** The IDs of the scanner's input, `b[0..len)`. */
  private scanned(file: string, b: Uint8Array, len: number, mode: ScanMode, only?: string): FileResult {
    // Binary the way ripgrep and VS Code's search decide: a NUL in the first 8 KiB.
    if (this.ids.hasNul(Math.min(len, 8192))) return { file, bytes: len, skipped: 'binary', ids: NONE, counts: NONE };
    if (mode === 'positions') return this.positions(file, b, len, only ?? '');
    const { ids, table } = this;
    ids.start(len);
    for (let n = ids.next(); n > 0; n = ids.next()) {
      const w = ids.results;
      for (let i = 0, o = ids.at; i < n; i++, o += 5) table.add(w[o + 1]!, w[o + 2]!, w[o + 3]!, w[o + 4]!);
    }
    return { file, bytes: len, ...table.take() };
  }

  /** Each mention of one ID: its line, and its character in UTF-16 code units as the editor counts them. */
  private positions(file: string, b: Uint8Array, len: number, only: string): FileResult {
    const [t0, t1, t2, t3] = wordsOf(only);
    const positions: Array<[number, number]> = [];
    let line = 0;
    let lineStart = 0;
    let counted = 0;
    this.ids.scan(len, (s, w0, w1, w2, w3) => {
      if (w0 !== t0 || w1 !== t1 || w2 !== t2 || w3 !== t3) return;
      // Lines are counted only as far as the last mention of this ID.
      for (let i = counted; i < s; i++) {
        if (b[i] === NEWLINE) {
          line++;
          lineStart = i + 1;
        }
      }
      counted = s;
      positions.push([line, hasHighBytes(b, lineStart, s) ? utf8.decode(b.subarray(lineStart, s)).length : s - lineStart]);
    });
    return positions.length
      ? { file, bytes: len, ids: NONE, counts: Uint32Array.of(positions.length), positions }
      : { file, bytes: len, ids: NONE, counts: NONE };
  }
}

/** An ID's four words (see idFromWords); words no ID has when `id` is not one. */
function wordsOf(id: string): [number, number, number, number] {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return [-1, -1, -1, -1];
  return [0, 8, 16, 24].map((i) => parseInt(hex.slice(i, i + 8), 16)) as [number, number, number, number];
}

function hasHighBytes(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i]! >= 0x80) return true;
  return false;
}
