import { CareCycleError, toCareCycleError } from './errors';
import { oneLine, redactKeys } from '../plainText';
import { abortReason } from '../limiter';

/** The subset of fetch (node-fetch or the global one) the client uses. */
export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: AsyncIterable<Uint8Array | string> | null;
}
export interface FetchInit {
  method: 'GET';
  headers: Record<string, string>;
  signal: AbortSignal;
  redirect: 'manual';
}
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** One HTTP exchange, read whole: what classify() needs and nothing it must not see (no key). */
export interface RawResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly retryAfterHeader: string | undefined;
  readonly text: string;
  readonly bytes: number;
}

export interface SendOptions {
  readonly fetch: FetchLike;
  readonly url: string;
  /** Base URL for messages: failures say where the request went. */
  readonly baseUrl: string;
  readonly key: string;
  readonly userAgent: string;
  readonly maxBodyBytes: number;
  /**
   * The attempt's signal: the caller's cancel, or its time limit (an AttemptTimeout as the reason).
   * The client owns the clock that fires it, so the limit covers the whole attempt, not only the socket.
   */
  readonly signal?: AbortSignal | undefined;
}

/** Why an attempt was stopped when it ran out of time (the reason of its AbortSignal). */
export class AttemptTimeout extends Error {
  override readonly name = 'AttemptTimeout';
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * Sends one GET and reads its body (capped). Throws CareCycleError for transport failures only:
 * cancelled, timeout, network, TLS, too-large. Any HTTP status comes back as a RawResponse.
 */
export async function sendOnce(o: SendOptions): Promise<RawResponse> {
  // The body reader aborts on its own (too large) as well as on the attempt's signal.
  const ctl = new AbortController();
  const signal = o.signal;
  const onAbort = (): void => ctl.abort(abortReason(signal!));
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let res: FetchResponse;
    try {
      res = await o.fetch(o.url, {
        method: 'GET',
        headers: { 'x-api-key': o.key, accept: 'application/json', 'user-agent': o.userAgent },
        signal: ctl.signal,
        redirect: 'manual',
      });
    } catch (err) {
      throw transportError(err, o);
    }
    try {
      const { text, bytes } = await readCapped(res, o.maxBodyBytes, ctl);
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? undefined,
        retryAfterHeader: res.headers.get('retry-after') ?? undefined,
        text,
        bytes,
      };
    } catch (err) {
      if (err instanceof CareCycleError) throw err;
      throw transportError(err, o);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The error for an attempt stopped by its signal: out of time, or cancelled by the caller.
 * `answered`: the API had answered and its answer was still being read.
 */
export function stoppedError(signal: AbortSignal, baseUrl: string, answered = false): CareCycleError {
  const reason: unknown = signal.reason;
  if (!(reason instanceof AttemptTimeout)) return cancelledError();
  const within = formatMs(reason.ms);
  return new CareCycleError(
    'timeout',
    answered
      ? `The answer from the CareCycle API at ${baseUrl} could not be read within ${within}.`
      : `The CareCycle API at ${baseUrl} did not answer within ${within}.`,
    'retry',
    { baseUrl },
  );
}

const TLS_CODES = /^(CERT_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)_|ERR_SSL_|EPROTO$)/;

function transportError(err: unknown, o: { signal?: AbortSignal | undefined; key: string; baseUrl: string }): CareCycleError {
  if (o.signal?.aborted) return stoppedError(o.signal, o.baseUrl);
  const where = `the CareCycle API at ${o.baseUrl}`;
  const code =
    (err as { code?: string | undefined } | null)?.code ?? (err as { cause?: { code?: string | undefined } } | null)?.cause?.code;
  // What fetch reports for the network carries a system code or is a FetchError (node-fetch) or
  // an abort; anything else thrown from here is a bug of ours, not the network's.
  const name = (err as { name?: string | undefined } | null)?.name;
  if (typeof code !== 'string' && name !== 'FetchError' && name !== 'AbortError') {
    return toCareCycleError(err);
  }
  const detail = oneLine(redactKeys(err instanceof Error ? err.message : String(err), [o.key]), 160);
  const what =
    code === 'ECONNREFUSED'
      ? 'the connection was refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'the host name could not be resolved'
        : code && TLS_CODES.test(code)
          ? `its TLS certificate was not accepted (${code})`
          : code === 'ECONNRESET' || /socket hang up|terminated|premature close/i.test(detail)
            ? 'the connection was dropped'
            : detail;
  return new CareCycleError('network', `Could not reach ${where}: ${what}.`, 'retry', { code, cause: err, baseUrl: o.baseUrl });
}

export function cancelledError(): CareCycleError {
  return new CareCycleError('cancelled', 'The request was cancelled.', 'none');
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

async function readCapped(res: FetchResponse, cap: number, ctl: AbortController): Promise<{ text: string; bytes: number }> {
  const tooLarge = (): CareCycleError => {
    ctl.abort(new Error('too large'));
    return new CareCycleError(
      'too-large',
      `The customer record is larger than ${Math.round(cap / (1024 * 1024))} MB; it was not loaded.`,
      'none',
      { status: res.status },
    );
  };
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cap) throw tooLarge();
  if (!res.body) return { text: '', bytes: 0 };
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of res.body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    bytes += buf.length;
    if (bytes > cap) throw tooLarge();
    chunks.push(buf);
  }
  return { text: Buffer.concat(chunks, bytes).toString('utf8'), bytes };
}
