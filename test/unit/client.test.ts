import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fetch from 'node-fetch';
import { CareCycleClient, type FetchLike } from '../../src/core/api/client';
import { CareCycleError } from '../../src/core/api/errors';
import { RateLimiter } from '../../src/core/limiter';
import { CompressedClock, FakeClock, flush } from '../support/fakeClock';
import { SAMPLE_CUSTOMERS, SAMPLE_IDS, UNKNOWN_ID } from '../mock-api/customers';
import { DEMO_KEY, EXPIRED_KEY, FORBIDDEN_KEY, startMockApi, type MockApi } from '../mock-api/server';

const ID = SAMPLE_IDS.margaret;

async function expectError(p: Promise<unknown>, kind: CareCycleError['kind'], message?: RegExp): Promise<CareCycleError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof CareCycleError, `expected a CareCycleError, got ${String(err)}`);
    assert.equal(err.kind, kind, `kind (message: ${err.message})`);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected a ${kind} error`);
}

describe('CareCycleClient against the stand-in API (real HTTP)', () => {
  let api: MockApi;
  let key: string | undefined;
  let baseUrl: string;
  let timeoutMs: number;
  const logs: string[] = [];
  const make = (extra: Partial<ConstructorParameters<typeof CareCycleClient>[0]> = {}): CareCycleClient =>
    new CareCycleClient({
      fetch: fetch,
      endpoint: () => Promise.resolve({ baseUrl, key: key }),
      timeoutMs: () => timeoutMs,
      userAgent: 'carecycle-vscode/test',
      retry: { backoffBaseMs: 5 },
      log: (level, m) => logs.push(`${level} ${m}`),
      ...extra,
    });

  before(async () => {
    api = await startMockApi();
  });
  after(() => api.close());
  beforeEach(() => {
    api.reset();
    key = DEMO_KEY;
    baseUrl = api.url;
    // Time limits are tested on the fake clock; over real sockets a busy machine must never hit one.
    timeoutMs = 120_000;
    logs.length = 0;
  });

  it('fetches a full record with the key, accept and user-agent headers', async () => {
    const seen: Record<string, string> = {};
    const spy: FetchLike = (url, init) => {
      Object.assign(seen, init.headers, { url });
      return (fetch as unknown as FetchLike)(url, init);
    };
    const got = await make({ fetch: spy }).getCustomer(ID);
    assert.equal(got.record.id, ID);
    assert.equal(got.record.firstName, 'Margaret');
    assert.equal(got.record.policies?.length, 3);
    assert.deepEqual(got.warnings, []);
    assert.equal(seen.url, `${api.url}/v2/customers/${ID}`);
    assert.equal(seen['x-api-key'], DEMO_KEY);
    assert.equal(seen.accept, 'application/json');
    assert.match(seen['user-agent'] ?? '', /^carecycle-vscode\//);
  });

  it('parses every sample customer (unknown enum values, nulls, extra fields) without a warning', async () => {
    const client = make();
    for (const c of SAMPLE_CUSTOMERS) {
      const got = await client.getCustomer(c.id);
      assert.equal(got.record.id.toLowerCase(), c.id.toLowerCase());
      assert.deepEqual(got.warnings, [], `${c.id}: ${got.warnings.join('; ')}`);
      assert.deepEqual(JSON.parse(JSON.stringify(got.record)), JSON.parse(JSON.stringify(c)), `${c.id} arrives whole`);
    }
  });

  it('never sends an invalid ID to the network, and says why it is invalid', async () => {
    await expectError(make().getCustomer('497f6eca-6276-0993-bfeb-53cbbbba6f08'), 'invalid-id', /version digit/);
    await expectError(make().getCustomer('../../admin'), 'invalid-id', /36 characters/);
    assert.equal(api.requests.length, 0);
  });

  it('asks for a key before sending anything when none is set', async () => {
    key = undefined;
    const e = await expectError(make().getCustomer(ID), 'no-key');
    assert.equal(e.action, 'setApiKey');
    assert.equal(api.requests.length, 0);
  });

  const statuses: Array<[string, () => void, CareCycleError['kind'], RegExp, CareCycleError['action']]> = [
    [
      '401 unknown key',
      () => {
        key = 'cc_not_a_real_key';
      },
      'unauthorized',
      /refused the API key \(401\)/,
      'setApiKey',
    ],
    [
      '401 expired key',
      () => {
        key = EXPIRED_KEY;
      },
      'unauthorized',
      /expired/,
      'setApiKey',
    ],
    [
      '403 refused key',
      () => {
        key = FORBIDDEN_KEY;
      },
      'forbidden',
      /not allowed to read customer/,
      'none',
    ],
    ['404 unknown ID', () => undefined, 'not-found', /No customer has the ID/, 'none'],
  ];
  for (const [name, setup, kind, message, action] of statuses) {
    it(`reports ${name}`, async () => {
      setup();
      const e = await expectError(make().getCustomer(name.includes('404') ? UNKNOWN_ID : ID), kind, message);
      assert.equal(e.action, action);
    });
  }

  it('reports 422 with its errors list (the stand-in validates IDs too)', async () => {
    api.addFault({
      fault: {
        kind: 'status',
        status: 422,
        body: {
          message: 'Validation failed',
          code: 'VALIDATION_ERROR',
          errors: [{ path: ['id'], message: 'Invalid uuid', expected: 'uuid', received: 'x', code: 'invalid_string' }],
        },
      },
    });
    const e = await expectError(make().getCustomer(ID), 'validation', /id: Invalid uuid/);
    assert.deepEqual(e.details.problems, [{ path: 'id', message: 'Invalid uuid' }]);
  });

  it('reports 400 with the server message', async () => {
    api.addFault({ fault: { kind: 'status', status: 400, body: { message: 'Bad request: unsupported parameter', code: 'BAD_REQUEST' } } });
    await expectError(make().getCustomer(ID), 'bad-request', /\(400\): Bad request: unsupported parameter/);
  });

  it('reports an undocumented status with either body shape, or none', async () => {
    api.addFault({ fault: { kind: 'status', status: 418, body: '<h1>teapot</h1>' } });
    await expectError(make().getCustomer(ID), 'http', /HTTP 418/);
    api.clearFaults();
    api.addFault({ fault: { kind: 'status', status: 409, body: { message: 'conflict', code: 'CONFLICT' } } });
    await expectError(make().getCustomer(ID), 'http', /HTTP 409: conflict/);
  });

  it('trusts a known error code over an unusual status', async () => {
    api.addFault({ fault: { kind: 'status', status: 400, body: { message: 'nope', code: 'NOT_FOUND' } } });
    await expectError(make().getCustomer(ID), 'not-found');
  });

  it('retries 500 with backoff, then succeeds', async () => {
    api.addFault({ fault: { kind: 'status', status: 500 }, times: 2 });
    const client = make();
    const got = await client.getCustomer(ID);
    assert.equal(got.record.id, ID);
    assert.deepEqual(
      api.requests.map((r) => r.status),
      [500, 500, 200],
    );
    assert.equal(logs.filter((l) => /retry \d of 2/.test(l)).length, 2, 'each retry is logged');
  });

  it('gives up on 5xx after a bounded number of retries', async () => {
    api.addFault({ fault: { kind: 'status', status: 503, body: { message: 'maintenance', code: 'INTERNAL_ERROR' } } });
    const e = await expectError(make().getCustomer(ID), 'server', /internal error \(503\): maintenance/);
    assert.equal(e.action, 'retry');
    assert.equal(api.requests.length, 3);
  });

  it('retries a dropped connection, and reports it when it keeps dropping', async () => {
    api.addFault({ fault: { kind: 'drop' }, times: 1 });
    assert.equal((await make().getCustomer(ID)).record.id, ID);
    api.addFault({ fault: { kind: 'drop' } });
    await expectError(make().getCustomer(ID), 'network', /connection was dropped|socket hang up/);
  });

  it('reports a connection dropped in the middle of the body', async () => {
    api.addFault({ fault: { kind: 'drop-mid-body' } });
    await expectError(make().getCustomer(ID), 'network');
  });

  it('reports a refused connection', async () => {
    const srv = http.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    baseUrl = `http://127.0.0.1:${port}`;
    await expectError(make({ retry: { maxRetries: 0 } }).getCustomer(ID), 'network', /connection was refused/);
  });

  it('times out a response that never comes, over a real socket, when the client clock passes the limit (carecycle.requestTimeoutMs)', async () => {
    timeoutMs = 1500;
    // The stand-in would answer in an hour; the client's clock, not the wall clock, decides.
    api.addFault({ fault: { kind: 'delay', ms: 3_600_000 } });
    const clock = new FakeClock();
    let sent = false;
    const spy: FetchLike = (u, i) => {
      sent = true;
      return (fetch as unknown as FetchLike)(u, i);
    };
    const p = expectError(
      make({ fetch: spy, clock, retry: { maxRetries: 0 } }).getCustomer(ID),
      'timeout',
      /did not answer within 1500 ms/,
    );
    while (!sent) await flush();
    await clock.advance(1500);
    const e = await p;
    assert.equal(e.action, 'retry');
  });

  it('reports a body that is not JSON, and truncated JSON', async () => {
    api.addFault({ fault: { kind: 'non-json' } });
    await expectError(make({ retry: { maxRetries: 0 } }).getCustomer(ID), 'bad-json', /not JSON \(\d+ bytes of text\/html/);
    api.clearFaults();
    api.addFault({ fault: { kind: 'truncated' } });
    await expectError(make({ retry: { maxRetries: 0 } }).getCustomer(ID), 'bad-json');
  });

  it('reports a JSON body that is not a record', async () => {
    for (const [body, why] of [
      [[1, 2], /expected a JSON object, got array/],
      [{ name: 'x' }, /no "id"/],
      [{ id: 7 }, /"id" is number/],
      [42, /got number/],
    ] as const) {
      api.clearFaults();
      api.addFault({ fault: { kind: 'body', body: body as never } });
      await expectError(make().getCustomer(ID), 'bad-shape', why);
    }
  });

  it('keeps a record whose fields drifted, with warnings that name paths and types but not values', async () => {
    const drifted = {
      ...SAMPLE_CUSTOMERS[0],
      firstName: 42,
      status: 'Snoozing',
      totalCalls: '14',
      brandNewField: { a: 1 },
      policies: [{ planName: ['x'], carrierName: 'Humana' }],
    };
    delete (drifted as Record<string, unknown>).lastName;
    api.addFault({ fault: { kind: 'body', body: drifted } });
    const got = await make().getCustomer(ID);
    assert.equal(got.record.status, 'Snoozing');
    assert.equal((got.record as Record<string, unknown>).brandNewField !== undefined, true);
    assert.deepEqual([...got.warnings].sort(), [
      'firstName: expected string, got number',
      'policies[0].planName: expected string, got array',
      'totalCalls: expected number, got string',
    ]);
    assert.ok(!logs.join('\n').includes('42'), 'no value in the log');
  });

  it('refuses a record over the size cap without reading it all', async () => {
    api.addFault({ fault: { kind: 'huge', mb: 3 } });
    await expectError(make({ maxBodyBytes: 1024 * 1024 }).getCustomer(ID), 'too-large', /larger than 1 MB/);
  });

  it('loads an enormous record under the default cap', async () => {
    api.addFault({ fault: { kind: 'huge', mb: 8 } });
    const got = await make().getCustomer(ID);
    assert.ok((got.record.policies?.length ?? 0) > 5000);
  });

  it('waits out a short 429 once (retryAfter), then succeeds', async () => {
    api.addFault({
      fault: { kind: 'status', status: 429, body: { message: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 0.05 } },
      times: 1,
    });
    const client = make();
    assert.equal((await client.getCustomer(ID)).record.id, ID);
    assert.deepEqual(
      api.requests.map((r) => r.status),
      [429, 200],
    );
    assert.ok(logs.some((l) => /rate limited; waiting 0 s as the API asked/.test(l)));
  });

  it('reports a long 429 with when to retry, and holds back later requests', async () => {
    api.addFault({
      fault: { kind: 'status', status: 429, body: { message: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 60 } },
      times: 1,
    });
    const client = make();
    const e = await expectError(client.getCustomer(ID), 'rate-limited', /try again in 60 s/);
    assert.equal(e.details.retryAfterSec, 60);
    assert.equal(e.action, 'retryLater');
    // Later lookups say when to come back at once instead of hanging for a minute.
    await expectError(client.getCustomer(ID), 'rate-limited', /try again in (59|60) s/);
    assert.equal(api.requests.length, 1);
  });

  it('reads Retry-After from the header when the body has none', async () => {
    api.addFault({ fault: { kind: 'status', status: 429, body: '<html>slow down</html>', headers: { 'retry-after': '120' } }, times: 1 });
    await expectError(make().getCustomer(ID), 'rate-limited', /in 2 min/);
  });

  it('cancels through AbortSignal, before and during the request', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expectError(make().getCustomer(ID, ctl.signal), 'cancelled');
    // The answer is an hour off: only the cancel can end this test (else mocha's own limit fails it).
    api.addFault({ fault: { kind: 'delay', ms: 3_600_000 } });
    const ctl2 = new AbortController();
    // Abort once the request is on its way (fetch was called).
    const spy: FetchLike = (u, i) => {
      const sent = (fetch as unknown as FetchLike)(u, i);
      queueMicrotask(() => ctl2.abort());
      return sent;
    };
    await expectError(make({ fetch: spy, timeoutMs: () => 3_600_000 }).getCustomer(ID, ctl2.signal), 'cancelled');
  });

  it('does not follow a redirect (the key would go with it)', async () => {
    const other = await startMockApi();
    try {
      api.addFault({ fault: { kind: 'redirect', location: `${other.url}/v2/customers/${ID}` } });
      await expectError(make().getCustomer(ID), 'http', /redirect/);
      assert.equal(other.requests.length, 0);
    } finally {
      await other.close();
    }
  });

  it('refuses plain http to a non-loopback host before the key is sent', async () => {
    let sent = 0;
    baseUrl = 'http://api.carecycle.example';
    await expectError(
      make({
        fetch: () => {
          sent++;
          throw new Error('no');
        },
      }).getCustomer(ID),
      'config',
      /only over https/,
    );
    assert.equal(sent, 0);
  });

  it('never shows the key, even when the server echoes it', async () => {
    api.addFault({ fault: { kind: 'status', status: 400, body: { message: `bad key ${DEMO_KEY}`, code: 'X' } } });
    const e = await expectError(make().getCustomer(ID), 'bad-request');
    assert.ok(!e.message.includes(DEMO_KEY));
    assert.match(e.message, /\[redacted\]/);
    assert.ok(!logs.join('\n').includes(DEMO_KEY));
  });

  it('keeps one key under 60 requests a minute on its own side, counted when each request is sent', async () => {
    // A fake clock drives the limiter's window; the requests themselves go over real HTTP, to a
    // stand-in that counts without a limit of its own (its 60-a-minute runs on the real clock).
    const open = await startMockApi({ rateLimit: { limit: 1e6, windowMs: 60_000 } });
    try {
      const clock = new FakeClock();
      const sentAt: number[] = [];
      const spy: FetchLike = (u, i) => {
        sentAt.push(clock.now());
        return (fetch as unknown as FetchLike)(u, i);
      };
      baseUrl = open.url;
      const client = make({ fetch: spy, clock, limiter: new RateLimiter(60, 60_000, clock) });
      const all = Promise.all(Array.from({ length: 70 }, () => client.getCustomer(ID)));
      const sentBy = async (n: number): Promise<void> => {
        for (let i = 0; i < 500 && sentAt.length < n; i++) await flush();
      };
      await sentBy(60);
      await flush();
      assert.equal(sentAt.length, 60, 'sixty go out at once');
      await clock.advance(59_999);
      assert.equal(sentAt.length, 60, 'none more within the minute');
      await clock.advance(2);
      await sentBy(70);
      await all;
      assert.equal(sentAt.length, 70);
      for (const t of sentAt) assert.ok(sentAt.filter((s) => s > t - 60_000 && s <= t).length <= 60, 'never more than 60 sent in any 60 s');
      assert.equal(open.requests.length, 70);
      assert.ok(open.requests.every((r) => r.status === 200));
    } finally {
      await open.close();
    }
  });

  it('caps concurrent requests', async () => {
    api.addFault({ fault: { kind: 'delay', ms: 60 } });
    const client = make({ concurrency: 2 });
    let peak = 0;
    let active = 0;
    const spy: FetchLike = async (u, i) => {
      peak = Math.max(peak, ++active);
      try {
        return await (fetch as unknown as FetchLike)(u, i);
      } finally {
        active--;
      }
    };
    const c2 = make({ concurrency: 2, fetch: spy });
    await Promise.all(Array.from({ length: 6 }, () => c2.getCustomer(ID)));
    assert.equal(peak, 2);
    void client;
  });
});

