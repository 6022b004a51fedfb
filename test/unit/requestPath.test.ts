import assert from 'node:assert/strict';
import { CareCycleClient, type FetchLike, type FetchResponse } from '../../src/core/api/client';
import { CareCycleError, toCareCycleError } from '../../src/core/api/errors';
import { CustomerService } from '../../src/core/customers';
import { RateLimiter } from '../../src/core/limiter';
import { FakeClock, flush } from '../support/fakeClock';
import { SAMPLE_IDS } from '../support/constants.mjs';

const A = SAMPLE_IDS.margaret;
const B = SAMPLE_IDS.robert;

function response(status: number, body: unknown): FetchResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    status,
    headers: { get: (n) => (n === 'content-type' ? 'application/json' : null) },
    body: (async function* () {
      await Promise.resolve();
      yield Buffer.from(text);
    })(),
  };
}

/**
 * A fetch whose answers the test releases one at a time; each answer is built when released, so a
 * test can change the world (the key, a record) while a request is held.
 */
function heldFetch(answer: (url: string, key: string) => FetchResponse) {
  const held: Array<{ url: string; key: string; release: () => void }> = [];
  const sent: Array<{ url: string; key: string }> = [];
  const f: FetchLike = (url, init) => {
    const key = init.headers['x-api-key'] ?? '';
    sent.push({ url, key });
    return new Promise<FetchResponse>((resolve, reject) => {
      held.push({ url, key, release: () => resolve(answer(url, key)) });
      init.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true });
    });
  };
  return { f, sent, releaseAll: () => held.splice(0).forEach((h) => h.release()) };
}

function service(fetch: FetchLike, key: { value: string }, extra: ConstructorParameters<typeof CustomerService>[1] = {}) {
  const clock = new FakeClock();
  const client = new CareCycleClient({
    fetch,
    endpoint: () => Promise.resolve({ baseUrl: 'https://api.carecycle.ai', key: key.value }),
    timeoutMs: () => 5000,
    userAgent: 't',
    clock,
    limiter: new RateLimiter(1000, 60_000, clock),
    retry: { maxRetries: 0 },
  });
  return new CustomerService(client, { clock, ...extra });
}

const record = (id: string, firstName: string) => ({ id, firstName });

