/**
 * The one reader of dates and times in the core. Every rule that decides something from a date (a
 * scope of appointment's validity, the plan in force, an age, the last contact, "since", "until")
 * reads through `readTime`, and so does every surface that formats one: what one calls a date, all do.
 *
 * It reads what the API's dates are: ISO 8601 calendar dates ("2026-12-07") and date-times
 * ("2026-12-07T14:00:00Z", "…+02:00", "2026-12-07 14:00"). Anything else present (a US-style
 * "12/07/2026", which could be July 12; an epoch number, which could be seconds or milliseconds;
 * "2026-02-30"; "soon") is *unreadable*: kept with its raw text so that a surface can say "cannot
 * tell" and show it, never guessed at, and never read as absent.
 */

export type TimeReading =
  /** No value: missing, null, or blank. */
  | { readonly kind: 'absent' }
  /**
   * A date (`dateOnly`: a calendar day, `ms` its midnight UTC) or an instant. A date-time without a
   * zone is read as UTC, whatever the machine's zone: the API's own times carry one.
   */
  | { readonly kind: 'time'; readonly ms: number; readonly dateOnly: boolean; readonly raw: string }
  /** Present, but not a date this reader can read without guessing. */
  | { readonly kind: 'unreadable'; readonly raw: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** The raw text of a value, bounded, for "cannot tell (…)". */
function rawText(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = v.trim();
  else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Reads a value the API gave for a date or a time. */
export function readTime(v: unknown): TimeReading {
  if (v === undefined || v === null) return { kind: 'absent' };
  if (typeof v === 'string' && v.trim() === '') return { kind: 'absent' };
  if (typeof v !== 'string') return { kind: 'unreadable', raw: rawText(v) };
  const s = v.trim();
  const d = DATE.exec(s);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    if (!validDay(y, m, day)) return { kind: 'unreadable', raw: rawText(s) };
    return { kind: 'time', ms: Date.UTC(y, m - 1, day), dateOnly: true, raw: s };
  }
  const t = DATE_TIME.exec(s);
  if (t) {
    const [y, m, day, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(t[i] ?? 0)) as [number, number, number, number, number, number];
    if (!validDay(y, m, day) || hh > 23 || mm > 59 || ss > 60) return { kind: 'unreadable', raw: rawText(s) };
    const frac = t[7] ? Number(`0.${t[7]}`) * 1000 : 0;
    let ms = Date.UTC(y, m - 1, day, hh, mm, Math.min(ss, 59)) + Math.floor(frac);
    const zone = t[8];
    if (zone && zone.toUpperCase() !== 'Z') {
      const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
      if (!z || Number(z[2]) > 23 || Number(z[3]) > 59) return { kind: 'unreadable', raw: rawText(s) };
      ms -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
    }
    return { kind: 'time', ms, dateOnly: false, raw: s };
  }
  return { kind: 'unreadable', raw: rawText(s) };
}

/** Epoch ms of a readable date or time; undefined when absent or unreadable (for ordering, not deciding). */
export function timeMs(v: unknown): number | undefined {
  const r = readTime(v);
  return r.kind === 'time' ? r.ms : undefined;
}

/** `ms` plus whole calendar months (UTC), clamped to the month's last day (Aug 31 + 6 months: Feb 28/29). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

export const DAY_MS = 86_400_000;

/** The first moment after a reading: the end of its day for a date ("through Dec 31"), the instant itself for a time. */
export function endOf(r: Extract<TimeReading, { kind: 'time' }>): number {
  return r.dateOnly ? r.ms + DAY_MS : r.ms;
}