describe('the rate limit as the stand-in counts it (burst, recover, burst)', () => {
  it('120 customers behind an API that answers in 14 s, then recovers: never over 60 arrivals in any 60 s, never a 429', async function () {
    // A minute of traffic in about 25 seconds: the client and the stand-in share one clock that runs
    // three times faster than the wall clock while this process runs, and stands still while it is
    // stalled (a busy machine), so a stall is not magnified threefold. The sockets, the stand-in's own
    // 60-a-minute check and its arrival stamps are real; so is what each send adds: the client's margin
    // (2 s) covers the delay below (0.5 s) and the ticks of this clock.
    const SCALE = 3;
    const clock = new CompressedClock(SCALE);
    const now = (): number => clock.now();
    const standIn = await startMockApi({ now });
    try {
      const ids = Array.from({ length: 120 }, (_, i) => `${(0x40000000 + i).toString(16)}-1111-4222-8333-444455556666`);
      for (const id of ids.slice(0, 4)) standIn.addFault({ fault: { kind: 'delay', ms: 14_000 / SCALE }, id, times: 1 });
      // What the send path adds between the limiter's stamp and the arrival: new connections for the
      // first bursts (0.5 s, within the client's 2 s margin), warm ones after.
      let sends = 0;
      const sendPath: FetchLike = async (u, i) => {
        if (sends++ < 64) await clock.sleep(500);
        return (fetch as unknown as FetchLike)(u, i);
      };
      const client = new CareCycleClient({
        fetch: sendPath,
        endpoint: () => Promise.resolve({ baseUrl: standIn.url, key: DEMO_KEY }),
        timeoutMs: () => 60_000,
        userAgent: 'carecycle-vscode/test',
        clock,
        concurrency: 4,
        retry: { maxRetries: 0 },
      });
      await Promise.allSettled(ids.map((id) => client.getCustomer(id)));
      const arrivals = standIn.requests.map((r) => r.at).sort((a, b) => a - b);
      assert.equal(arrivals.length, 120, 'each customer was asked for once');
      assert.deepEqual(
        standIn.requests.filter((r) => r.status === 429).map((r) => r.id),
        [],
        'the stand-in refused none',
      );
      let worst = 0;
      for (const t of arrivals) worst = Math.max(worst, arrivals.filter((s) => s > t - 60_000 && s <= t).length);
      const per10s = new Map<number, number>();
      for (const t of arrivals)
        per10s.set(Math.floor((t - arrivals[0]!) / 10_000), (per10s.get(Math.floor((t - arrivals[0]!) / 10_000)) ?? 0) + 1);
      assert.ok(worst <= 60, `${worst} arrived within one 60 s window (per 10 s: ${[...per10s.values()].join(', ')})`);
    } finally {
      await standIn.close();
      clock.stop();
    }
  });
});

