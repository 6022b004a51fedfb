import assert from 'node:assert/strict';
import { CareCycleClient, type FetchLike, type FetchResponse } from '../../src/core/api/client';
import { CareCycleError } from '../../src/core/api/errors';
import { TtlLruCache } from '../../src/core/cache';
import { CustomerService } from '../../src/core/customers';
import { RateLimiter } from '../../src/core/limiter';
import { FakeClock, flush } from '../support/fakeClock';
import { SAMPLE_IDS } from '../support/constants.mjs';

const A = SAMPLE_IDS.margaret;
const B = SAMPLE_IDS.robert;

/** A fetch that answers from a table, counts calls, and can be held open. */
function fakeFetch(table: Record<string, { status: number; body: unknown }>) {
  const calls: string[] = [];
  const gates: Array<() => void> = [];
  let hold = false;
  let aborted = 0;
  const f: FetchLike = async (url, init) => {
    calls.push(url);
    if (hold) {
      await new Promise<void>((resolve, reject) => {
        gates.push(resolve);
        init.signal.addEventListener(
          'abort',
          () => {
            aborted++;
            reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
          },
          { once: true },
        );
      });
    }
    const id = url.split('/').pop()!;
    const row = table[id] ?? { status: 404, body: { message: 'Customer not found', code: 'NOT_FOUND' } };
    const text = JSON.stringify(row.body);
    const res: FetchResponse = {
      status: row.status,
      headers: { get: (n) => (n === 'content-type' ? 'application/json' : null) },
      body: (async function* () {
        await Promise.resolve();
        yield Buffer.from(text);
      })(),
    };
    return res;
  };
  return {
    f,
    calls,
    aborted: () => aborted,
    release: () => gates.splice(0).forEach((g) => g()),
    setHold: (v: boolean) => {
      hold = v;
    },
  };
}

function service(fetch: FetchLike, clock = new FakeClock()) {
  const client = new CareCycleClient({
    fetch,
    endpoint: () => Promise.resolve({ baseUrl: 'http://127.0.0.1:1', key: 'cc_test_key' }),
    timeoutMs: () => 5000,
    userAgent: 't',
    clock,
    limiter: new RateLimiter(1000, 60_000, clock),
    retry: { maxRetries: 0 },
  });
  return { svc: new CustomerService(client, { clock, ttlMs: 1000, notFoundTtlMs: 500 }), clock, client };
}

