/**
 * A local stand-in for the CareCycle API (GET /v2/customers/{id}), in plain node:http. Behaves as
 * documented: key check (401), a refused key (403), the published ID pattern (422
 * VALIDATION_ERROR), unknown IDs (404), 60 requests a minute per key (429 with retryAfter), and
 * faults on demand for tests, set in-process or through /__control on loopback.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { SAMPLE_CUSTOMERS, type Customer, type Json } from './customers';
import { keyEchoes } from '../fixtures/keyEchoes';

const ID_PATTERN =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

import { DEMO_KEY, EXPIRED_KEY, FORBIDDEN_KEY, OTHER_KEY } from '../support/constants.mjs';

export { DEMO_KEY, EXPIRED_KEY, FORBIDDEN_KEY };

export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: number; body?: Json | string | undefined; headers?: Record<string, string> | undefined }
  | { kind: 'drop' }
  | { kind: 'drop-mid-body' }
  | { kind: 'non-json' }
  | { kind: 'truncated' }
  | { kind: 'huge'; mb?: number | undefined }
  | { kind: 'body'; body: Json | string }
  | { kind: 'redirect'; location: string }
  /** An error whose every field echoes the key presented, in one of the forms of ../fixtures/keyEchoes.ts (a new one each time). */
  | { kind: 'echo-key'; status: number };

export interface FaultRule {
  fault: Fault;
  /** Only for this ID (any case); all IDs when absent. */
  id?: string | undefined;
  /** How many requests it applies to; forever when absent. */
  times?: number | undefined;
}

export interface RequestRecord {
  at: number;
  path: string;
  id?: string | undefined;
  status: number;
  /** Whether a key header was present (the key itself is not kept). */
  hadKey: boolean;
  /** A fingerprint of the key presented (`keyFingerprint`), so tests can tell which key came, not what it is. */
  keyFingerprint?: string | undefined;
  userAgent?: string | undefined;
}

export interface MockApiOptions {
  port?: number | undefined;
  host?: string | undefined;
  keys?: string[] | undefined;
  rateLimit?: { limit: number; windowMs: number };
  customers?: readonly Customer[] | undefined;
  /**
   * The stand-in's clock for arrival stamps and its rate window (the wall clock by default); a test
   * can share a faster clock with the client to go through a minute of traffic in seconds.
   */
  now?: (() => number) | undefined;
  /** Called with one line per request (the demo prints them). */
  onRequest?: ((r: RequestRecord) => void) | undefined;
}

export interface MockApi {
  readonly url: string;
  readonly port: number;
  readonly requests: RequestRecord[];
  readonly customers: Map<string, Customer>;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  reset(): void;
  close(): Promise<void>;
}

/** The first 12 hex digits of the key's SHA-256: enough to tell keys apart in a test, useless to anyone else. */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

function errorBody(message: string, code: string, extra: Record<string, Json> = {}): Record<string, Json> {
  return { message, code, ...extra };
}

/** An enormous but valid record: thousands of policies and custom fields. */
export function hugeCustomer(id: string, mb = 40): Customer {
  const base = SAMPLE_CUSTOMERS[0];
  const policies: Json[] = [];
  const first = (base!.policies as Json[])[0] as Record<string, Json>;
  const template = JSON.stringify(first).length;
  const count = Math.ceil((mb * 1024 * 1024) / template);
  for (let i = 0; i < count; i++) policies.push({ ...first, planName: `Plan ${i}` });
  return { ...base, id, policies };
}

