import type { CustomerRecord } from './api/schema';

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** How a person is named in titles, hover cards and the tree: "Margaret Okafor", else email, else ID. */
export function displayName(record: Pick<CustomerRecord, 'id'> & Partial<CustomerRecord>): string {
  const name = [text(record.firstName), text(record.lastName), text(record.suffix)].filter(Boolean).join(' ');
  const clean = name.replace(/\s+/g, ' ').slice(0, 120);
  if (clean) return clean;
  const email = text(record.email);
  if (email) return email.slice(0, 120);
  return `Customer ${record.id.slice(0, 8)}`;
}

/** A short one-line summary for tree descriptions: status only (qualification lives on the card). */
export function statusLine(record: Partial<CustomerRecord>): string | undefined {
  const s = text(record.status);
  return s ? s.slice(0, 40) : undefined;
}

const RESTRICTION_LABELS = {
  doNotCall: 'Do not call',
  doNotSMS: 'Do not text',
  doNotEmail: 'Do not email',
  doNotMail: 'Do not mail',
} as const;

/** The contact restrictions set on a record, as a person reads them: "Do not call", "Do not text"… */
export function contactRestrictions(record: Partial<CustomerRecord>): string[] {
  return (Object.keys(RESTRICTION_LABELS) as Array<keyof typeof RESTRICTION_LABELS>)
    .filter((k) => record[k] === true)
    .map((k) => RESTRICTION_LABELS[k]);
}
