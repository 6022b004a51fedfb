/**
 * Customer IDs exactly as the API's path parameter accepts them: UUID versions 1-8 with the RFC
 * variant (either case), the nil UUID, and the lower-case max UUID. Upper-case max is *not* valid:
 * its version digit is "F".
 */
export const CUSTOMER_ID_PATTERN_SOURCE =
  '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$';

const ANCHORED = new RegExp(CUSTOMER_ID_PATTERN_SOURCE);
const BODY = CUSTOMER_ID_PATTERN_SOURCE.slice(1, -1);

// An ID is not found inside a longer word or a longer dashed run of hex digits ("cafe-<id>",
// "<id>-01"); it is found next to quotes, slashes, colons, brackets, spaces and other punctuation.
const SCAN_SOURCE = `(?<![0-9A-Za-z_])(?<![0-9A-Fa-f]-)${BODY}(?![0-9A-Za-z_])(?!-[0-9A-Fa-f])`;

export const ID_LENGTH = 36;

export function isCustomerId(value: string): boolean {
  return value.length === ID_LENGTH && ANCHORED.test(value);
}

export interface IdMatch {
  readonly id: string;
  /** Offset of the first character in the scanned text. */
  readonly start: number;
}

/** A fresh global regex: callers may iterate concurrently. */
export function customerIdScanner(): RegExp {
  return new RegExp(SCAN_SOURCE, 'g');
}

// Character classes by code unit, for the scanner below: 1 = hex digit, 2 = word character
// (letter, digit, underscore; hex digits are word characters too).
const HEX_CLASS = 1;
const WORD_CLASS = 2;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = (/[0-9a-fA-F]/.test(ch) ? HEX_CLASS : 0) | (/[0-9A-Za-z_]/.test(ch) ? WORD_CLASS : 0);
}
const DASH = 45;
const isHex = (c: number): boolean => c < 128 && (CLASS[c]! & HEX_CLASS) !== 0;
const isWord = (c: number): boolean => c < 128 && (CLASS[c]! & WORD_CLASS) !== 0;
const NIL = '00000000-0000-0000-0000-000000000000';
const MAX = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * Whether a customer ID starts at `s` in `text`, with the same boundaries as the scanning regex
 * (SCAN_SOURCE, the oracle of the property tests): not inside a longer word, not inside a longer
 * dashed run of hex digits.
 */
function idAt(text: string, s: number): boolean {
  const e = s + ID_LENGTH;
  if (s < 0 || e > text.length) return false;
  if (
    text.charCodeAt(s + 8) !== DASH ||
    text.charCodeAt(s + 13) !== DASH ||
    text.charCodeAt(s + 18) !== DASH ||
    text.charCodeAt(s + 23) !== DASH
  )
    return false;
  // Cheapest rejections first: the version and variant digits (a version-0 request ID ends here).
  const version = text.charCodeAt(s + 14);
  const variant = text.charCodeAt(s + 19) | 0x20; // lower case for a-f
  const rfc = version >= 49 && version <= 56 && (variant === 56 || variant === 57 || variant === 97 || variant === 98);
  if (!rfc && version !== 48 && version !== 102) return false; // only the nil ('0') and max ('f') remain
  const before = s > 0 ? text.charCodeAt(s - 1) : -1;
  if (isWord(before) || (before === DASH && s > 1 && isHex(text.charCodeAt(s - 2)))) return false;
  const after = e < text.length ? text.charCodeAt(e) : -1;
  if (isWord(after) || (after === DASH && e + 1 < text.length && isHex(text.charCodeAt(e + 1)))) return false;
  if (!hexRun(text, s, 8) || !hexRun(text, s + 9, 4) || !hexRun(text, s + 14, 4) || !hexRun(text, s + 19, 4) || !hexRun(text, s + 24, 12))
    return false;
  if (rfc) return true;
  const id = text.slice(s, e);
  return id === NIL || id === MAX;
}

function hexRun(text: string, from: number, n: number): boolean {
  for (let i = from; i < from + n; i++) if (!isHex(text.charCodeAt(i))) return false;
  return true;
}

/**
 * The start of the next customer ID whose first dash is at or after `dashFrom`, or -1. Driven by
 * `indexOf('-')`: an ID's first dash is 8 characters in, so only those candidates are checked,
 * with lookup tables; equal to the regex (property-tested), several times faster. A plain function
 * its callers loop over (no callback), so each loop is compiled for what it does.
 */
function nextId(text: string, dashFrom: number): number {
  let from = dashFrom;
  for (;;) {
    const d = text.indexOf('-', from);
    if (d < 0 || d + 28 > text.length) return -1;
    if (idAt(text, d - 8)) return d - 8;
    from = d + 1;
  }
}
/** Where the first search starts (an ID's first dash), and where the next one starts after an ID at `s`. */
const FIRST = 8;
const after = (s: number): number => s + ID_LENGTH + 8;

/** Every customer ID in `text`, in order. Stops after `limit` matches. */
export function findCustomerIds(text: string, limit = Number.POSITIVE_INFINITY): IdMatch[] {
  const out: IdMatch[] = [];
  if (limit <= 0 || text.length < ID_LENGTH) return out;
  for (let s = nextId(text, FIRST); s >= 0 && out.length < limit; s = nextId(text, after(s))) {
    out.push({ id: text.slice(s, s + ID_LENGTH), start: s });
  }
  return out;
}

/**
 * Document links past this many are not made (VS Code asks for a whole document's links on open and
 * on every change): a huge log stays responsive. IDs past it are Ctrl+clickable through a definition.
 */
