import { Worker } from 'node:worker_threads';
import type { OmittedEntry } from '../prune';
import type { CustomerRecord } from './schema';
import type { ClassifyContext, FetchedCustomer } from './classify';
import { CareCycleError, type ErrorAction, type ErrorKind } from './errors';
import type { RawResponse } from './http';
import { abortReason } from '../limiter';

/** Bodies larger than this are read off the extension host's thread. */
export const LARGE_BODY_BYTES = 1024 * 1024;

export interface WorkerRequest {
  readonly seq: number;
  readonly raw: RawResponse;
  readonly ctx: ClassifyContext;
}

export type WorkerReply =
  | {
      readonly seq: number;
      readonly ok: {
        readonly record: CustomerRecord;
        readonly warnings: readonly string[];
        readonly bytes: number;
        readonly fetchedAt: number;
        readonly omitted: readonly OmittedEntry[];
        readonly skippedValues: number;
      };
    }
  | {
      readonly seq: number;
      readonly error: { readonly kind: ErrorKind; readonly message: string; readonly action: ErrorAction; readonly details: object };
    }
  | { readonly seq: number; readonly crash: string };

interface Job {
  readonly seq: number;
  readonly raw: RawResponse;
  readonly ctx: ClassifyContext;
  readonly done: (r: FetchedCustomer | CareCycleError) => void;
  readonly fail: (reason: unknown) => void;
  readonly signal?: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * Classifies answers in a worker thread (./classifyWorker.ts, bundled beside the extension). One
 * worker, started on first use and kept, given one answer at a time. A caller that gives up (its
 * cancel, or its time limit) is answered at once: an answer still queued is dropped, and the worker
 * reading the caller's answer is stopped (a JSON.parse cannot be interrupted any other way) and a new
 * one takes the rest. If the worker dies, the answer it held gets an error and the next one starts a
 * new worker.
 */
export class OffThreadClassifier {
  private worker: Worker | undefined;
  private seq = 0;
  private readonly queue: Job[] = [];
  private current: Job | undefined;

  constructor(private readonly workerFile: string) {}

  /** Rejects with the signal's reason when it aborts first. */
  classify(raw: RawResponse, ctx: ClassifyContext, signal?: AbortSignal): Promise<FetchedCustomer | CareCycleError> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      const job: Job = {
        seq,
        raw,
        ctx,
        signal,
        done: (r) => {
          signal?.removeEventListener('abort', job.onAbort);
          resolve(r);
        },
        fail: (reason) => {
          signal?.removeEventListener('abort', job.onAbort);
          reject(reason);
        },
        onAbort: () => this.drop(job),
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.next();
    });
  }

  private drop(job: Job): void {
    const reason = abortReason(job.signal!);
    if (this.current === job) {
      this.current = undefined;
      this.stopWorker();
      job.fail(reason);
      this.next();
      return;
    }
    const i = this.queue.indexOf(job);
    if (i >= 0) {
      this.queue.splice(i, 1);
      job.fail(reason);
    }
  }

  private next(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    this.start().postMessage({ seq: job.seq, raw: job.raw, ctx: job.ctx } satisfies WorkerRequest);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerFile);
    // A worker waiting for work does not keep the process (or a test run) alive.
    w.unref();
    w.on('message', (m: WorkerReply) => {
      if (this.worker === w) this.settle(m);
    });
    const fail = (why: string): void => {
      if (this.worker !== w) return;
      this.worker = undefined;
      const job = this.current;
      this.current = undefined;
      job?.done(new CareCycleError('internal', `The record could not be read: ${why}`, 'showLog'));
      this.next();
    };
    w.on('error', (err) => fail(err.message));
    w.on('exit', (code) => fail(`the reader stopped (exit ${code})`));
    this.worker = w;
    return w;
  }

  private stopWorker(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }

  private settle(m: WorkerReply): void {
    const p = this.current;
    if (!p || p.seq !== m.seq) return;
    this.current = undefined;
    if ('ok' in m) {
      const { omitted, skippedValues, ...rest } = m.ok;
      // Nothing left out: the copy is the whole record.
      p.done(omitted.length || skippedValues ? { ...rest, partial: { omitted, skippedValues, fullText: p.raw.text } } : rest);
    } else if ('error' in m) {
      p.done(new CareCycleError(m.error.kind, m.error.message, m.error.action, m.error.details));
    } else {
      p.done(new CareCycleError('internal', `The record could not be read: ${m.crash}`, 'showLog'));
    }
    this.next();
  }

  dispose(): void {
    for (const job of this.queue.splice(0)) job.fail(new DOMException('The reader was closed.', 'AbortError'));
    const job = this.current;
    this.current = undefined;
    job?.fail(new DOMException('The reader was closed.', 'AbortError'));
    this.stopWorker();
  }
}
