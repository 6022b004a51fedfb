// A synthetic service log of any size: customer IDs in the forms logs print them, other UUIDs that
// are not customer IDs, and hex noise. Deterministic for a seed. Used by the scanner benchmark and by
// the large-file tests.

// 32-bit LCG in integer arithmetic (a float product lost precision and cycled: an earlier log held
// only 398 distinct UUIDs).
function rnd(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

export interface SyntheticLog {
  readonly text: string;
  /** How many customer IDs the text holds (what a correct scanner counts). */
  readonly customerIds: number;
}

export function syntheticLog(bytes: number, seed = 42): SyntheticLog {
  const r = rnd(seed);
  const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
  const uuid = (version: string, variant: string): string => `${hex(8)}-${hex(4)}-${version}${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  const lines: string[] = [];
  let size = 0;
  let customerIds = 0;
  while (size < bytes) {
    const kind = r();
    let line: string;
    if (kind < 0.3) {
      line = `2026-11-27T09:14:02.118Z INFO api.request GET /v2/customers/${uuid('4', '8')} status=200 duration_ms=84`;
      customerIds++;
    } else if (kind < 0.45) {
      line = `2026-11-27T09:14:05.502Z WARN sync customer="${uuid('7', 'b')}" request_id=${uuid('0', 'c')} retry=1`;
      customerIds++;
    } else if (kind < 0.7) {
      line = `2026-11-27T09:15:11.004Z DEBUG session=${hex(32)} trace=${hex(16)} span=${hex(8)}-${hex(4)}`;
    } else {
      line = `2026-11-27T09:16:20.000Z INFO cache key=${hex(40)} ${uuid('4', '9')}-0001 ttl=300 nothing to see here`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return { text: lines.join('\n'), customerIds };
}
