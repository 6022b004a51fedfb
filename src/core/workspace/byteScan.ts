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

const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUE[65 + i] = 10 + i;
  HEX_VALUE[97 + i] = 10 + i;
}

/**
 * The ID's 32 hex digits as four 32-bit words (case does not matter), set by `idAtBytes` when it
 * returns true: [0] digits 1-8, [1] 9-16, [2] 17-24, [3] 25-32.
 */
export const ID_WORDS = new Uint32Array(4);

/** Eight hex digits from `a` (four) and `c` (four) as one word, or -1 if one is not a hex digit. */
function word(b: Uint8Array, a: number, c: number): number {
  const v0 = HEX_VALUE[b[a]!]!;
  const v1 = HEX_VALUE[b[a + 1]!]!;
  const v2 = HEX_VALUE[b[a + 2]!]!;
  const v3 = HEX_VALUE[b[a + 3]!]!;
  const v4 = HEX_VALUE[b[c]!]!;
  const v5 = HEX_VALUE[b[c + 1]!]!;
  const v6 = HEX_VALUE[b[c + 2]!]!;
  const v7 = HEX_VALUE[b[c + 3]!]!;
  if ((v0 | v1 | v2 | v3 | v4 | v5 | v6 | v7) < 0) return -1;
  return ((v0 << 28) | (v1 << 24) | (v2 << 20) | (v3 << 16) | (v4 << 12) | (v5 << 8) | (v6 << 4) | v7) >>> 0;
}

/** Whether a customer ID starts at `s`; when it does, its digits are in ID_WORDS. */
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
  const w0 = word(b, s, s + 4);
  const w1 = word(b, s + 9, s + 14);
  const w2 = word(b, s + 19, s + 24);
  const w3 = word(b, s + 28, s + 32);
  if (w0 < 0 || w1 < 0 || w2 < 0 || w3 < 0) return false;
  if (!rfc) {
    // Only the nil UUID and the lower-case max UUID remain.
    const nil = (w0 | w1 | w2 | w3) === 0;
    const max = (w0 & w1 & w2 & w3) === -1;
    if (!nil && !max) return false;
    if (max) for (let i = s; i < e; i++) if (b[i] === 70) return false; // 'F': upper case is not valid
  }
  ID_WORDS[0] = w0;
  ID_WORDS[1] = w1;
  ID_WORDS[2] = w2;
  ID_WORDS[3] = w3;
  return true;
}

/** Whether the bytes look binary the way ripgrep and VS Code's search decide: a NUL in the first 8 KiB. */
export function looksBinary(b: Uint8Array, len: number): boolean {
  return b.subarray(0, Math.min(len, 8192)).indexOf(0) !== -1;
}