describe('request path: CustomerService', () => {
  it('defect 1: a refresh right after a cancel sends a new request instead of joining the aborted one', async () => {
    const h = heldFetch((url) => response(200, record(url.split('/').pop()!, 'Margaret')));
    const svc = service(h.f, { value: 'cc_one_key' });
    const hover = new AbortController();
    const p1 = svc.get(A, { signal: hover.signal });
    await flush();
    hover.abort(); // the hover was the only waiter: the request is aborted
    await assert.rejects(p1, (e: CareCycleError) => e.kind === 'cancelled');
    const refresh = svc.get(A, { refresh: true });
    await flush();
    h.releaseAll();
    assert.equal((await refresh).record.firstName, 'Margaret');
    assert.equal(h.sent.length, 2, 'a second request was sent');
  });

  it('defect 2: a result fetched with the previous key is delivered to nobody and cached nowhere', async () => {
    const key = { value: 'cc_old_key' };
    const h = heldFetch((url, k) =>
      response(200, record(url.split('/').pop()!, k === 'cc_old_key' ? 'Seen with the old key' : 'Seen with the new key')),
    );
    const svc = service(h.f, key);
    const waiting = svc.get(A);
    await flush();
    key.value = 'cc_new_key';
    svc.invalidate();
    await flush();
    h.releaseAll();
    await flush();
    h.releaseAll();
    assert.equal((await waiting).record.firstName, 'Seen with the new key', 'the waiter is served by the new generation');
    assert.equal(svc.peek(A)?.record.firstName, 'Seen with the new key');
    assert.equal((await svc.get(A)).record.firstName, 'Seen with the new key');
    assert.deepEqual(
      h.sent.map((s) => s.key),
      ['cc_old_key', 'cc_new_key'],
    );
  });

  it('defect 2: an old-generation answer that arrives anyway is not cached and tells no listener', async () => {
    // The old request cannot be stopped (it already has its answer in hand when the key changes).
    const key = { value: 'cc_old_key' };
    let late: (() => void) | undefined;
    const f: FetchLike = (_url, init) => {
      const k = init.headers['x-api-key'];
      if (k === 'cc_old_key')
        return new Promise((resolve) => {
          late = () => resolve(response(200, record(A, 'Old')));
        });
      return Promise.resolve(response(200, record(A, 'New')));
    };
    const svc = service(f, key);
    const seen: string[] = [];
    svc.onDidFetch((_id, r) => seen.push(r instanceof CareCycleError ? r.kind : String(r.record.firstName)));
    const p = svc.get(A);
    await flush();
    key.value = 'cc_new_key';
    svc.invalidate();
    late?.();
    assert.equal((await p).record.firstName, 'New');
    assert.deepEqual(seen, ['New']);
  });

  it('defect 3: an unexpected error is "internal", keeps its stack, and points at the log', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    const e = toCareCycleError(bug);
    assert.equal(e.kind, 'internal');
    assert.equal(e.message, 'Something went wrong in CareCycle (see log).');
    assert.equal(e.action, 'showLog');
    assert.equal(e.details.cause, bug);
    assert.ok(e.details.cause.stack?.includes('TypeError'));
    // Through the service: a bug in the fetch layer is not reported as a network failure.
    const svc = service(
      () => {
        throw bug;
      },
      { value: 'cc_one_key' },
    );
    await assert.rejects(svc.get(B), (err: CareCycleError) => err.kind === 'internal' && err.details.cause === bug);
  });

  it('keeps small records and not large ones (ten 8 MB records do not push out the small entries)', async () => {
    const h = heldFetch((url) => {
      const id = url.split('/').pop()!;
      return response(200, id === A ? { id, pad: 'x'.repeat(3 * 1024 * 1024) } : record(id, 'Small'));
    });
    const svc = service(h.f, { value: 'cc_one_key' }, { maxBytes: 8 * 1024 * 1024, maxEntryBytes: 2 * 1024 * 1024 });
    const small = svc.get(B);
    await flush();
    h.releaseAll();
    await small;
    for (let i = 0; i < 10; i++) {
      const big = svc.get(A, { refresh: true });
      await flush();
      h.releaseAll();
      assert.ok((await big).bytes > 3 * 1024 * 1024);
    }
    assert.equal(svc.peek(A), undefined, 'the large record is not cached');
    assert.equal(svc.peek(B)?.record.firstName, 'Small', 'the small entry survived');
  });
});

describe('request path: the limiter behind a slow API', () => {
  it('counts a request when it is sent: behind an API that is slow, then fast, never over 60 sent in any 60 s', async () => {
    // The reported pattern: the first four requests hang for 15 s, the rest are answered at once.
    // Counting at the grant let the 56 queued behind the four go out together at 15 s, and 60 more
    // at 60 s: 116 in one minute.
    const clock = new FakeClock();
    const sentAt: number[] = [];
    const f: FetchLike = (url) => {
      sentAt.push(clock.now());
      const slow = sentAt.length <= 4;
      return (slow ? clock.sleep(15_000) : Promise.resolve()).then(() => response(200, record(url.split('/').pop()!, 'Slow')));
    };
    const client = new CareCycleClient({
      fetch: f,
      endpoint: () => Promise.resolve({ baseUrl: 'https://api.carecycle.ai', key: 'cc_k' }),
      timeoutMs: () => 3_600_000,
      userAgent: 't',
      clock,
      limiter: new RateLimiter(60, 60_000, clock),
      concurrency: 4,
    });
    const ids = Array.from({ length: 120 }, (_, i) => `${(0x20000000 + i).toString(16)}-1111-4222-8333-444455556666`);
    let done = false;
    const all = Promise.all(ids.map((id) => client.getCustomer(id))).finally(() => {
      done = true;
    });
    for (let i = 0; i < 400 && !done; i++) await clock.advance(5_000);
    await all;
    assert.equal(sentAt.length, 120);
    let worst = 0;
    for (const t of sentAt) worst = Math.max(worst, sentAt.filter((s) => s > t - 60_000 && s <= t).length);
    assert.ok(worst <= 60, `${worst} sent within one 60 s window`);
  });
});

/** A fetch that never answers: it ends only when its signal aborts (as a real socket does). */
const silentFetch: FetchLike = (_url, init) =>
  new Promise<FetchResponse>((_resolve, reject) => {
    init.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true });
  });