describe('CustomerService (shared cache)', () => {
  const table = {
    [A]: { status: 200, body: { id: A, firstName: 'Margaret' } },
    [B]: { status: 200, body: { id: B, firstName: 'Robert' } },
  };

  it('serves a second request from the cache until the TTL passes', async () => {
    const ff = fakeFetch(table);
    const { svc, clock } = service(ff.f);
    await svc.get(A);
    await svc.get(A.toUpperCase());
    assert.equal(ff.calls.length, 1);
    await clock.advance(1001);
    await svc.get(A);
    assert.equal(ff.calls.length, 2);
  });

  it('shares one network call between concurrent requests for one ID', async () => {
    const ff = fakeFetch(table);
    const { svc } = service(ff.f);
    const got = await Promise.all([svc.get(A), svc.get(A), svc.get(A.toUpperCase())]);
    assert.equal(ff.calls.length, 1);
    assert.ok(got.every((g) => g.record.firstName === 'Margaret'));
  });

  it('remembers a 404 for a short while (logs are full of UUIDs that are not customers)', async () => {
    const ff = fakeFetch(table);
    const { svc, clock } = service(ff.f);
    const unknown = '11111111-2222-4333-8444-555555555555';
    for (let i = 0; i < 3; i++) await assert.rejects(svc.get(unknown), (e: CareCycleError) => e.kind === 'not-found');
    assert.equal(ff.calls.length, 1);
    assert.equal(svc.knownMissing(unknown), true);
    await clock.advance(501);
    await assert.rejects(svc.get(unknown));
    assert.equal(ff.calls.length, 2);
  });

  it('does not remember other errors', async () => {
    const ff = fakeFetch({ [A]: { status: 500, body: { message: 'x', code: 'INTERNAL_ERROR' } } });
    const { svc } = service(ff.f);
    await assert.rejects(svc.get(A));
    await assert.rejects(svc.get(A));
    assert.equal(ff.calls.length, 2);
  });

  it('refresh bypasses the cache and replaces the entry', async () => {
    const rows = { ...table };
    const ff = fakeFetch(rows);
    const { svc } = service(ff.f);
    await svc.get(A);
    rows[A] = { status: 200, body: { id: A, firstName: 'Peggy' } };
    assert.equal((await svc.get(A, { refresh: true })).record.firstName, 'Peggy');
    assert.equal((await svc.get(A)).record.firstName, 'Peggy');
    assert.equal(ff.calls.length, 2);
  });

  it('lets a refresh join a request already under way instead of cancelling it', async () => {
    const ff = fakeFetch(table);
    ff.setHold(true);
    const { svc } = service(ff.f);
    const hover = svc.get(A);
    const refresh = svc.get(A, { refresh: true });
    await flush();
    ff.release();
    assert.equal((await hover).record.id, A);
    assert.equal((await refresh).record.id, A);
    assert.equal(ff.calls.length, 1);
  });

  it('lets one caller cancel without hurting the others, and stops the request when all give up', async () => {
    const ff = fakeFetch(table);
    ff.setHold(true);
    const { svc } = service(ff.f);
    const c1 = new AbortController();
    const c2 = new AbortController();
    const p1 = svc.get(A, { signal: c1.signal });
    const p2 = svc.get(A, { signal: c2.signal });
    await flush();
    c1.abort();
    await assert.rejects(p1, (e: CareCycleError) => e.kind === 'cancelled');
    ff.release();
    assert.equal((await p2).record.id, A);

    const c3 = new AbortController();
    const p3 = svc.get(B, { signal: c3.signal });
    await flush();
    c3.abort();
    await assert.rejects(p3, (e: CareCycleError) => e.kind === 'cancelled');
    await flush();
    assert.equal(ff.aborted(), 1, 'the abandoned request was stopped');
    assert.equal(svc.peek(B), undefined);
  });

  it('tells listeners about each completed fetch', async () => {
    const ff = fakeFetch(table);
    const { svc } = service(ff.f);
    const seen: string[] = [];
    svc.onDidFetch((id, r) => seen.push(`${id}:${r instanceof CareCycleError ? r.kind : 'ok'}`));
    await svc.get(A);
    await assert.rejects(svc.get('11111111-2222-4333-8444-555555555555'));
    assert.deepEqual(seen, [`${A}:ok`, '11111111-2222-4333-8444-555555555555:not-found']);
  });
});

describe('TtlLruCache', () => {
  it('evicts the least recently used entry past the entry bound', () => {
    const c = new TtlLruCache<string, number>({ maxEntries: 2, maxBytes: 1e9 });
    c.set('a', 1, 1e6);
    c.set('b', 2, 1e6);
    c.get('a');
    c.set('c', 3, 1e6);
    assert.equal(c.peek('b'), undefined);
    assert.equal(c.peek('a'), 1);
    assert.equal(c.peek('c'), 3);
    assert.equal(c.size, 2);
  });
  it('keeps within the byte bound, and skips a single entry larger than it', () => {
    const c = new TtlLruCache<string, number>({ maxEntries: 100, maxBytes: 100 });
    c.set('a', 1, 1e6, 60);
    c.set('b', 2, 1e6, 60);
    assert.equal(c.bytes, 60);
    assert.equal(c.peek('a'), undefined);
    c.set('huge', 3, 1e6, 1000);
    assert.equal(c.peek('huge'), undefined);
    assert.equal(c.peek('b'), 2);
  });
});

describe('RateLimiter (fake clock)', () => {
  it('admits 60 in a minute, then waits for the window to slide', async () => {
    const clock = new FakeClock();
    const rl = new RateLimiter(60, 60_000, clock);
    let granted = 0;
    const all = Array.from({ length: 75 }, () => rl.acquire().then(() => granted++));
    await flush();
    assert.equal(granted, 60);
    await clock.advance(59_000);
    assert.equal(granted, 60);
    await clock.advance(1_500);
    await Promise.all(all);
    assert.equal(granted, 75);
  });

  it('never lets more than the limit start in any window (sliding check)', async () => {
    const clock = new FakeClock();
    const rl = new RateLimiter(10, 1000, clock);
    const starts: number[] = [];
    const jobs = Array.from({ length: 50 }, async () => {
      await rl.acquire();
      starts.push(clock.now());
    });
    for (let i = 0; i < 60; i++) await clock.advance(100);
    await Promise.all(jobs);
    for (const t of starts) assert.ok(starts.filter((s) => s > t - 1000 && s <= t).length <= 10);
  });

  it('holds everything back until a server-given time', async () => {
    const clock = new FakeClock();
    const rl = new RateLimiter(60, 60_000, clock);
    rl.blockUntil(clock.now() + 5000);
    let done = false;
    const p = rl.acquire().then(() => {
      done = true;
    });
    await clock.advance(4000);
    assert.equal(done, false);
    await clock.advance(1001);
    await p;
    assert.equal(done, true);
  });

  it('drops a waiter whose signal aborts', async () => {
    const clock = new FakeClock();
    const rl = new RateLimiter(1, 1000, clock);
    await rl.acquire();
    const ctl = new AbortController();
    const p = rl.acquire(ctl.signal);
    ctl.abort();
    await assert.rejects(p);
    const next = rl.acquire();
    await clock.advance(1001);
    await next;
  });
});

