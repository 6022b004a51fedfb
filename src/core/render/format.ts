/** Formatting shared by the hover card and the panel. Pure: the locale is passed in. */
import { readTime } from '../time';

export interface Formatter {
  readonly locale: string;
  date(raw: string): string | undefined;
  number(n: number): string;
  money(n: number): string;
  /** An instant (epoch ms) with its time zone, for tooltips: "Nov 28, 2026, 3:04:05 AM UTC". */
  dateTime(ms: number): string;
}

const formatters = new Map<string, Formatter>();

/** One formatter per locale and time zone: Intl objects are costly to build, and hovers are many. */
export function createFormatter(locale: string, timeZone?: string): Formatter {
  const key = `${locale}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = buildFormatter(locale, timeZone);
    formatters.set(key, f);
  }
  return f;
}

function buildFormatter(locale: string, timeZone?: string): Formatter {
  const safe = (() => {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([locale]).length ? locale : 'en-US';
    } catch {
      return 'en-US';
    }
  })();
  const dateFmt = new Intl.DateTimeFormat(safe, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dateTimeFmt = new Intl.DateTimeFormat(safe, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  });
  const exactFmt = new Intl.DateTimeFormat(safe, { dateStyle: 'medium', timeStyle: 'long', timeZone });
  const numFmt = new Intl.NumberFormat(safe);
  const moneyFmt = new Intl.NumberFormat(safe, { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
  return {
    locale: safe,
    /**
     * A date-only value is a calendar day (no time zone shift); a timestamp is shown in local time.
     * What the core's reader (../time.ts) cannot read is undefined: the caller shows the raw text.
     */
    date(raw) {
      const r = readTime(raw);
      if (r.kind !== 'time') return undefined;
      return r.dateOnly ? dateFmt.format(r.ms) : dateTimeFmt.format(r.ms);
    },
    number: (n) => numFmt.format(n),
    money: (n) => moneyFmt.format(n),
    dateTime: (ms) => exactFmt.format(ms),
  };
}

/** Turns camelCase keys of unknown fields into labels: "preferredContactTime" -> "Preferred contact time". */
export function humanizeKey(key: string): string {
  const spaced = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : key;
}

/** Labels a person reads for the API's nested keys, where splitting the camel case reads badly. */
const LABELS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    aorNpn: 'Agent NPN',
    agentNpn: 'Agent NPN',
    aorFirstName: 'Agent of record first name',
    aorLastName: 'Agent of record last name',
    npi: 'NPI',
    ssn: 'SSN',
    address2: 'Address line 2',
    isPrimaryProvider: 'Primary provider',
    isActive: 'Active',
    isCovered: 'Covered',
    policyLives: 'Lives covered',
    policyType: 'Type',
    planCode: 'Plan code',
    customerId: 'Customer ID',
    fieldDefinitionId: 'Field',
    recordId: 'Record ID',
    recordType: 'Record type',
    multiSelectValue: 'Values',
    signedAt: 'Signed',
    sourceId: 'Source ID',
    id: 'ID',
  }),
);

/** The label for a key of a nested item: a known one, or the key in words. */
export function labelFor(key: string): string {
  return LABELS.get(key) ?? humanizeKey(key);
}

/** Enum values the API spells for machines, in words (unknown values are shown as they are). */
const ENUM_WORDS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  [
    'lineType',
    new Map(
      Object.entries({
        landline: 'Landline',
        mobile: 'Mobile',
        fixedVoip: 'Fixed VoIP',
        nonFixedVoip: 'Non-fixed VoIP',
        personal: 'Personal',
        tollFree: 'Toll-free',
        premium: 'Premium rate',
        sharedCost: 'Shared cost',
        uan: 'Universal access number',
        voicemail: 'Voicemail',
        pager: 'Pager',
        unknown: 'Unknown',
      }),
    ),
  ],
]);

export function enumWords(key: string, value: string): string {
  return ENUM_WORDS.get(key)?.get(value) ?? value;
}
