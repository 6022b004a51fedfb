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
  | { readonly type: 'results'; readonly job: number; readonly results: FileResult[] }
  | { readonly type: 'scanned'; readonly job: number }
  | { readonly type: 'failed'; readonly job: number; readonly message: string };

/** The IDs of a result, lower case. */
export function idsOf(r: Pick<FileResult, 'ids'>): string[] {
  const out: string[] = [];
  for (let i = 0; i + 4 <= r.ids.length; i += 4) out.push(idFromWords(r.ids, i));
  return out;
}
