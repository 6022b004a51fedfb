import assert from 'node:assert/strict';
import { CareCycleClient, type FetchLike } from '../../src/core/api/client';
import { CareCycleError } from '../../src/core/api/errors';
import { CustomerService } from '../../src/core/customers';
import { RateLimiter } from '../../src/core/limiter';
import { FakeClock, flush } from '../support/fakeClock';

/** Distinct valid IDs, as a log full of customers would hold. */
const ids = Array.from({ length: 400 }, (_, i) => `${(0x10000000 + i).toString(16)}-1111-4222-8333-444455556666`);

describe('load: hovering hundreds of distinct IDs quickly', () => {
  it('never sends more than 60 requests in any minute, and cancelled hovers send nothing', async () => {
    const clock = new FakeClock();
    const sentAt: number[] = [];
    const fetch: FetchLike = (url) => {
      sentAt.push(clock.now());
      const id = url.split('/').pop()!;
      return Promise.resolve({
        status: 200,
        headers: { get: () => null },
        body: [Buffer.from(JSON.stringify({ id }))] as unknown as AsyncIterable<Uint8Array>,
      });
    };
    const client = new CareCycleClient({
      fetch,
      endpoint: () => Promise.resolve({ baseUrl: 'https://api.carecycle.ai', key: 'cc_test_key' }),
      timeoutMs: () => 10_000,
      userAgent: 't',
      clock,
      limiter: new RateLimiter(60, 60_000, clock),
    });
    const svc = new CustomerService(client, { clock });
    // The mouse crosses 400 IDs, 50 ms apart; VS Code cancels each hover when the next one starts.
    const outcomes: Array<Promise<string>> = [];
    let previous: AbortController | undefined;
    for (const id of ids) {
      previous?.abort();
      const ctl = new AbortController();
      previous = ctl;
      outcomes.push(
        svc.get(id, { signal: ctl.signal }).then(
          () => 'ok',
          (e: CareCycleError) => e.kind,
        ),
      );
      await clock.advance(50);
    }
    // The last hover stays open: let a few minutes pass.
    for (let i = 0; i < 40; i++) await clock.advance(10_000);
    await flush();
    const results = await Promise.all(outcomes);
    for (const t of sentAt) assert.ok(sentAt.filter((s) => s > t - 60_000 && s <= t).length <= 60, 'never over 60 in a minute');
    assert.equal(results[results.length - 1], 'ok', 'the hover the user stayed on got its card');
    assert.ok(sentAt.length <= 61, `${sentAt.length} requests sent for ${ids.length} hovers`);
    console.log(
      `      ${ids.length} hovers -> ${sentAt.length} requests sent, ${results.filter((r) => r === 'cancelled').length} cancelled before sending, 0 over the limit`,
    );
  });
});
