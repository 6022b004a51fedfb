import { findCustomerIds } from './customerId';
import type { CustomerRecord } from './api/schema';
import { displayName, statusLine } from './summary';
import { plainText } from './plainText';

export type InlineNamesMode = 'off' | 'viewed' | 'visible';

export const INLINE_NAME_MODES: readonly InlineNamesMode[] = ['off', 'viewed', 'visible'];

/** The share of the API's 60 requests a minute that names on screen may spend. */
export const INLINE_NAMES_SHARE = { limit: 10, windowMs: 60_000 } as const;

export function parseMode(v: unknown): InlineNamesMode {
  return v === 'off' || v === 'visible' ? v : 'viewed';
}

export function nextMode(m: InlineNamesMode): InlineNamesMode {
  return INLINE_NAME_MODES[(INLINE_NAME_MODES.indexOf(m) + 1) % INLINE_NAME_MODES.length] ?? 'viewed';
}

/** The text shown after an ID: its name and status, never an identifier. */
export function inlineLabel(record: CustomerRecord): string {
  const status = statusLine(record);
  // Plain text: an inlay hint draws what it is given, bidi overrides included.
  return ` · ${plainText(displayName(record), 120)}${status ? ` · ${plainText(status, 40)}` : ''}`;
}

export interface IdInRange {
  readonly id: string;
  /** Offset within the scanned text where the name goes (./hintOffset). */
  readonly end: number;
}

/** The IDs in a piece of text (the visible range), each with where its name goes. */
export function idsInText(text: string, max = 2000): IdInRange[] {
  return findCustomerIds(text, max).map((m) => ({ id: m.id, end: hintOffset(text, m.start, m.start + m.id.length) }));
}

const QUOTES = new Set(['"', "'", '`']);
const CLOSER: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '<': '>' };
/** How far past an ID the token that holds it is looked for (a URL's query, a file name's extension). */
const REACH = 200;

/**
 * Where a name goes after an ID: past the token that holds it, never inside it. A quoted ID ends at its
 * closing quote (`renew("…")`: the name after the `"`, not inside the string); an ID in brackets at the
 * closing bracket (`[…]`); an unquoted value at its end (`/v2/customers/…?expand=policies`, `….json`),
 * before a comma or semicolon that ends it.
 */
export function hintOffset(text: string, start: number, end: number): number {
  const before = text[start - 1] ?? '';
  const limit = Math.min(text.length, end + REACH);
  if (QUOTES.has(before)) {
    for (let i = end; i < limit; i++) {
      const c = text[i];
      if (c === before) return i + 1;
      if (c === '\n' || c === '\r') break;
    }
    return end;
  }
  const closer = CLOSER[before];
  if (closer !== undefined && text[end] === closer) return end + 1;
  let i = end;
  while (i < limit && !/[\s,;'"`)\]}>]/.test(text[i]!)) i++;
  return i;
}

/** What a list of IDs is known to hold: "5 customers · 3 not customers · 1 not looked up yet". */
export function describeIdCounts(customers: number, notCustomers: number, unknown: number): string {
  const parts = [`${customers} customer${customers === 1 ? '' : 's'}`];
  if (notCustomers) parts.push(`${notCustomers} not ${notCustomers === 1 ? 'a customer' : 'customers'}`);
  if (unknown) parts.push(`${unknown} not looked up yet`);
  return parts.join(' · ');
}