function clientOn(clock: FakeClock, extra: Partial<ConstructorParameters<typeof CareCycleClient>[0]> = {}): CareCycleClient {
  return new CareCycleClient({
    fetch: silentFetch,
    endpoint: () => Promise.resolve({ baseUrl: 'https://api.carecycle.ai', key: 'cc_k' }),
    timeoutMs: () => 5000,
    userAgent: 't',
    clock,
    limiter: new RateLimiter(60, 60_000, clock),
    retry: { maxRetries: 0 },
    ...extra,
  });
}

/** Settles `p` into a value the test can look at without awaiting it (still pending: undefined). */
function watch<T>(p: Promise<T>): { readonly state: () => 'pending' | 'resolved' | 'rejected'; readonly error: () => unknown } {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  let error: unknown;
  p.then(
    () => (state = 'resolved'),
    (e: unknown) => {
      state = 'rejected';
      error = e;
    },
  );
  return { state: () => state, error: () => error };
}

describe('request path: time limits on the client clock (no wall clock in a test)', () => {
  it('times out a request the API never answers, after exactly the set limit', async () => {
    const clock = new FakeClock();
    const p = watch(clientOn(clock).getCustomer(A));
    await clock.advance(4_999);
    assert.equal(p.state(), 'pending', 'not before the limit');
    await clock.advance(1);
    assert.equal(p.state(), 'rejected');
    const e = p.error() as CareCycleError;
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /did not answer within 5 s/);
    assert.equal(e.action, 'retry');
  });

  it('defect 6: the limit covers reading a huge answer off the thread, and a cancel stops that reading at once', async () => {
    const clock = new FakeClock();
    let reads = 0;
    let stoppedWith: unknown;
    const classifyLarge = (_raw: unknown, _ctx: unknown, signal: AbortSignal): Promise<never> => {
      reads++;
      return new Promise((_resolve, reject) =>
        signal.addEventListener(
          'abort',
          () => {
            stoppedWith = signal.reason;
            reject(signal.reason);
          },
          { once: true },
        ),
      );
    };
    const big: FetchLike = () => Promise.resolve(response(200, { id: A, pad: 'x'.repeat(100) }));
    const client = clientOn(clock, { fetch: big, classifyLarge, largeBodyBytes: 10 });
    const timedOut = watch(client.getCustomer(A));
    await clock.advance(5_000);
    assert.equal(reads, 1);
    assert.equal(timedOut.state(), 'rejected', 'the reading was stopped by the time limit');
    assert.equal((timedOut.error() as CareCycleError).kind, 'timeout');
    assert.match((timedOut.error() as CareCycleError).message, /could not be read within 5 s/);
    assert.ok(stoppedWith, 'the reader was told to stop');

    const ctl = new AbortController();
    const cancelled = watch(client.getCustomer(A, ctl.signal));
    await flush();
    assert.equal(reads, 2);
    ctl.abort();
    await flush();
    assert.equal(cancelled.state(), 'rejected', 'a cancel ends the reading without any time passing');
    assert.equal((cancelled.error() as CareCycleError).kind, 'cancelled');
  });

  it('cancels a request on its way, at once, and never reports it as a timeout', async () => {
    const clock = new FakeClock();
    const ctl = new AbortController();
    const p = watch(clientOn(clock).getCustomer(A, ctl.signal));
    await flush();
    ctl.abort();
    await flush();
    assert.equal(p.state(), 'rejected');
    assert.equal((p.error() as CareCycleError).kind, 'cancelled');
  });
});

