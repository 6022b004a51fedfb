import { CareCycleError, describeWait, type FieldProblem } from './errors';
import { clip, oneLine, redactKeys } from '../plainText';
import type { RawResponse } from './http';
import { errorBodySchema, parseCustomer, type CustomerRecord, type ErrorBody, type ParsedCustomer } from './schema';
import type { OmittedEntry } from '../prune';

export interface FetchedCustomer extends ParsedCustomer {
  /** Size of the body as received, for cache accounting. */
  readonly bytes: number;
  /** When the answer arrived (epoch ms): what "fetched 2 min ago" is measured from. */
  readonly fetchedAt: number;
  /** The environment it came from (its name), when the client was told. */
  readonly environment?: string | undefined;
  /**
   * Set when the body was too large to hold whole on the extension host's thread: `record` is then
   * a cut-down copy (../prune.ts) with what it left out, and `fullText` the body as received (Open
   * JSON and Copy read the whole record from it, when asked).
   */
  readonly partial?: { readonly omitted: readonly OmittedEntry[]; readonly skippedValues: number; readonly fullText: string } | undefined;
  /**
   * Set by the cache on a record still held after a refresh of it failed: what failed and when. The
   * record is what the API said at `fetchedAt`; every surface marks it stale.
   */
  readonly stale?: { readonly error: CareCycleError; readonly at: number } | undefined;
}

/** The whole record: the one received, or (for a huge one) parsed again from its body, on demand. */
export function wholeRecord(got: Pick<FetchedCustomer, 'record' | 'partial'>): CustomerRecord {
  return got.partial ? (JSON.parse(got.partial.fullText) as CustomerRecord) : got.record;
}

export interface ClassifyContext {
  /** The ID that was asked for. */
  readonly id: string;
  /** Redacted from every piece of server text, before any cutting. */
  readonly key: string;
  readonly now: number;
  /** Where the request went: named when what answered there is not the CareCycle API. */
  readonly baseUrl: string;
}

/**
 * Pure: what one HTTP answer means. A customer record, or the CareCycleError a person sees, with
 * no key in any field of it.
 */
export function classifyResponse(res: RawResponse, ctx: ClassifyContext): FetchedCustomer | CareCycleError {
  const { status } = res;
  const { id, key } = ctx;
  // Server text may echo the key (or another): redacted before it is cut, so no part of one is left.
  const clean = (text: string, max: number): string => clip(redactKeys(oneLine(text, Number.MAX_SAFE_INTEGER), [key]), max);
  if (status >= 200 && status < 300) {
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      const type = res.contentType ? ` of ${clean(res.contentType, 60)}` : '';
      return new CareCycleError(
        'bad-json',
        `The CareCycle API answered with a body that is not JSON (${res.bytes} bytes${type}).`,
        'retry',
        { status },
      );
    }
    const parsed = parseCustomer(body);
    if (!parsed.ok) {
      return new CareCycleError(
        'bad-shape',
        `The CareCycle API answered with something that is not a customer record: ${parsed.reason}.`,
        'showLog',
        { status },
      );
    }
    // A record for someone else must never be shown, or cached, as the customer asked for.
    if (parsed.record.id.trim().toLowerCase() !== id.toLowerCase()) {
      return new CareCycleError(
        'wrong-record',
        `The CareCycle API answered for customer ${id} with a record for another ID; it was not shown.`,
        'showLog',
        { status },
      );
    }
    return { record: parsed.record, warnings: parsed.warnings, bytes: res.bytes, fetchedAt: ctx.now };
  }
  if (status >= 300 && status < 400) {
    return new CareCycleError(
      'http',
      `The CareCycle API answered with a redirect (${status}); the key is not sent on to another address. Check the API base URL.`,
      'openSettings',
      { status },
    );
  }
  let body: ErrorBody = {};
  // The API's own answer: its documented JSON error body, an object with a message or a code.
  let apiShaped = false;
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(res.text));
    if (parsed.success) {
      body = parsed.data;
      apiShaped = typeof body.message === 'string' || typeof body.code === 'string';
    }
  } catch {
    // An error page that is not JSON: the status alone decides.
  }
  // A proxy, a captive portal or a wrong base URL answers with the same statuses. "No such customer"
  // and "the key was refused" are the API's to say: from anything else they would drop links, mark
  // IDs as missing and send a person to replace a good key.
  if ((status === 401 || status === 403 || status === 404) && !apiShaped) {
    const type = res.contentType ? `, ${clean(res.contentType.split(';')[0] ?? '', 40)}` : '';
    return new CareCycleError(
      'not-api',
      `${clean(ctx.baseUrl, 120)} does not answer as the CareCycle API (HTTP ${status}${type}, not the API's error body). Check the environment's base URL, or a proxy in between.`,
      'openSettings',
      { status },
    );
  }
  const server = body.message ? clean(body.message, 200) : undefined;
  const code = body.code ? clean(body.code, 60) : undefined;
  const suffix = server ? `: ${server}` : '';
  const kind = kindFor(status, body.code);
  switch (kind) {
    case 'unauthorized':
      return new CareCycleError(kind, `The CareCycle API refused the API key (${status}); it may be wrong or expired.`, 'setApiKey', {
        status,
        code,
      });
    case 'forbidden':
      return new CareCycleError(kind, `This API key is not allowed to read customer ${id} (${status}).`, 'none', { status, code });
    case 'not-found':
      return new CareCycleError(kind, `No customer has the ID ${id}.`, 'none', { status, code });
    case 'validation': {
      const problems: FieldProblem[] = (body.errors ?? []).slice(0, 10).map((e) => ({
        path: clean((e.path ?? []).slice(0, 10).map(String).join('.'), 80) || '(request)',
        message: clean(e.message ?? 'invalid', 120),
      }));
      const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      return new CareCycleError(kind, `The CareCycle API rejected the request (${status})${list ? `: ${list}` : suffix}.`, 'none', {
        status,
        code,
        problems,
      });
    }
    case 'rate-limited': {
      const retryAfterSec = retryAfterOf(body, res);
      return new CareCycleError(kind, `The CareCycle API rate limit was reached; try again ${describeWait(retryAfterSec)}.`, 'retryLater', {
        status,
        code,
        retryAfterSec,
        retryAt: ctx.now + retryAfterSec * 1000,
      });
    }
    case 'server':
      return new CareCycleError(kind, `The CareCycle API had an internal error (${status})${suffix}.`, 'retry', { status, code });
    case 'bad-request':
      return new CareCycleError(kind, `The CareCycle API rejected the request (${status})${suffix}.`, 'none', { status, code });
    default:
      return new CareCycleError('http', `The CareCycle API answered with HTTP ${status}${suffix}.`, 'showLog', { status, code });
  }
}

function kindFor(status: number, code?: string): CareCycleError['kind'] {
  switch (code) {
    case 'UNAUTHORIZED':
      return 'unauthorized';
    case 'FORBIDDEN':
      return 'forbidden';
    case 'NOT_FOUND':
      return 'not-found';
    case 'VALIDATION_ERROR':
      return 'validation';
    case 'RATE_LIMIT_EXCEEDED':
      return 'rate-limited';
    case 'INTERNAL_ERROR':
      return 'server';
  }
  if (status === 400) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 422) return 'validation';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'http';
}

function retryAfterOf(body: ErrorBody, res: RawResponse): number {
  for (const c of [body.retryAfter, res.retryAfterHeader]) {
    const n = typeof c === 'number' ? c : typeof c === 'string' && c.trim() !== '' ? Number(c) : NaN;
    if (Number.isFinite(n) && n >= 0) return Math.min(n, 3600);
  }
  return 60;
}
