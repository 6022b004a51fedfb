/**
 * A worker thread that reads huge answers (JSON.parse, the schema check, the cut-down copy) so that
 * the extension host's thread never blocks on them: a hover on another ID answers meanwhile. Only the
 * bounded copy comes back; copying a whole 300,000-key object back would block the host as long as
 * parsing it there (structured clone).
 */
import { parentPort } from 'node:worker_threads';
import { pruneRecord } from '../prune';
import { classifyResponse, type ClassifyContext } from './classify';
import { CareCycleError } from './errors';
import type { RawResponse } from './http';
import type { WorkerReply, WorkerRequest } from './offThread';

function answer(seq: number, raw: RawResponse, ctx: ClassifyContext): WorkerReply {
  const r = classifyResponse(raw, ctx);
  if (r instanceof CareCycleError) {
    const { cause: _cause, ...details } = r.details;
    return { seq, error: { kind: r.kind, message: r.message, action: r.action, details } };
  }
  const p = pruneRecord(r.record, ctx.now);
  return {
    seq,
    ok: {
      record: p.record,
      warnings: r.warnings,
      bytes: r.bytes,
      fetchedAt: r.fetchedAt,
      omitted: p.omitted,
      skippedValues: p.skippedValues,
    },
  };
}

parentPort?.on('message', (m: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = answer(m.seq, m.raw, m.ctx);
  } catch (err) {
    reply = { seq: m.seq, crash: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  parentPort?.postMessage(reply);
});
