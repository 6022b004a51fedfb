import fs from 'node:fs';
import { looksBinary, nextIdInBytes } from './byteScan';
import { IdTable } from './idTable';
import type { FileResult, ScanMode } from './protocol';

const NEWLINE = 10;
const NONE = new Uint32Array(0);
const utf8 = new TextDecoder('utf-8');

/**
 * Reads files into one reused buffer and scans their bytes. One per worker thread; plain Node, so the
 * unit tests and the benchmark use it directly too.
 */
export class FileScanner {
  private buf = Buffer.allocUnsafe(1 << 20);
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
      const size = fs.fstatSync(fd).size;
      if (size > this.maxFileBytes) return { file, bytes: size, skipped: 'too large', ids: NONE, counts: NONE };
      if (size + 1 > this.buf.length) this.buf = Buffer.allocUnsafe(Math.max(size + 1, this.buf.length * 2));
      let len = 0;
      // A file may grow while it is read: read until the end, within the limit.
      for (;;) {
        if (len === this.buf.length) {
          if (len >= this.maxFileBytes) return { file, bytes: len, skipped: 'too large', ids: NONE, counts: NONE };
          const bigger = Buffer.allocUnsafe(this.buf.length * 2);
          this.buf.copy(bigger, 0, 0, len);
          this.buf = bigger;
        }
        const n = fs.readSync(fd, this.buf, len, this.buf.length - len, len);
        if (n === 0) break;
        len += n;
      }
      return this.scanBytes(file, this.buf, len, mode, only);
    } catch {
      return { file, bytes: 0, skipped: 'unreadable', ids: NONE, counts: NONE };
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The IDs of `b[0..len)`. */
  scanBytes(file: string, b: Buffer, len: number, mode: ScanMode, only?: string): FileResult {
    if (looksBinary(b, len)) return { file, bytes: len, skipped: 'binary', ids: NONE, counts: NONE };
    if (mode === 'positions') return this.positions(file, b, len, only ?? '');
    for (let s = nextIdInBytes(b, len, 0); s >= 0; s = nextIdInBytes(b, len, s + 36)) this.table.add();
    return { file, bytes: len, ...this.table.take() };
  }

  /** Each mention of one ID: its line, and its character in UTF-16 code units as the editor counts them. */
  private positions(file: string, b: Buffer, len: number, only: string): FileResult {
    const target = Buffer.from(only.toLowerCase(), 'latin1');
    const positions: Array<[number, number]> = [];
    let line = 0;
    let lineStart = 0;
    let counted = 0;
    for (let s = nextIdInBytes(b, len, 0); s >= 0; s = nextIdInBytes(b, len, s + 36)) {
      if (!sameId(b, s, target)) continue;
      // Lines are counted only as far as the last mention of this ID.
      for (let i = counted; i < s; i++) {
        if (b[i] === NEWLINE) {
          line++;
          lineStart = i + 1;
        }
      }
      counted = s;
      positions.push([line, hasHighBytes(b, lineStart, s) ? utf8.decode(b.subarray(lineStart, s)).length : s - lineStart]);
    }
    return positions.length
      ? { file, bytes: len, ids: NONE, counts: Uint32Array.of(positions.length), positions }
      : { file, bytes: len, ids: NONE, counts: NONE };
  }
}

/** Whether the ID at `s` is `target` (lower case), whatever the case it is written in. */
function sameId(b: Uint8Array, s: number, target: Uint8Array): boolean {
  // Digits and dashes already have bit 0x20 set; it lower-cases A-F.
  for (let i = 0; i < 36; i++) if ((b[s + i]! | 0x20) !== target[i]) return false;
  return true;
}

function hasHighBytes(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i]! >= 0x80) return true;
  return false;
}
