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
  /** Offset of the ID's end within the scanned text. */
  readonly end: number;
}

/** The IDs in a piece of text (the visible range), each with where its hint goes. */
export function idsInText(text: string, max = 2000): IdInRange[] {
  return findCustomerIds(text, max).map((m) => ({ id: m.id, end: m.start + m.id.length }));
}

/** What a list of IDs is known to hold: "5 customers · 3 not customers · 1 not looked up yet". */
export function describeIdCounts(customers: number, notCustomers: number, unknown: number): string {
  const parts = [`${customers} customer${customers === 1 ? '' : 's'}`];
  if (notCustomers) parts.push(`${notCustomers} not ${notCustomers === 1 ? 'a customer' : 'customers'}`);
  if (unknown) parts.push(`${unknown} not looked up yet`);
  return parts.join(' · ');
}
