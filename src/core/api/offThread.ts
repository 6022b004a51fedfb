import { Worker } from 'node:worker_threads';
import type { OmittedEntry } from '../prune';
import type { CustomerRecord } from './schema';
import type { ClassifyContext, FetchedCustomer } from './classify';
import { CareCycleError, type ErrorAction, type ErrorKind } from './errors';
import type { RawResponse } from './http';

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

type Pending = (r: FetchedCustomer | CareCycleError) => void;

/**
 * Classifies answers in a worker thread (./classifyWorker.ts, bundled beside the extension). One
 * worker, started on first use and kept; if it dies, what was waiting gets an error and the next
 * answer starts a new one.
 */
export class OffThreadClassifier {
  private worker: Worker | undefined;
  private seq = 0;
  private readonly pending = new Map<number, { done: Pending; raw: RawResponse }>();

  constructor(private readonly workerFile: string) {}

  classify(raw: RawResponse, ctx: ClassifyContext): Promise<FetchedCustomer | CareCycleError> {
    const seq = ++this.seq;
    return new Promise((done) => {
      this.pending.set(seq, { done, raw });
      this.start().postMessage({ seq, raw, ctx } satisfies WorkerRequest);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerFile);
    // A worker waiting for work does not keep the process (or a test run) alive.
    w.unref();
    w.on('message', (m: WorkerReply) => this.settle(m));
    const fail = (why: string): void => {
      if (this.worker === w) this.worker = undefined;
      for (const [seq, p] of this.pending) {
        this.pending.delete(seq);
        p.done(new CareCycleError('internal', `The record could not be read: ${why}`, 'showLog'));
      }
    };
    w.on('error', (err) => fail(err.message));
    w.on('exit', (code) => fail(`the reader stopped (exit ${code})`));
    this.worker = w;
    return w;
  }

  private settle(m: WorkerReply): void {
    const p = this.pending.get(m.seq);
    if (!p) return;
    this.pending.delete(m.seq);
    if ('ok' in m) {
      const { omitted, skippedValues, ...rest } = m.ok;
      // Nothing left out: the copy is the whole record.
      p.done(omitted.length || skippedValues ? { ...rest, partial: { omitted, skippedValues, fullText: p.raw.text } } : rest);
    } else if ('error' in m) {
      p.done(new CareCycleError(m.error.kind, m.error.message, m.error.action, m.error.details));
    } else {
      p.done(new CareCycleError('internal', `The record could not be read: ${m.crash}`, 'showLog'));
    }
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }
}
