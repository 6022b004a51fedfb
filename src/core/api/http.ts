import { CareCycleError, oneLine, toCareCycleError } from './errors';
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
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Sends one GET and reads its body (capped). Throws CareCycleError for transport failures only:
 * cancelled, timeout, network, TLS, too-large. Any HTTP status comes back as a RawResponse.
 */
export async function sendOnce(o: SendOptions): Promise<RawResponse> {
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort(new Error('timeout'));
  }, o.timeoutMs);
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
      throw transportError(err, { timedOut, signal, ...o });
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
      throw transportError(err, { timedOut, signal, ...o });
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

const TLS_CODES = /^(CERT_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)_|ERR_SSL_|EPROTO$)/;

function transportError(
  err: unknown,
  o: { timedOut: boolean; signal: AbortSignal | undefined; timeoutMs: number; key: string; baseUrl: string },
): CareCycleError {
  if (o.signal?.aborted) return cancelledError();
  const where = `the CareCycle API at ${o.baseUrl}`;
  if (o.timedOut) {
    return new CareCycleError('timeout', `${capitalise(where)} did not answer within ${formatMs(o.timeoutMs)}.`, 'retry', {
      baseUrl: o.baseUrl,
    });
  }
  const code =
    (err as { code?: string | undefined } | null)?.code ?? (err as { cause?: { code?: string | undefined } } | null)?.cause?.code;
  // What fetch reports for the network carries a system code or is a FetchError (node-fetch) or
  // an abort; anything else thrown from here is a bug of ours, not the network's.
  const name = (err as { name?: string | undefined } | null)?.name;
  if (typeof code !== 'string' && name !== 'FetchError' && name !== 'AbortError') {
    return toCareCycleError(err);
  }
  const detail = oneLine(redact(err instanceof Error ? err.message : String(err), o.key), 160);
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

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function cancelledError(): CareCycleError {
  return new CareCycleError('cancelled', 'The request was cancelled.', 'none');
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * Server text could echo the key back; it never reaches a person or a log. Applied to the whole
 * text before any cutting, so a key that straddles a cut is still caught.
 */
export function redact(text: string, key: string): string {
  return key.length >= 4 ? text.split(key).join('[redacted]') : text;
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
