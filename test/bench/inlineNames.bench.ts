// What the inline-names provider does for one visible range of 100 lines in a 20 MB log: find the
// IDs in the range, look each up in the cache, build the label for the known ones. (The provider
// adds only the InlayHint objects around this.) Once with no customer in range known, once with
// every one of them known.
import type { FetchedCustomer } from '../../src/core/api/client';
import { CustomerService } from '../../src/core/customers';
import { idsInText, inlineLabel } from '../../src/core/inlineNames';
import { report, timeIt } from './report';

function rnd(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}
const r = rnd(7);
const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;

const lines: string[] = [];
let bytes = 0;
while (bytes < 20 * 1024 * 1024) {
  const line =
    r() < 0.6
      ? `2026-11-27T09:14:02.118Z INFO api.request GET /v2/customers/${uuid()} status=200 customer=${uuid()}`
      : `2026-11-27T09:15:11.004Z DEBUG session=${hex(32)}`;
  lines.push(line);
  bytes += line.length + 1;
}
const mid = Math.floor(lines.length / 2);
const range = lines.slice(mid, mid + 100).join('\n');
const idsInRange = idsInText(range).map((m) => m.id);

const stub = {
  getCustomer: (id: string): Promise<FetchedCustomer> =>
    Promise.resolve({
      record: { id, firstName: 'Name', lastName: id.slice(0, 4), status: 'Active' },
      warnings: [],
      bytes: 200,
      fetchedAt: 0,
    } as FetchedCustomer),
};
const empty = new CustomerService(stub);
const known = new CustomerService(stub);

function provide(svc: CustomerService): number {
  let labels = 0;
  for (const { id } of idsInText(range)) {
    const got = svc.peek(id);
    if (got && inlineLabel(got.record)) labels++;
  }
  return labels;
}

async function main(): Promise<void> {
  await Promise.all(idsInRange.map((id) => known.get(id)));
  // Every result feeds a sink that is printed, so the optimiser cannot drop the work as unused.
  let sink = 0;
  const none = timeIt(
    () => {
      sink += provide(empty);
    },
    201,
    20,
  );
  const all = timeIt(
    () => {
      sink += provide(known);
    },
    201,
    20,
  );
  report(
    'inline',
    `100 visible lines of a 20 MB log, no customer known`,
    none,
    'ms',
    `${idsInRange.length} IDs in range; goal < 1 ms (sink ${sink % 10})`,
  );
  report('inline', `100 visible lines of a 20 MB log, all known`, all, 'ms', `${provide(known)} names; goal < 5 ms`);
}

void main();
