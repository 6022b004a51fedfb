import { checkBaseUrl } from './baseUrl';
import { CareCycleError, describeWait, oneLine, type FieldProblem } from './errors';
import { errorBodySchema, parseCustomer, type ErrorBody, type ParsedCustomer } from './schema';
import { explainInvalidId, isCustomerId } from '../customerId';
import { RateLimiter, Semaphore, abortReason, realClock, type Clock } from '../limiter';

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

export interface ClientSettings {
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

export interface ClientOptions {
  readonly fetch: FetchLike;
  readonly getApiKey: () => Promise<string | undefined>;
  readonly settings: () => ClientSettings;
  readonly userAgent: string;
  readonly limiter?: RateLimiter;
  readonly concurrency?: number;
  /** Retries after the first attempt for 5xx and network errors. */
  readonly maxRetries?: number;
  readonly backoffBaseMs?: number;
  /** A 429 whose retryAfter is at most this is waited out once; longer ones are reported. */
  readonly maxAutoWaitSec?: number;
  readonly maxBodyBytes?: number;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly log?: (level: 'debug' | 'info' | 'warn', message: string) => void;
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
export const API_RATE_LIMIT = { limit: 60, windowMs: 60_000 } as const;

export interface FetchedCustomer extends ParsedCustomer {
  /** Size of the body as received, for cache accounting. */
  readonly bytes: number;
}

/** Counters the load tests and benchmarks read. */
export interface ClientStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

export class CareCycleClient {
  readonly limiter: RateLimiter;
  private readonly gate: Semaphore;
  readonly stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0 };

  constructor(private readonly o: ClientOptions) {
    this.limiter = o.limiter ?? new RateLimiter(API_RATE_LIMIT.limit, API_RATE_LIMIT.windowMs, o.clock ?? realClock);
    this.gate = new Semaphore(o.concurrency ?? 4);
  }

  private get clock(): Clock {
    return this.o.clock ?? realClock;
  }