describe('the key check against an address that is not the CareCycle API (#34)', () => {
  it('says it could not check the key, never that the API accepts it, when a 404 or 401 is a proxy page', async () => {
    for (const status of [404, 401]) {
      const srv = http.createServer((_req, res) => {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>Not Found</title><p>The requested URL was not found on this server.</p>');
      });
      await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
      const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
      try {
        const client = new CareCycleClient({
          fetch: fetch,
          endpoint: () => Promise.resolve({ baseUrl: url, key: DEMO_KEY }),
          timeoutMs: () => 120_000,
          userAgent: 't',
        });
        const v = await client.checkKey(DEMO_KEY, url);
        assert.equal(v.type, 'unchecked', `${status}: ${JSON.stringify(v)}`);
        assert.ok(v.type === 'unchecked' && v.error.kind === 'not-api');
        assert.ok(v.type === 'unchecked' && v.error.message.startsWith(`${url} does not answer as the CareCycle API (HTTP ${status}`));
      } finally {
        await new Promise<void>((r) => srv.close(() => r()));
      }
    }
  });

  it("still calls a key accepted on the API's own 404 for the nil UUID, and refused on its own 401", async () => {
    const api = await startMockApi();
    try {
      const client = new CareCycleClient({
        fetch: fetch,
        endpoint: () => Promise.resolve({ baseUrl: api.url, key: DEMO_KEY }),
        timeoutMs: () => 120_000,
        userAgent: 't',
      });
      assert.deepEqual(await client.checkKey(DEMO_KEY, api.url), { type: 'accepted' });
      assert.equal((await client.checkKey('cc_wrong_key_123', api.url)).type, 'refused');
    } finally {
      await api.close();
    }
  });
});