describe('what the cache keeps when an answer is not good (#34)', () => {
  const htmlFetch =
    (status: number): FetchLike =>
    () =>
      Promise.resolve({
        status,
        headers: { get: (n: string) => (n === 'content-type' ? 'text/html; charset=utf-8' : null) },
        body: (async function* () {
          await Promise.resolve();
          yield Buffer.from('<html><body><h1>404 Not Found</h1>nginx</body></html>');
        })(),
      });

  it('a failed refresh (503, a time-out, a proxy page) keeps the still-valid record for every reader, marked stale; a good answer clears the mark', async () => {
    const table: Record<string, { status: number; body: unknown }> = { [A]: { status: 200, body: { id: A, firstName: 'Margaret' } } };
    const ff = fakeFetch(table);
    const { svc, clock } = service(ff.f);
    await svc.get(A);
    await clock.advance(400);
    table[A] = { status: 503, body: { message: 'Service Unavailable', code: 'INTERNAL_ERROR' } };
    await assert.rejects(svc.get(A, { refresh: true }), (e: CareCycleError) => e.kind === 'server');
    const held = await svc.get(A);
    assert.equal(held.record.firstName, 'Margaret', 'the hover still gets the record');
    assert.equal(held.stale?.error.kind, 'server', 'marked stale, with what failed');
    assert.equal(svc.peek(A)?.stale?.error.kind, 'server');
    assert.equal(ff.calls.length, 2, 'served from the cache, no request');
    // Held for what was left of its time to live (1 s), not a new one: then it is asked for again.
    await clock.advance(601);
    await assert.rejects(svc.get(A), (e: CareCycleError) => e.kind === 'server');
    assert.equal(ff.calls.length, 3, 'expired: a new request, and its failure is what the caller sees');
    table[A] = { status: 200, body: { id: A, firstName: 'Margaret' } };
    assert.equal((await svc.get(A, { refresh: true })).stale, undefined);
    assert.equal((await svc.get(A)).stale, undefined);
  });

  it('"no such customer" and a refused key take the record away instead', async () => {
    const table: Record<string, { status: number; body: unknown }> = { [A]: { status: 200, body: { id: A } } };
    const ff = fakeFetch(table);
    const { svc } = service(ff.f);
    await svc.get(A);
    table[A] = { status: 404, body: { message: 'Customer not found', code: 'NOT_FOUND' } };
    await assert.rejects(svc.get(A, { refresh: true }));
    assert.equal(svc.peek(A), undefined);
    assert.ok(svc.knownMissing(A));
    table[B] = { status: 200, body: { id: B } };
    await svc.get(B);
    table[B] = { status: 401, body: { message: 'Invalid API key', code: 'UNAUTHORIZED' } };
    await assert.rejects(svc.get(B, { refresh: true }));
    assert.equal(svc.peek(B), undefined);
  });

  it('a 404, 401 or 403 that is not the API\'s JSON error (a proxy, a wrong base URL) is "does not answer as the CareCycle API": nothing is remembered as missing', async () => {
    for (const status of [404, 401, 403]) {
      const { svc } = service(htmlFetch(status));
      const e = await svc.get(A).then(
        () => assert.fail('an error'),
        (err: CareCycleError) => err,
      );
      assert.equal(e.kind, 'not-api', `${status}`);
      assert.equal(
        e.message,
        `http://127.0.0.1:1 does not answer as the CareCycle API (HTTP ${status}, text/html, not the API's error body). Check the environment's base URL, or a proxy in between.`,
      );
      assert.equal(e.action, 'openSettings');
      assert.equal(svc.knownMissing(A), false, 'not remembered as missing');
    }
  });
});
