// Requests per second through the client and the shared cache against the stand-in API (loopback),
// cold and warm, and the cost of validating one record.
import fetch from 'node-fetch';
import { CareCycleClient } from '../../src/core/api/client';
import { parseCustomer } from '../../src/core/api/schema';
import { CustomerService, DEFAULT_CACHE_BYTES, DEFAULT_MAX_ENTRY_BYTES } from '../../src/core/customers';
import { RateLimiter } from '../../src/core/limiter';
import { SAMPLE_CUSTOMERS } from '../mock-api/customers';
import { DEMO_KEY, hugeCustomer, startMockApi } from '../mock-api/server';
import { report, timeIt } from './report';

async function main(): Promise<void> {
  const api = await startMockApi({ rateLimit: { limit: 1e9, windowMs: 60_000 } });
  const client = new CareCycleClient({
    fetch: fetch,
    endpoint: () => Promise.resolve({ baseUrl: api.url, key: DEMO_KEY }),
    timeoutMs: () => 10_000,
    userAgent: 'bench',
    // The real limiter (60/min) would make this a benchmark of waiting: lift it to measure the client.
    limiter: new RateLimiter(1e9, 60_000),
  });
  const svc = new CustomerService(client);
  const ids = SAMPLE_CUSTOMERS.map((c) => c.id);

  const n = 600;
  let t = performance.now();
  // Cold: every call goes to the network (the client alone; the service would share them).
  await Promise.all(Array.from({ length: n }, (_, i) => client.getCustomer(ids[i % ids.length]!)));
  let secs = (performance.now() - t) / 1000;
  report(
    'client',
    'cold (network, concurrency cap 4)',
    n / secs,
    'req/s',
    `${n} requests over loopback, ${api.requests.length} reached the stand-in`,
  );

  const warm = 200_000;
  t = performance.now();
  for (let i = 0; i < warm; i++) await svc.get(ids[i % ids.length]!);
  secs = (performance.now() - t) / 1000;
  report('client', 'warm (cache hits)', warm / secs, 'req/s', `${warm} lookups`);

  const full = SAMPLE_CUSTOMERS[0];
  const ms =
    timeIt(
      () => {
        for (let i = 0; i < 1000; i++) parseCustomer(full);
      },
      7,
      2,
    ) / 1000;
  report('validate', 'one full record (zod, jitless)', ms * 1000, 'µs');
  const big = hugeCustomer(full!.id, 8);
  const bigMs = timeIt(() => parseCustomer(big), 3, 1);
  report('validate', `enormous record (${(big.policies as unknown[]).length} policies, 8 MB)`, bigMs, 'ms');

  // Memory: the small samples, then ten 8 MB records through the same service. Records over 2 MB
  // are not cached (only a panel showing one holds it), so the small entries survive and the heap
  // comes back down once the big ones are no longer referenced.
  const gc = (globalThis as { gc?: () => void }).gc;
  const heapMb = (): number => {
    gc?.();
    return process.memoryUsage().heapUsed / (1024 * 1024);
  };
  const before = heapMb();
  const many = new CustomerService(client);
  await Promise.all(ids.map((id) => many.get(id)));
  const small = heapMb();
  for (let i = 0; i < 10; i++) {
    api.addFault({ fault: { kind: 'huge', mb: 8 }, id: ids[0], times: 1 });
    await many.get(ids[0]!, { refresh: true });
  }
  const after = heapMb();
  const kept = ids.filter((id) => many.peek(id) !== undefined).length;
  report(
    'cache',
    'heap held by the samples',
    small - before,
    'MB',
    `${ids.length} records${gc ? '' : ' (run with --expose-gc for exact figures)'}`,
  );
  report(
    'cache',
    'heap held after ten 8 MB records',
    after - before,
    'MB',
    `${kept - 1} of ${ids.length - 1} small entries still cached; the 8 MB record is not (bound ${DEFAULT_CACHE_BYTES / 1048576} MB, per entry ${DEFAULT_MAX_ENTRY_BYTES / 1048576} MB)`,
  );
  await api.close();
}

void main();