  /** GET /v2/customers/{id}. Throws CareCycleError for every failure, including cancellation. */
  async getCustomer(rawId: string, signal?: AbortSignal): Promise<FetchedCustomer> {
    const id = rawId.trim();
    if (!isCustomerId(id)) {
      throw new CareCycleError('invalid-id', `Not a customer ID: ${explainInvalidId(id)}`, 'none');
    }
    const base = checkBaseUrl(this.o.settings().baseUrl);
    if (!base.ok) throw new CareCycleError('config', base.reason, 'openSettings');
    const key = await this.o.getApiKey();
    if (!key) throw new CareCycleError('no-key', 'No CareCycle API key is set.', 'setApiKey');
    const url = `${base.url}/v2/customers/${encodeURIComponent(id)}`;

    // The server said to stop for longer than is worth waiting: say when, at once.
    const blocked = this.limiter.serverBlockMs();
    if (blocked > (this.o.maxAutoWaitSec ?? 3) * 1000) {
      const secs = Math.ceil(blocked / 1000);
      throw new CareCycleError('rate-limited', `The CareCycle API rate limit was reached; try again ${describeWait(secs)}.`, 'retryLater', {
        retryAfterSec: secs, retryAt: this.clock.now() + blocked,
      });
    }
    const maxRetries = this.o.maxRetries ?? 2;
    let waited429 = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(url, id, key, signal);
      } catch (err) {
        const e = err as CareCycleError;
        if (signal?.aborted) throw cancelled();
        if (e.kind === 'rate-limited') {
          this.stats.rateLimited++;
          const wait = e.details.retryAfterSec ?? 60;
          this.limiter.blockUntil(this.clock.now() + wait * 1000);
          if (!waited429 && wait <= (this.o.maxAutoWaitSec ?? 3)) {
            waited429 = true;
            this.o.log?.('info', `rate limited; waiting ${wait} s as the API asked`);
            await this.pause(wait * 1000, signal);
            this.stats.retries++;
            continue;
          }
          throw e;
        }
        const retryable = e.kind === 'server' || e.kind === 'network' || e.kind === 'bad-json';
        if (!retryable || attempt >= maxRetries) throw e;
        const delay = (this.o.backoffBaseMs ?? 300) * 2 ** attempt * (0.5 + (this.o.random ?? Math.random)());
        this.o.log?.('info', `${e.kind} (${e.message}); retry ${attempt + 1} of ${maxRetries} in ${Math.round(delay)} ms`);
        this.stats.retries++;
        await this.pause(delay, signal);
      }
    }
  }

  private async pause(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await this.clock.sleep(ms, signal);
    } catch {
      throw cancelled();
    }
  }

  private async attempt(url: string, id: string, key: string, signal?: AbortSignal): Promise<FetchedCustomer> {
    try {
      await this.limiter.acquire(signal);
    } catch {
      throw cancelled();
    }
    return this.gate.run(() => this.send(url, id, key, signal), signal).catch((err: unknown) => {
      if (signal?.aborted) throw cancelled();
      throw err;
    });
  }

  private async send(url: string, id: string, key: string, signal?: AbortSignal): Promise<FetchedCustomer> {
    const { timeoutMs } = this.o.settings();
    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort(new Error('timeout'));
    }, timeoutMs);
    const onAbort = (): void => ctl.abort(abortReason(signal!));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const started = this.clock.now();
    this.stats.requests++;
    try {
      let res: FetchResponse;
      try {
        res = await this.o.fetch(url, {
          method: 'GET',
          headers: { 'x-api-key': key, accept: 'application/json', 'user-agent': this.o.userAgent },
          signal: ctl.signal,
          redirect: 'manual',
        });
      } catch (err) {
        throw this.transportError(err, timedOut, signal, timeoutMs, key);
      }
      let text: string;
      let bytes: number;
      try {
        ({ text, bytes } = await readCapped(res, this.o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, ctl));
      } catch (err) {
        if (err instanceof CareCycleError) throw err;
        throw this.transportError(err, timedOut, signal, timeoutMs, key);
      }
      this.o.log?.('debug', `GET /v2/customers/${id} -> ${res.status} in ${this.clock.now() - started} ms (${bytes} bytes)`);
      return this.interpret(res, text, bytes, id, key);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private transportError(err: unknown, timedOut: boolean, signal: AbortSignal | undefined, timeoutMs: number, key: string): CareCycleError {
    if (signal?.aborted) return cancelled();
    if (timedOut) {
      return new CareCycleError('timeout', `The CareCycle API did not answer within ${formatMs(timeoutMs)}.`, 'retry');
    }
    const code = (err as { code?: string } | null)?.code;
    const detail = redact(oneLine(err instanceof Error ? err.message : String(err), 160), key);
    const what =
      code === 'ECONNREFUSED' ? 'the connection was refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the host name could not be resolved'
          : code === 'ECONNRESET' || /socket hang up|terminated|premature close/i.test(detail) ? 'the connection was dropped'
            : detail;
    return new CareCycleError('network', `Could not reach the CareCycle API: ${what}.`, 'retry', { code, cause: err });
  }

  private interpret(res: FetchResponse, text: string, bytes: number, id: string, key: string): FetchedCustomer {
    const { status } = res;
    if (status >= 200 && status < 300) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new CareCycleError('bad-json', `The CareCycle API answered with a body that is not JSON (${describeBody(res, bytes)}).`, 'retry', { status });
      }
      const parsed = parseCustomer(body);
      if (!parsed.ok) {
        throw new CareCycleError('bad-shape', `The CareCycle API answered with something that is not a customer record: ${parsed.reason}.`, 'showLog', { status });
      }
      for (const w of parsed.warnings) this.o.log?.('warn', `customer ${id}: ${w}`);
      return { record: parsed.record, warnings: parsed.warnings, bytes };
    }
    if (status >= 300 && status < 400) {
      return throwIt(new CareCycleError('http', `The CareCycle API answered with a redirect (${status}); the key is not sent on to another address. Check carecycle.apiBaseUrl.`, 'openSettings', { status }));
    }
    let body: ErrorBody = {};
    try {
      const parsed = errorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success) body = parsed.data;
    } catch {
      // An error page that is not JSON: the status alone decides.
    }
    const server = body.message ? redact(oneLine(body.message, 200), key) : undefined;
    const code = body.code ? redact(oneLine(body.code, 60), key) : undefined;
    const suffix = server ? `: ${server}` : '';
    const kind = kindFor(status, code);
    switch (kind) {
      case 'unauthorized':
        throw new CareCycleError(kind, `The CareCycle API refused the API key (${status}); it may be wrong or expired (playground keys last 14 days).`, 'setApiKey', { status, code });
      case 'forbidden':
        throw new CareCycleError(kind, `This API key is not allowed to read customer ${id} (${status}).`, 'none', { status, code });
      case 'not-found':
        throw new CareCycleError(kind, `No customer has the ID ${id}.`, 'none', { status, code });
      case 'validation': {
        const problems: FieldProblem[] = (body.errors ?? []).slice(0, 10).map((e) => ({
          path: (e.path ?? []).map(String).join('.') || '(request)',
          message: redact(oneLine(e.message ?? 'invalid', 120), key),
        }));
        const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        throw new CareCycleError(kind, `The CareCycle API rejected the request (${status})${list ? `: ${list}` : suffix}.`, 'none', { status, code, problems });
      }
      case 'rate-limited': {
        const retryAfterSec = retryAfterOf(body, res);
        throw new CareCycleError(kind, `The CareCycle API rate limit was reached; try again ${describeWait(retryAfterSec)}.`, 'retryLater', {
          status, code, retryAfterSec, retryAt: this.clock.now() + retryAfterSec * 1000,
        });
      }
      case 'server':
        throw new CareCycleError(kind, `The CareCycle API had an internal error (${status})${suffix}.`, 'retry', { status, code });
      case 'bad-request':
        throw new CareCycleError(kind, `The CareCycle API rejected the request (${status})${suffix}.`, 'none', { status, code });
      default:
        throw new CareCycleError('http', `The CareCycle API answered with HTTP ${status}${suffix}.`, 'showLog', { status, code });
    }
  }
}