describe('request path: nothing outlives its owner', () => {
  it('defect 4: a request whose signal is already aborted is never sent, counted or cached', async () => {
    const h = heldFetch((url) => response(200, record(url.split('/').pop()!, 'Margaret')));
    const svc = service(h.f, { value: 'cc_one_key' });
    const ctl = new AbortController();
    ctl.abort();
    await assert.rejects(svc.get(A, { signal: ctl.signal }), (e: CareCycleError) => e.kind === 'cancelled');
    await flush();
    assert.equal(h.sent.length, 0, 'nothing went out');
    assert.equal(svc.peek(A), undefined);
  });

  it('defect 3: a cancelled refresh keeps the record the cache still holds', async () => {
    const h = heldFetch((url) => response(200, record(url.split('/').pop()!, 'Margaret')));
    const svc = service(h.f, { value: 'cc_one_key' });
    const first = svc.get(A);
    await flush();
    h.releaseAll();
    await first;
    const ctl = new AbortController();
    const refresh = svc.get(A, { refresh: true, signal: ctl.signal });
    await flush();
    ctl.abort();
    await assert.rejects(refresh, (e: CareCycleError) => e.kind === 'cancelled');
    // The waiter leaves at once; the request it stopped ends a moment later.
    await flush();
    assert.equal(h.sent.length, 2, 'the refresh had gone out');
    assert.equal(svc.peek(A)?.record.firstName, 'Margaret', 'the still-valid record is kept');
  });

  it('defect 5: a request cancelled while it waits for the rate limit is released at once, behind other waiters too', async () => {
    const clock = new FakeClock();
    const answered: FetchLike = (url) => Promise.resolve(response(200, record(url.split('/').pop()!, 'R')));
    const client = clientOn(clock, { fetch: answered, limiter: new RateLimiter(1, 60_000, clock), concurrency: 4 });
    await client.getCustomer(A); // the window's one slot is spent
    const ahead = watch(client.getCustomer(B)); // waits for the window
    const ctl = new AbortController();
    const mine = watch(client.getCustomer(SAMPLE_IDS.dorothy, ctl.signal)); // waits behind it
    await flush();
    ctl.abort();
    await flush();
    assert.equal(mine.state(), 'rejected', 'released without waiting for the one ahead of it');
    assert.equal((mine.error() as CareCycleError).kind, 'cancelled');
    assert.equal(ahead.state(), 'pending');
    await clock.advance(62_001);
    assert.equal(ahead.state(), 'resolved', 'the one ahead still gets its turn');
  });

  it('defect 5: the limiter drops an aborted waiter from anywhere in its queue', async () => {
    const clock = new FakeClock();
    const rl = new RateLimiter(1, 1000, clock);
    await rl.acquire();
    const first = watch(rl.acquire());
    const ctl = new AbortController();
    const second = watch(rl.acquire(ctl.signal));
    const third = watch(rl.acquire());
    ctl.abort();
    await flush();
    assert.equal(second.state(), 'rejected');
    await clock.advance(1001);
    assert.deepEqual([first.state(), third.state()], ['resolved', 'pending'], 'the next in line is served');
    await clock.advance(1001);
    assert.equal(third.state(), 'resolved', 'and the one after it, one window later (the aborted waiter used no slot)');
  });
});

describe('request path: the API never sees a 61st request in its minute', () => {
  /**
   * The reported pattern: 120 customers asked for; the first four are answered after 14 s, the rest
   * at once. Each request reaches the API some time after the client sent it (arrival = send + delay).
   * Counted as the API counts them, by arrival, no 60 s window may hold more than 60.
   */
  it('burst, recover, burst: at most 60 arrivals in any 60 s window, whatever each send adds (up to the margin)', async () => {
    const clock = new FakeClock();
    const arrivals: number[] = [];
    let n = 0;
    const f: FetchLike = (url) => {
      const i = n++;
      // What the send path adds to each request: the first bursts are slow to arrive (new
      // connections), later ones quick: the case where a window holds both bursts.
      const sendDelay = i < 64 ? 1_900 : (i * 37) % 200;
      arrivals.push(clock.now() + sendDelay);
      const slow = i < 4;
      return clock.sleep(slow ? 14_000 : sendDelay + 5).then(() => response(200, record(url.split('/').pop()!, 'Burst')));
    };
    const client = new CareCycleClient({
      fetch: f,
      endpoint: () => Promise.resolve({ baseUrl: 'https://api.carecycle.ai', key: 'cc_k' }),
      timeoutMs: () => 3_600_000,
      userAgent: 't',
      clock,
      concurrency: 4,
    });
    const ids = Array.from({ length: 120 }, (_, i) => `${(0x30000000 + i).toString(16)}-1111-4222-8333-444455556666`);
    let done = false;
    const all = Promise.all(ids.map((id) => client.getCustomer(id))).finally(() => {
      done = true;
    });
    for (let i = 0; i < 2000 && !done; i++) await clock.advance(250);
    await all;
    assert.equal(arrivals.length, 120, 'every customer was asked for');
    const sorted = [...arrivals].sort((a, b) => a - b);
    let worst = 0;
    for (const t of sorted) worst = Math.max(worst, sorted.filter((s) => s > t - 60_000 && s <= t).length);
    assert.ok(worst <= 60, `${worst} arrived within one 60 s window`);
  });
});
