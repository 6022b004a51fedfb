/**
 * Customer IDs in raw bytes (UTF-8 or any ASCII-compatible encoding), with exactly the boundaries of
 * the text scanner in `customerId.ts` (its regex is the oracle of the property tests): no decoding,
 * no strings until an ID is found.
 *
 * An ID is 36 bytes, each a hex digit or a dash. The scan looks at the last byte of a candidate
 * window: when that byte cannot be part of an ID, no ID covers it and the window jumps 36 bytes on.
 * Ordinary text, code and logs are read about one byte in twenty; only runs of hex digits and dashes
 * at least 36 long are checked byte by byte.
 */

const DASH = 45;
// 1: may be part of an ID (hex digit or dash); 2: hex digit; 4: word character (letter, digit, _).
const CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const hex = /[0-9a-fA-F]/.test(ch);
  CLASS[c] = (hex || c === DASH ? 1 : 0) | (hex ? 2 : 0) | (/[0-9A-Za-z_]/.test(ch) ? 4 : 0);
}

export const ID_BYTES = 36;

/** The start of the first customer ID at or after `from` in `b[0..len)`, or -1. */
export function nextIdInBytes(b: Uint8Array, len: number, from: number): number {
  let lo = from < 0 ? 0 : from;
  for (;;) {
    const p = lo + 35;
    if (p >= len) return -1;
    if ((CLASS[b[p]!]! & 1) === 0) {
      lo = p + 1;
      continue;
    }
    // The run of candidate bytes that ends at p, back to lo at most.
    let r = p;
    while (r > lo && (CLASS[b[r - 1]!]! & 1) !== 0) r--;
    if (r > lo) {
      // b[r - 1] cannot be in an ID: the next window starts at r.
      lo = r;
      continue;
    }
    // b[lo..lo+35] are all hex digits and dashes: check each window while the run goes on.
    for (let s = lo; ; s++) {
      if (idAtBytes(b, len, s)) return s;
      const next = s + 36;
      if (next >= len) return -1;
      if ((CLASS[b[next]!]! & 1) === 0) {
        lo = next + 1;
        break;
      }
    }
  }
}

/** Whether a customer ID starts at `s` (all 36 bytes are known to be hex digits or dashes, or not). */
export function idAtBytes(b: Uint8Array, len: number, s: number): boolean {
  const e = s + 36;
  if (s < 0 || e > len) return false;
  if (b[s + 8] !== DASH || b[s + 13] !== DASH || b[s + 18] !== DASH || b[s + 23] !== DASH) return false;
  const version = b[s + 14]!;
  const variant = b[s + 19]! | 0x20;
  const rfc = version >= 49 && version <= 56 && (variant === 56 || variant === 57 || variant === 97 || variant === 98);
  if (!rfc && version !== 48 && version !== 102) return false;
  if (s > 0) {
    const before = b[s - 1]!;
    if ((CLASS[before]! & 4) !== 0 || (before === DASH && s > 1 && (CLASS[b[s - 2]!]! & 2) !== 0)) return false;
  }
  if (e < len) {
    const after = b[e]!;
    if ((CLASS[after]! & 4) !== 0 || (after === DASH && e + 1 < len && (CLASS[b[e + 1]!]! & 2) !== 0)) return false;
  }
  for (let i = s; i < e; i++) {
    if (i === s + 8 || i === s + 13 || i === s + 18 || i === s + 23) continue;
    if ((CLASS[b[i]!]! & 2) === 0) return false;
  }
  if (rfc) return true;
  // Only the nil UUID (all '0') and the lower-case max UUID (all 'f') remain.
  const fill = version; // '0' or 'f'
  for (let i = s; i < e; i++) {
    if (i === s + 8 || i === s + 13 || i === s + 18 || i === s + 23) continue;
    if (b[i] !== fill) return false;
  }
  return true;
}

/** The ID at `s`, in lower case: one customer whatever the case it was written in. */
export function idFromBytes(b: Uint8Array, s: number): string {
  let out = '';
  for (let i = s; i < s + 36; i++) out += String.fromCharCode(b[i]! | (b[i]! >= 65 && b[i]! <= 70 ? 0x20 : 0));
  return out;
}

/** Whether the bytes look binary the way ripgrep and VS Code's search decide: a NUL in the first 8 KiB. */
export function looksBinary(b: Uint8Array, len: number): boolean {
  return b.subarray(0, Math.min(len, 8192)).indexOf(0) !== -1;
}
