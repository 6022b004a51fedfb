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