export const MAX_LINKS_PER_DOCUMENT = 5000;

/**
 * Whether the ID at (`line`, `character`) is among the first `max` IDs of a document (the ones a
 * capped link provider covers). Reads lines from the top only until it knows (at most up to the
 * `max`th ID), so a click far down a 20 MB log costs no more than one near its 5,000th ID.
 */
export function isAmongFirstIds(lineText: (line: number) => string, line: number, character: number, max: number): boolean {
  let before = 0;
  for (let i = 0; i <= line; i++) {
    const text = lineText(i);
    for (let s = nextId(text, FIRST); s >= 0; s = nextId(text, after(s))) {
      if (i === line && s >= character) return true;
      if (++before >= max) return false;
    }
  }
  return true;
}

/** Counts IDs without allocating match objects (benchmarks, quick pick sizing). */
export function countCustomerIds(text: string): number {
  let n = 0;
  for (let s = nextId(text, FIRST); s >= 0; s = nextId(text, after(s))) n++;
  return n;
}

/**
 * The ID covering `offset` in `text` (an offset just past the last character counts, as a cursor
 * at the end of a word does). Looks only at a small window, so very long lines cost nothing.
 */
export function customerIdAt(text: string, offset: number): IdMatch | undefined {
  const margin = ID_LENGTH + 2;
  const from = Math.max(0, offset - margin);
  const to = Math.min(text.length, offset + margin);
  const window = text.slice(from, to);
  for (const m of findCustomerIds(window)) {
    const start = from + m.start;
    const end = start + ID_LENGTH;
    // A match touching a window edge that is not the text's own edge may be a fragment.
    if ((m.start < 2 && from > 0) || (m.start + ID_LENGTH > window.length - 2 && to < text.length)) {
      if (!isolatedInFull(text, start)) continue;
    }
    if (offset >= start && offset <= end) return { id: m.id, start };
  }
  return undefined;
}

function isolatedInFull(text: string, start: number): boolean {
  const from = Math.max(0, start - 2);
  const slice = text.slice(from, start + ID_LENGTH + 2);
  return findCustomerIds(slice).some((m) => from + m.start === start);
}

const HEX = /^[0-9a-fA-F]$/;

/**
 * Why `raw` is not a customer ID, in words a person can act on; undefined when it is one.
 * Positions are 1-based, as a person counts.
 */
export function explainInvalidId(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return 'Enter a customer ID (a UUID such as 497f6eca-6276-4993-bfeb-53cbbbba6f08).';
  if (isCustomerId(value)) return undefined;
  if (value.length !== ID_LENGTH) {
    return `A customer ID has 36 characters (8-4-4-4-12 hex digits with dashes); this has ${value.length}.`;
  }
  for (const pos of [8, 13, 18, 23]) {
    if (value[pos] !== '-') return `Expected a dash at position ${pos + 1}, found "${value[pos]}".`;
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c !== '-' && !HEX.test(c)) {
      return `"${c}" at position ${i + 1} is not a hex digit (0-9, a-f).`;
    }
  }
  if (value.toLowerCase() === 'ffffffff-ffff-ffff-ffff-ffffffffffff') {
    return 'The max UUID is accepted only in lower case.';
  }
  if (!/[1-8]/.test(value.charAt(14))) {
    return `The version digit (position 15) must be 1-8; it is "${value[14]}".`;
  }
  return `The variant digit (position 20) must be 8, 9, a or b; it is "${value[19]}".`;
}

/** Normalises what a person pasted: trims, strips surrounding quotes and braces. */
export function normaliseIdInput(raw: string): string {
  return raw
    .trim()
    .replace(/^["'`{<([]+|["'`}>)\]]+$/g, '')
    .trim();
}

/**
 * The customer IDs in pasted text (`customer=…`, a URL, a log line), distinct, in order of first
 * appearance: what Open Customer takes from whatever the person pasted.
 */
export function idsInPastedText(raw: string, max = 50): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of findCustomerIds(raw.slice(0, 100_000))) {
    const k = m.id.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(m.id);
    if (out.length >= max) break;
  }
  return out;
}

export interface PastedId {
  readonly id: string;
  /** What introduced it in the text: "customer_id=", "request_id=", "/v2/customers/" (a URL path), or nothing. */
  readonly key?: string | undefined;
  /** Whether that says it is a customer's ID (a key or path that names customers). */
  readonly customerKey: boolean;
}

/** `name=`, `name: `, `"name": "`, `name="` right before an ID; or the URL path segment before it. */
const KEY_BEFORE = /(?:["']?([A-Za-z_][\w.-]{0,40})["']?\s*([:=])\s*["']?|(\/[\w.-]{1,40}\/))$/;

/**
 * The IDs in pasted text (a log line, a ticket, JSON), each with the key or path that introduced it,
 * those whose key names a customer first, then in the order they appear. A request ID is still offered
 * (it may be a customer after all), labelled for what it is.
 */
export function idsWithKeys(raw: string, max = 50): PastedId[] {
  const text = raw.slice(0, 100_000);
  const seen = new Set<string>();
  const out: PastedId[] = [];
  for (const m of findCustomerIds(text)) {
    const k = m.id.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    const before = KEY_BEFORE.exec(text.slice(Math.max(0, m.start - 48), m.start));
    const key = before?.[1] !== undefined ? `${before[1]}${before[2] ?? '='}` : before?.[3];
    out.push({ id: m.id, key, customerKey: key !== undefined && /customer/i.test(key) });
    if (out.length >= max) break;
  }
  return out.sort((a, b) => Number(b.customerKey) - Number(a.customerKey));
}