function throwIt(e: CareCycleError): never {
  throw e;
}

function cancelled(): CareCycleError {
  return new CareCycleError('cancelled', 'The request was cancelled.', 'none');
}

function kindFor(status: number, code?: string): CareCycleError['kind'] {
  switch (code) {
    case 'UNAUTHORIZED': return 'unauthorized';
    case 'FORBIDDEN': return 'forbidden';
    case 'NOT_FOUND': return 'not-found';
    case 'VALIDATION_ERROR': return 'validation';
    case 'RATE_LIMIT_EXCEEDED': return 'rate-limited';
    case 'INTERNAL_ERROR': return 'server';
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

function retryAfterOf(body: ErrorBody, res: FetchResponse): number {
  const candidates = [body.retryAfter, res.headers.get('retry-after')];
  for (const c of candidates) {
    const n = typeof c === 'number' ? c : typeof c === 'string' && c.trim() !== '' ? Number(c) : NaN;
    if (Number.isFinite(n) && n >= 0) return Math.min(n, 3600);
  }
  return 60;
}

function describeBody(res: FetchResponse, bytes: number): string {
  const type = res.headers.get('content-type');
  return `${bytes} bytes${type ? ` of ${oneLine(type, 60)}` : ''}`;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Server text could echo the key back; it never reaches a person or a log. */
export function redact(text: string, key: string): string {
  return key.length >= 4 ? text.split(key).join('[redacted]') : text;
}

async function readCapped(res: FetchResponse, cap: number, ctl: AbortController): Promise<{ text: string; bytes: number }> {
  const tooLarge = (): CareCycleError => {
    ctl.abort(new Error('too large'));
    return new CareCycleError('too-large', `The customer record is larger than ${Math.round(cap / (1024 * 1024))} MB; it was not loaded.`, 'none', { status: res.status });
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
