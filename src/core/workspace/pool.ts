import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { abortReason } from '../limiter';
import { unpackResults, type FileResult, type FromWorker, type ScanMode, type ToWorker, type WalkRoot } from './protocol';

export interface ScanOptions {
  readonly mode: ScanMode;
  readonly only?: string | undefined;
  /** Larger files are skipped, and said to be. */
  readonly maxFileBytes: number;
}

/** Files handed to the scanning workers at a time while the listing goes on. */
const PIPELINE_BATCH = 256;

/** Files larger than this are not read (VS Code does not open them as text either). */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

interface Listener {
  readonly onMessage: (m: FromWorker) => void;
  readonly onError: (e: Error) => void;
}

/**
 * Lists and scans workspace files in worker threads (./scanWorker.ts, bundled beside the extension):
 * one per core, at most `size`, started on first use and kept. Nothing is read on the caller's thread;
 * what comes back is counts and positions, never file contents. A cancelled job is answered at once
 * and its workers stop at their next file.
 */
export class ScanPool {
  private workers: Worker[] = [];
  private job = 0;
  private readonly listeners = new Map<number, Listener>();

  constructor(
    private readonly workerFile: string,
    private readonly size = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length)),
  ) {}

  /** Every searched file of the roots (ignore files and excludes applied), in batches as found. */
  list(roots: readonly WalkRoot[], signal?: AbortSignal, onFiles?: (files: readonly string[]) => void): Promise<string[]> {
    const all: string[] = [];
    return this.run(
      1,
      (job, ctrl) => ({ type: 'walk', job, roots, ctrl }),
      (m) => {
        if (m.type === 'files') {
          for (const f of m.files) all.push(f);
          onFiles?.(m.files);
        }
        return m.type === 'walked';
      },
      signal,
    ).then(() => all);
  }

  /** Scans the files on every worker; `onResults` gets each batch of files with mentions (or skipped). */
  scan(files: readonly string[], o: ScanOptions, onResults: (r: readonly FileResult[]) => void, signal?: AbortSignal): Promise<void> {
    if (files.length === 0) return Promise.resolve();
    const n = Math.min(this.size, Math.ceil(files.length / 8));
    return this.run(
      n,
      (job, ctrl) => ({ type: 'scan', job, files, ctrl, mode: o.mode, only: o.only, maxFileBytes: o.maxFileBytes }),
      (m) => {
        if (m.type === 'results') onResults(unpackResults(m.results));
        return m.type === 'scanned';
      },
      signal,
    );
  }

  /**
   * Lists the roots and scans the files as they are found: while one worker lists, the others start
   * on the first files, and it joins them once the listing is done. `take` picks which files of each
   * batch are read from the disk (what an editor holds unsaved is read from there). Resolves with
   * every listed file once all are scanned.
   */
  async listAndScan(
    roots: readonly WalkRoot[],
    o: ScanOptions,
    onResults: (r: readonly FileResult[]) => void,
    signal?: AbortSignal,
    take: (files: readonly string[]) => readonly string[] = (files) => files,
  ): Promise<string[]> {
    const scans: Array<Promise<unknown>> = [];
    let failure: { err: unknown } | undefined;
    let pending: string[] = [];
    const dispatch = (): void => {
      const files = take(pending);
      pending = [];
      if (files.length) scans.push(this.scan(files, o, onResults, signal).catch((err: unknown) => (failure ??= { err })));
    };
    const all = await this.list(roots, signal, (files) => {
      for (const f of files) pending.push(f);
      if (pending.length >= PIPELINE_BATCH) dispatch();
    }).catch(async (err: unknown) => {
      await Promise.all(scans);
      throw err;
    });
    dispatch();
    await Promise.all(scans);
    if (failure) throw failure.err;
    return all;
  }

  dispose(): void {
    for (const w of this.workers) void w.terminate();
    this.workers = [];
    for (const l of this.listeners.values()) l.onError(new Error('The workspace scanner was stopped.'));
    this.listeners.clear();
  }

  /** Sends one job to `n` workers; resolves when each has said it is done (`handle` returns true). */
  private run(
    n: number,
    message: (job: number, ctrl: SharedArrayBuffer) => ToWorker,
    handle: (m: FromWorker) => boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const job = ++this.job;
    const ctrl = new SharedArrayBuffer(8);
    return new Promise<void>((resolve, reject) => {
      let open = n;
      const finish = (err?: unknown): void => {
        this.listeners.delete(job);
        // Idle workers do not keep the process alive; busy ones do (a job is awaited).
        if (this.listeners.size === 0) for (const w of this.workers) w.unref();
        signal?.removeEventListener('abort', onAbort);
        if (err === undefined) resolve();
        else reject(err);
      };
      const onAbort = (): void => {
        Atomics.store(new Int32Array(ctrl), 1, 1);
        finish(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.listeners.set(job, {
        onMessage: (m) => {
          if (m.type === 'failed') {
            Atomics.store(new Int32Array(ctrl), 1, 1);
            return finish(new Error(m.message));
          }
          if (handle(m) && --open === 0) finish();
        },
        onError: (e) => finish(e),
      });
      const workers = this.ensure(n);
      for (const w of this.workers) w.ref();
      for (const w of workers) w.postMessage(message(job, ctrl));
    });
  }

  private ensure(n: number): Worker[] {
    while (this.workers.length < n) {
      const w = new Worker(this.workerFile);
      w.on('message', (m: FromWorker) => this.listeners.get(m.job)?.onMessage(m));
      // A worker that dies fails the jobs it was part of; the next job starts a new one.
      const died = (e: Error): void => {
        this.workers = this.workers.filter((x) => x !== w);
        for (const l of [...this.listeners.values()]) l.onError(e);
      };
      w.on('error', died);
      w.on('exit', (code) => {
        if (this.workers.includes(w)) died(new Error(`The workspace scanner stopped (exit code ${code}).`));
      });
      w.unref();
      this.workers.push(w);
    }
    return this.workers.slice(0, n);
  }
}
