import { setOwn } from './own';
/**
 * Masking for a record on its way off the screen (clipboard, JSON editor). Identifiers are found by
 * key, wherever they sit (top level, dependents, custom fields, unknown fields at any depth), and
 * by value: anything shaped like an MBI or an SSN is masked whatever its key.
 */
export const MASK = '••••••••';

/** Keys that name a health or government identifier, or a date of birth. */
const IDENTIFIER_KEY =
  /^(mbi(number)?|medicare(beneficiary)?(id|identifier|number)|medicaid(id|number)|va(id|number)|ssn|social(security)?(number)?|socialsecuritynumber|taxid|dob|dateofbirth|birth(date|day))$/i;

/** The CMS MBI format (11 characters, no dashes) and US SSNs with or without dashes. */
const MBI = /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y]{2}[0-9]{2}$/i;
const SSN = /^(?!000|666|9\d\d)\d{3}-?(?!00)\d{2}-?(?!0000)\d{4}$/;

export function isIdentifierKey(key: string): boolean {
  return IDENTIFIER_KEY.test(key.replace(/[\s_-]/g, ''));
}

export function looksLikeIdentifier(value: string): boolean {
  const v = value.trim();
  return MBI.test(v) || SSN.test(v);
}

const MAX_DEPTH = 64;

/**
 * A copy of `value` with identifiers masked. Empty values stay empty (that a field is unset is not
 * an identifier). Deeper than 64 levels, the rest is replaced with a note instead of overflowing.
 */
export function maskIdentifiers(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '(too deeply nested to copy)';
  if (typeof value === 'string') return looksLikeIdentifier(value) ? MASK : value;
  if (Array.isArray(value)) return value.map((v) => maskIdentifiers(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    setOwn(out, k, isIdentifierKey(k) && v !== null && v !== undefined && v !== '' ? MASK : maskIdentifiers(v, depth + 1));
  }
  return out;
}