export async function startMockApi(opts: MockApiOptions = {}): Promise<MockApi> {
  const keys = new Set(opts.keys ?? [DEMO_KEY, FORBIDDEN_KEY, OTHER_KEY]);
  const limit = opts.rateLimit ?? { limit: 60, windowMs: 60_000 };
  const clockNow = opts.now ?? Date.now;
  const customers = new Map<string, Customer>();
  const load = (): void => {
    customers.clear();
    for (const c of opts.customers ?? SAMPLE_CUSTOMERS) customers.set(c.id.toLowerCase(), structuredClone(c));
  };
  load();
  let faults: FaultRule[] = [];
  const requests: RequestRecord[] = [];
  const windows = new Map<string, number[]>();
  // Each reset starts a new epoch: a request that arrived before it (say, one held by a delay
  // fault) never lands in the record after it, so one test's stragglers are not the next test's.
  let epoch = 0;
  let echoes = 0;

  const takeFault = (id: string | undefined): Fault | undefined => {
    const i = faults.findIndex((r) => !r.id || (id !== undefined && r.id.toLowerCase() === id.toLowerCase()));
    if (i < 0) return undefined;
    const rule = faults[i]!;
    if (rule.times !== undefined && --rule.times <= 0) faults.splice(i, 1);
    return rule.fault;
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody(`stand-in failure: ${String(err)}`, 'INTERNAL_ERROR'));
    });
  });

  function send(res: http.ServerResponse, status: number, body: Json | string, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    if (path === '/__control/fault' && req.method === 'POST') {
      faults.push(JSON.parse(await readBody(req)) as FaultRule);
      return send(res, 204, '');
    }
    if (path === '/__control/reset' && req.method === 'POST') {
      api.reset();
      return send(res, 204, '');
    }
    if (path === '/__control/customer' && req.method === 'POST') {
      const c = JSON.parse(await readBody(req)) as Customer;
      customers.set(String(c.id).toLowerCase(), c);
      return send(res, 204, '');
    }
    if (path === '/__control/requests') return send(res, 200, requests as unknown as Json);
    send(res, 404, errorBody('unknown control path', 'NOT_FOUND'));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    if (path.startsWith('/__control/')) return control(req, res, path);
    const rec: RequestRecord = {
      at: clockNow(),
      path,
      status: 0,
      hadKey: typeof req.headers['x-api-key'] === 'string',
      keyFingerprint: typeof req.headers['x-api-key'] === 'string' ? keyFingerprint(req.headers['x-api-key']) : undefined,
      userAgent: req.headers['user-agent'],
    };
    const arrivedIn = epoch;
    const done = (status: number): void => {
      rec.status = status;
      if (arrivedIn !== epoch) return;
      requests.push(rec);
      opts.onRequest?.(rec);
    };
    const reply = (status: number, body: Json | string, headers?: Record<string, string>): void => {
      done(status);
      send(res, status, body, headers);
    };

    const m = /^\/v2\/customers\/([^/]*)$/.exec(path);
    if (req.method !== 'GET' || !m) return reply(404, errorBody(`No route for ${req.method} ${path}`, 'NOT_FOUND'));
    const id = decodeURIComponent(m[1] ?? '');
    rec.id = id;

    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || key === '') return reply(401, errorBody('Missing API key', 'UNAUTHORIZED'));
    if (key === EXPIRED_KEY) return reply(401, errorBody('API key expired', 'UNAUTHORIZED'));
    if (!keys.has(key)) return reply(401, errorBody('Invalid API key', 'UNAUTHORIZED'));

    const now = clockNow();
    const w = (windows.get(key) ?? []).filter((t) => t > now - limit.windowMs);
    if (w.length >= limit.limit) {
      windows.set(key, w);
      const retryAfter = Math.max(1, Math.ceil((w[0]! + limit.windowMs - now) / 1000));
      return reply(429, errorBody('Rate limit exceeded', 'RATE_LIMIT_EXCEEDED', { retryAfter }), { 'retry-after': String(retryAfter) });
    }
    w.push(now);
    windows.set(key, w);

    if (key === FORBIDDEN_KEY) return reply(403, errorBody('This API key does not have access to this customer', 'FORBIDDEN'));

    if (!ID_PATTERN.test(id)) {
      return reply(
        422,
        errorBody('Validation failed', 'VALIDATION_ERROR', {
          errors: [{ path: ['id'], message: 'Invalid uuid', expected: 'uuid', received: id.slice(0, 64), code: 'invalid_string' }],
        }),
      );
    }

    const fault = takeFault(id);
    if (fault) {
      switch (fault.kind) {
        case 'delay': {
          // The fault: a slow answer. It ends early when the client hangs up (a cancel, a timeout)
          // or the stand-in closes, so a stand-in that never answers keeps no timer alive.
          const hungUp = new AbortController();
          res.once('close', () => hungUp.abort());
          await delay(fault.ms, undefined, { signal: hungUp.signal }).catch(() => undefined);
          if (res.destroyed || req.destroyed || hungUp.signal.aborted) return done(0);
          break;
        }
        case 'status':
          return reply(fault.status, fault.body ?? errorBody('Internal server error', 'INTERNAL_ERROR'), fault.headers);
        case 'drop':
          done(0);
          req.socket.destroy();
          return;
        case 'drop-mid-body': {
          done(200);
          const text = JSON.stringify(customers.get(id.toLowerCase()) ?? { id });
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length * 2) });
          res.write(text.slice(0, Math.floor(text.length / 2)));
          setTimeout(() => req.socket.destroy(), 20); // the fault: half a body, then the connection drops
          return;
        }
        case 'non-json':
          return reply(200, '<html><body><h1>502 Bad Gateway</h1></body></html>');
        case 'truncated': {
          const text = JSON.stringify(customers.get(id.toLowerCase()) ?? { id, firstName: 'Trunc' });
          done(200);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(text.slice(0, Math.floor(text.length / 2)));
          return;
        }
        case 'huge':
          return reply(200, hugeCustomer(id, fault.mb));
        case 'body':
          return reply(200, fault.body);
        case 'redirect':
          return reply(302, '', { location: fault.location });
        case 'echo-key': {
          const forms = keyEchoes(key);
          const echo = forms[echoes++ % forms.length]!;
          const problem = { path: ['id', echo], message: echo, expected: echo, received: echo, code: echo };
          return reply(
            fault.status,
            // A 429 asks for a minute: reported at once, not waited out (tests reset the client's limits after).
            { message: echo, code: echo, retryAfter: fault.status === 429 ? 60 : echo, errors: [problem] },
            {
              'x-echo': encodeURIComponent(echo).slice(0, 200),
            },
          );
        }
      }
    }

    const customer = customers.get(id.toLowerCase());
    if (!customer) return reply(404, errorBody('Customer not found', 'NOT_FOUND'));
    reply(200, customer);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const api: MockApi = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    customers,
    addFault: (rule) => faults.push({ ...rule }),
    clearFaults: () => {
      faults = [];
    },
    reset: () => {
      epoch++;
      faults = [];
      requests.length = 0;
      windows.clear();
      load();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
