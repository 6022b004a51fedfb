import { idFromWords } from './idTable';
import type { WalkOptions } from './walk';

/** Messages between the workspace scanner (./pool.ts) and its worker threads (./scanWorker.ts). */

/** A workspace folder and how it is searched. */
export interface WalkRoot extends WalkOptions {
  readonly root: string;
}

export type ScanMode =
  /** Distinct IDs and counts per file (the figure ripgrep's --count-matches gives). */
  | 'count'
  /** Only one ID, with the line and UTF-16 character of each mention (Find All References). */
  | 'positions';

export type ToWorker =
  | { readonly type: 'walk'; readonly job: number; readonly roots: readonly WalkRoot[]; readonly ctrl: SharedArrayBuffer }
  | {
      readonly type: 'scan';
      readonly job: number;
      readonly files: readonly string[];
      /** Int32Array: [0] the next file to take, [1] non-zero once cancelled. Shared by the workers of a job. */
      readonly ctrl: SharedArrayBuffer;
      readonly mode: ScanMode;
      /** For 'positions': the ID, in lower case. */
      readonly only?: string | undefined;
      readonly maxFileBytes: number;
    };

export type SkipReason = 'binary' | 'too large' | 'unreadable';

export interface FileResult {
  readonly file: string;
  readonly bytes: number;
  readonly skipped?: SkipReason | undefined;
  /** Distinct IDs in order of first mention, four 32-bit words each (see idFromWords), and their counts. */
  readonly ids: Uint32Array;
  readonly counts: Uint32Array;
  /** 'positions': [line, character] of each mention of the one ID. */
  readonly positions?: ReadonlyArray<readonly [number, number]> | undefined;
}

export type FromWorker =
  | { readonly type: 'files'; readonly job: number; readonly files: string[] }
  | { readonly type: 'walked'; readonly job: number }
  | { readonly type: 'results'; readonly job: number; readonly results: PackedResults }
  | { readonly type: 'scanned'; readonly job: number }
  | { readonly type: 'failed'; readonly job: number; readonly message: string };

/**
 * The results of many files as one message: their IDs' words and counts in one array each, so that
 * a message copies a few arrays, not two per file (ResultPacker writes it, unpackResults reads it).
 */
export interface PackedResults {
  readonly files: string[];
  readonly bytes: number[];
  readonly skipped: Array<SkipReason | 0>;
  /** How many distinct IDs each file has. */
  readonly distinct: number[];
  readonly ids: Uint32Array;
  readonly counts: Uint32Array;
  readonly positions: Array<ReadonlyArray<readonly [number, number]> | 0>;
}

/** Results of files gathered for one message. */
export class ResultPacker {
  private files: string[] = [];
  private bytes: number[] = [];
  private skipped: Array<SkipReason | 0> = [];
  private distinct: number[] = [];
  private positions: Array<ReadonlyArray<readonly [number, number]> | 0> = [];
  private ids = new Uint32Array(4096);
  private counts = new Uint32Array(1024);
  private n = 0;

  get length(): number {
    return this.files.length;
  }

  add(r: FileResult): void {
    this.files.push(r.file);
    this.bytes.push(r.bytes);
    this.skipped.push(r.skipped ?? 0);
    this.positions.push(r.positions ?? 0);
    const k = r.counts.length;
    this.distinct.push(k);
    if (this.n + k > this.counts.length) {
      const size = Math.max(2 * this.counts.length, this.n + k);
      const ids = new Uint32Array(4 * size);
      ids.set(this.ids.subarray(0, 4 * this.n));
      this.ids = ids;
      const counts = new Uint32Array(size);
      counts.set(this.counts.subarray(0, this.n));
      this.counts = counts;
    }
    this.ids.set(r.ids.subarray(0, 4 * k), 4 * this.n);
    this.counts.set(r.counts, this.n);
    this.n += k;
  }

  /** The message's part, and an empty packer. */
  take(): PackedResults {
    const out: PackedResults = {
      files: this.files,
      bytes: this.bytes,
      skipped: this.skipped,
      distinct: this.distinct,
      ids: this.ids.slice(0, 4 * this.n),
      counts: this.counts.slice(0, this.n),
      positions: this.positions,
    };
    this.files = [];
    this.bytes = [];
    this.skipped = [];
    this.distinct = [];
    this.positions = [];
    this.n = 0;
    return out;
  }
}

/** The files' results of a message (their arrays are views of the message's). */
export function unpackResults(p: PackedResults): FileResult[] {
  const out: FileResult[] = [];
  for (let i = 0, at = 0; i < p.files.length; i++) {
    const k = p.distinct[i]!;
    const skipped = p.skipped[i];
    const positions = p.positions[i];
    out.push({
      file: p.files[i]!,
      bytes: p.bytes[i]!,
      ...(skipped ? { skipped } : {}),
      ids: p.ids.subarray(4 * at, 4 * (at + k)),
      counts: p.counts.subarray(at, at + k),
      ...(positions ? { positions } : {}),
    });
    at += k;
  }
  return out;
}

/** The IDs of a result, lower case. */
export function idsOf(r: Pick<FileResult, 'ids'>): string[] {
  const out: string[] = [];
  for (let i = 0; i + 4 <= r.ids.length; i += 4) out.push(idFromWords(r.ids, i));
  return out;
}
