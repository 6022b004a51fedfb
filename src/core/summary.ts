/**
 * What a customer record means, decided once. The panel, the hover card, inline names, Customers in
 * This File, the recent list and the cut-down copy of a huge record only draw what is decided here;
 * a rule written twice drifts (it did: the panel's "At a glance" once called a scope of appointment
 * valid that its own row said had expired).
 *
 * Only the API's fields are read; where the API publishes no shape (scope of appointment items,
 * policy dates), the fields read are named beside the rule. Every value is read defensively: a
 * number where text was expected, an object where a date was, a missing collection.
 */
import type { CustomerRecord } from './api/schema';
import { addMonths, endOf, readTime, timeMs, type TimeReading } from './time';

type Rec = Record<string, unknown>;

/** Text a person can read from a value: trimmed strings, finite numbers; anything else is absent. */
export function text(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t ? t : undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

const items = (v: unknown): Rec[] =>
  Array.isArray(v) ? v.filter((x): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x)) : [];

/** What a surface shows of a date the rule read: its raw text, and when it could be read, when. */
export type DateText = { readonly raw: string; readonly ms: number } | { readonly raw: string; readonly ms?: undefined };

function dateText(r: TimeReading): DateText | undefined {
  if (r.kind === 'absent') return undefined;
  return r.kind === 'time' ? { raw: r.raw, ms: r.ms } : { raw: r.raw };
}

// ── Relative time ────────────────────────────────────────────────────────────────────────────────

/**
 * "3 days ago", "in 2 months", "just now": the one wording of how long ago, for the header, the
 * stale banner, the hover card, the recent list and the page (which keeps it current as time passes).
 */
export function relativeTime(from: number, now: number): string {
  const s = Math.round((now - from) / 1000);
  const abs = Math.abs(s);
  const fmt = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const ago = (t: string): string => (s >= 0 ? `${t} ago` : `in ${t}`);
  if (abs < 45) return 'just now';
  if (abs < 90 * 60) return ago(fmt(Math.round(abs / 60), 'minute'));
  if (abs < 36 * 3600) return ago(fmt(Math.round(abs / 3600), 'hour'));
  if (abs < 45 * 86400) return ago(fmt(Math.round(abs / 86400), 'day'));
  if (abs < 550 * 86400) return ago(fmt(Math.round(abs / (30 * 86400)), 'month'));
  return ago(fmt(Math.round(abs / (365 * 86400)), 'year'));
}

// ── Who ──────────────────────────────────────────────────────────────────────────────────────────

/** How a person is named in titles, cards and lists: "Margaret Okafor Jr.", else the email, else "Customer 497f6eca". */
export function displayName(record: Pick<CustomerRecord, 'id'> & Partial<CustomerRecord>): string {
  const name = [text(record.firstName), text(record.lastName), text(record.suffix)].filter(Boolean).join(' ');
  const clean = name.replace(/\s+/g, ' ').slice(0, 120);
  if (clean) return clean;
  const email = text(record.email);
  if (email) return email.slice(0, 120);
  return `Customer ${String(record.id).slice(0, 8)}`;
}

/** The record's status, for a list row ("Active"): the qualification lives on the card. */
export function statusLine(record: Partial<CustomerRecord>): string | undefined {
  const s = text(record.status);
  return s ? s.slice(0, 40) : undefined;
}

const RESTRICTIONS = [
  ['doNotCall', 'Do not call'],
  ['doNotSMS', 'Do not text'],
  ['doNotEmail', 'Do not email'],
  ['doNotMail', 'Do not mail'],
] as const;

/** The contact restrictions set on a record, as a person reads them. Only `true` restricts. */
export function contactRestrictions(record: Partial<CustomerRecord>): string[] {
  return RESTRICTIONS.filter(([k]) => record[k] === true).map(([, label]) => label);
}

/** "Columbus, OH 43215": city, then state and postal code; whatever parts there are. */
export function locationLine(record: Partial<CustomerRecord>): string | undefined {
  const line = [text(record.city), [text(record.state), text(record.postalCode)].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return line || undefined;
}

/**
 * Whole years from a date of birth to `now` (calendar, UTC). `cannot-tell` when a date of birth is on
 * record but cannot be read, or is not a plausible one (in the future, over 130 years ago); its raw
 * text is a health identifier, so it is not carried.
 */
export type AgeReading = { readonly kind: 'age'; readonly years: number } | { readonly kind: 'cannot-tell' };

export function ageFrom(dateOfBirth: unknown, now: number): AgeReading | undefined {
  const r = readTime(dateOfBirth);
  if (r.kind === 'absent') return undefined;
  if (r.kind === 'unreadable') return { kind: 'cannot-tell' };
  const born = new Date(r.ms);
  const today = new Date(now);
  let age = today.getUTCFullYear() - born.getUTCFullYear();
  const [mo, d] = [born.getUTCMonth(), born.getUTCDate()];
  if (today.getUTCMonth() < mo || (today.getUTCMonth() === mo && today.getUTCDate() < d)) age--;
  return age >= 0 && age <= 130 ? { kind: 'age', years: age } : { kind: 'cannot-tell' };
}

// ── Policies ─────────────────────────────────────────────────────────────────────────────────────

/**
 * A policy's status says whether it is meant to be in force: Active, or Future Cancel (cancelled as of
 * a later date, in force until then). Pending ones (Pending, Pending Effectuation, Pending Followup)
 * are not yet; Suspended, Cancelled, Terminated, Deceased and Not Approved are not.
 */
const IN_FORCE = new Set(['active', 'future cancel']);
const PENDING = new Set(['pending', 'pending effectuation', 'pending followup']);

/**
 * Where a policy says when it ends. The API publishes no policy dates; these are the names a CRM
 * uses, read in this order. (`effectiveDate` is where it says when it starts.)
 */
export const POLICY_END_FIELDS = ['terminationDate', 'termDate', 'endDate', 'cancellationDate', 'cancelDate'] as const;

function policyRank(p: Rec): number {
  const s = text(p.status)?.toLowerCase() ?? '';
  return IN_FORCE.has(s) ? 0 : PENDING.has(s) ? 1 : 2;
}

/** Where a policy stands at `now`. */
export type PlanStanding =
  /** In force today: its status says so, it has started (or says nothing of when), and it has not ended. */
  | 'in-force'
  /** Starts later: in force or pending by its status, with a start after today (or pending with no start). */
  | 'upcoming'
  /** Ended: its end date has passed, whatever its status. */
  | 'ended'
  /** Not in force by its status (cancelled, suspended, pending past its start…). */
  | 'not-in-force';

function policyEnd(p: Rec): TimeReading {
  for (const k of POLICY_END_FIELDS) {
    const r = readTime(p[k]);
    if (r.kind !== 'absent') return r;
  }
  return { kind: 'absent' };
}

function standingOf(p: Rec, now: number): PlanStanding {
  const rank = policyRank(p);
  const start = readTime(p.effectiveDate);
  const end = policyEnd(p);
  if (end.kind === 'time' && endOf(end) <= now) return 'ended';
  const startsLater = start.kind === 'time' && start.ms > now;
  if (rank === 0) return startsLater ? 'upcoming' : 'in-force';
  if (rank === 1) return startsLater || start.kind !== 'time' ? 'upcoming' : 'not-in-force';
  return 'not-in-force';
}

const STANDING_RANK: Record<PlanStanding, number> = { 'in-force': 0, upcoming: 1, 'not-in-force': 2, ended: 3 };

/**
 * The order every surface shows policies in, as indexes into the array. With `now`: in force today
 * first, then upcoming, then those not in force, then those that have ended (the cut-down copy of a
 * huge record keeps the first ones in this order, so its coverage is the whole record's). Without it:
 * by status, in force, then pending, then the rest. Within each, the
 * newest effective date first (upcoming ones: the soonest), then the order the API gave.
 */
export function policyOrder(policies: readonly unknown[], now?: number): number[] {
  const keyed = policies.map((p, i) => {
    const r = p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Rec) : {};
    const rank = now === undefined ? policyRank(r) : STANDING_RANK[standingOf(r, now)];
    // Upcoming ones soonest first (the next to start is the one a person asks about; one that says
    // nothing of when, last); the rest newest first.
    const soonest = now !== undefined && rank === STANDING_RANK.upcoming;
    const start = timeMs(r.effectiveDate);
    return { i, rank, key: soonest ? (start ?? Infinity) : -(start ?? -Infinity) };
  });
  return keyed.sort((a, b) => a.rank - b.rank || a.key - b.key || a.i - b.i).map((k) => k.i);
}

/**
 * The order of scopes of appointment: the latest signed first (`signedAt`), then those whose
 * signature date cannot be read, then unsigned ones, then the order the API gave.
 */
export function soaOrder(soas: readonly unknown[]): number[] {
  const keyed = soas.map((s, i) => {
    const r = s !== null && typeof s === 'object' && !Array.isArray(s) ? (s as Rec) : {};
    const signed = readTime(r.signedAt);
    return { i, at: signed.kind === 'time' ? signed.ms : signed.kind === 'unreadable' ? -1e15 : -Infinity };
  });
  return keyed.sort((a, b) => b.at - a.at || a.i - b.i).map((k) => k.i);
}

/** The order a collection is shown in (and cut down in, without `now`): indexes into `items`. */
export function collectionOrder(key: string, list: readonly unknown[], now?: number): number[] {
  if (key === 'policies') return policyOrder(list, now);
  if (key === 'scopeOfAppointments') return soaOrder(list);
  return list.map((_, i) => i);
}

export interface PlanSummary {
  /** The plan's name, and the carrier when the name does not already say it: "Humana Gold Plus (HMO)". */
  readonly label: string;
  readonly carrier?: string | undefined;
  readonly planCode?: string | undefined;
  readonly policyType?: string | undefined;
  /** When it starts or started: the policy's effective date, else the record's when it is the same plan. */
  readonly starts?: DateText | undefined;
  /** When it ends or ended, where the policy says. */
  readonly ends?: DateText | undefined;
  readonly standing: PlanStanding;
  /** The policy's status, as the API words it. */
  readonly status?: string | undefined;
  /** Where it was read: a policy, or the plan recorded on the customer itself. */
  readonly source: 'policy' | 'record';
  /** The record-level plan, when it names another plan than the policy shown. */
  readonly recordNames?: string | undefined;
}

/**
 * A customer's coverage at one moment: the plan in force today, the one that starts next, and, when
 * none is in force, the latest on record (ended or not in force, never called current).
 */
export interface CoverageSummary {
  readonly current?: PlanSummary | undefined;
  readonly upcoming?: PlanSummary | undefined;
  readonly latest?: PlanSummary | undefined;
}

function planLabel(name: string | undefined, carrier: string | undefined): string | undefined {
  if (name && carrier) return name.toLowerCase().includes(carrier.toLowerCase().split(/\s+/)[0] ?? '') ? name : `${name} (${carrier})`;
  return name ?? carrier;
}

/**
 * The coverage. The rule, and why:
 * 1. Policies decide. A policy carries its own status and dates; the plan fields on the customer
 *    record (planName, carrierName, planCode, effectiveDate) are a copy the CRM keeps and can lag a
 *    change, so when they name another plan than the policy in force the summary says so beside it.
 * 2. In force today: the first policy in policy order whose standing is in force (its status says so,
 *    it has started or says nothing of when, it has not ended). A start that cannot be read leaves it
 *    in force by its status, and "since" says it cannot tell.
 * 3. Upcoming: the first upcoming one in policy order, the soonest to start (in force or pending by
 *    status, with a future start; pending with none, after those that say when).
 * 4. No policy in force, but the record names a plan that no policy on record contradicts: that plan,
 *    "as recorded on the customer", current when its effective date is past or absent, upcoming when
 *    it is in the future, and cannot-tell's "since" when it is unreadable.
 * 5. Nothing in force: the latest on record (the first in policy order), with its status or its end.
 */
export function coverage(record: Partial<CustomerRecord>, now: number): CoverageSummary {
  const all = items(record.policies);
  const order = policyOrder(all, now).map((i) => all[i]!);
  const recordName = text(record.planName);
  const recordCarrier = text(record.carrierName);
  const recordLabel = planLabel(recordName, recordCarrier);
  const samePlan = (p: Rec): boolean => !!recordName && text(p.planName)?.toLowerCase() === recordName.toLowerCase();
  const fromPolicy = (p: Rec): PlanSummary | undefined => {
    const label = planLabel(text(p.planName), text(p.carrierName));
    if (!label) return undefined;
    const standing = standingOf(p, now);
    const starts = dateText(readTime(p.effectiveDate)) ?? (samePlan(p) ? dateText(readTime(record.effectiveDate)) : undefined);
    return {
      label,
      carrier: text(p.carrierName),
      planCode: text(p.planCode),
      policyType: text(p.policyType),
      starts,
      ends: dateText(policyEnd(p)),
      standing,
      status: text(p.status),
      source: 'policy',
      recordNames: recordLabel && !samePlan(p) && standing === 'in-force' ? recordLabel : undefined,
    };
  };
  const named = order.map(fromPolicy).filter((p): p is PlanSummary => !!p);
  let current = named.find((p) => p.standing === 'in-force');
  let upcoming = named.find((p) => p.standing === 'upcoming');
  if (!current && recordLabel && !order.some(samePlan)) {
    const start = readTime(record.effectiveDate);
    const plan: PlanSummary = {
      label: recordLabel,
      carrier: recordCarrier,
      planCode: text(record.planCode),
      starts: dateText(start),
      standing: start.kind === 'time' && start.ms > now ? 'upcoming' : 'in-force',
      source: 'record',
    };
    if (plan.standing === 'in-force') current = plan;
    else upcoming ??= plan;
  }
  return { current, upcoming, latest: current ? undefined : named.find((p) => p.standing !== 'upcoming') };
}

export interface AgentSummary {
  /** First and last name as one name. */
  readonly name: string;
  readonly npn?: string | undefined;
}

/** The agent of record: the policy in force today's (aorFirstName, aorLastName, aorNpn), else the record's (agentName, agentNpn). */
export function agentOfRecord(record: Partial<CustomerRecord>, now: number): AgentSummary | undefined {
  const all = items(record.policies);
  const p = policyOrder(all, now)
    .map((i) => all[i]!)
    .find((x) => standingOf(x, now) === 'in-force' && (text(x.aorFirstName) || text(x.aorLastName)));
  const name = p ? [text(p.aorFirstName), text(p.aorLastName)].filter(Boolean).join(' ') : text(record.agentName);
  if (!name) return undefined;
  return { name, npn: (p ? text(p.aorNpn) : undefined) ?? text(record.agentNpn) };
}

// ── Scope of appointment ─────────────────────────────────────────────────────────────────────────

export type SoaStanding =
  /** No scope of appointment on record. */
  | { readonly kind: 'none' }
  /** Scopes of appointment without a signature date: they hold nothing. */
  | { readonly kind: 'unsigned'; readonly count: number }
  /** Signed, and in date: it holds for the products it names, until `until`. */
  | SoaSigned<'holds'>
  /** Signed, but past `until`. */
  | SoaSigned<'expired'>
  /** Signed and in date, but it names no product: it holds for nothing. */
  | SoaSigned<'no-products'>
  /** Withdrawn by its status (revoked, void, withdrawn, cancelled, expired). */
  | SoaSigned<'withdrawn'>
  /**
   * The record does not establish whether it holds: a signature or expiry date that cannot be read,
   * or a signature in the future. Shown as such, with the raw value, never as valid.
   */
  | { readonly kind: 'cannot-tell'; readonly reason: string; readonly raw: string };

export interface SoaSignedBase {
  /** The raw ISO signature date and time. */
  readonly signedAt: string;
  /** When it stops holding (epoch ms): the earlier of its own expiry and 12 months after signature. */
  readonly until: number;
  /** Which of the two decided `until`. */
  readonly untilBy: 'its own expiry' | '12 months after signature';
  readonly products: readonly string[];
  readonly method?: string | undefined;
  readonly status?: string | undefined;
}
type SoaSigned<K extends string> = SoaSignedBase & { readonly kind: K };

const WITHDRAWN = /\b(revoked|void(ed)?|withdrawn|cancell?ed|expired|rescinded)\b/i;

/**
 * Whether the latest scope of appointment holds now. The rule (CMS marketing rules): a scope of
 * appointment holds until the earlier of its own expiry (`expiresAt`; a date without a time holds
 * through that day) and 12 months after its signature (`signedAt`), and only for the products it
 * names (`products`). One without a signature date holds nothing; one whose `status` says it was
 * revoked, voided or withdrawn holds nothing. The latest is the one signed last.
 *
 * Cannot tell, rather than a guess: when a signature date on record cannot be read (that one might be
 * the latest), when the latest is signed after `now`, or when its expiry cannot be read.
 */
export function scopeOfAppointment(record: Partial<CustomerRecord>, now: number): SoaStanding {
  const all = items(record.scopeOfAppointments);
  if (!all.length) return { kind: 'none' };
  const unreadable = all.map((x) => readTime(x.signedAt)).find((r) => r.kind === 'unreadable');
  if (unreadable) return { kind: 'cannot-tell', reason: 'a signature date on record cannot be read', raw: unreadable.raw };
  const latest = all[soaOrder(all)[0]!]!;
  const signed = readTime(latest.signedAt);
  if (signed.kind !== 'time') return { kind: 'unsigned', count: all.length };
  if (signed.ms > now) return { kind: 'cannot-tell', reason: 'its signature date is in the future', raw: signed.raw };
  const yearOn = addMonths(signed.ms, 12);
  const expiry = readTime(latest.expiresAt);
  if (expiry.kind === 'unreadable') return { kind: 'cannot-tell', reason: 'its expiry date cannot be read', raw: expiry.raw };
  const ownEnd = expiry.kind === 'time' ? endOf(expiry) : undefined;
  const byOwn = ownEnd !== undefined && ownEnd < yearOn;
  const base: SoaSignedBase = {
    signedAt: signed.raw,
    until: byOwn ? ownEnd : yearOn,
    untilBy: byOwn ? 'its own expiry' : '12 months after signature',
    products: Array.isArray(latest.products) ? latest.products.map(text).filter((p): p is string => !!p) : [],
    method: text(latest.method),
    status: text(latest.status),
  };
  if (base.status && WITHDRAWN.test(base.status)) return { ...base, kind: 'withdrawn' };
  if (now >= base.until) return { ...base, kind: 'expired' };
  if (!base.products.length) return { ...base, kind: 'no-products' };
  return { ...base, kind: 'holds' };
}

// ── Contact ──────────────────────────────────────────────────────────────────────────────────────

export interface ContactSummary {
  /** When the customer was last contacted (epoch ms), from `lastContactedAt`; undefined when it cannot be read. */
  readonly at?: number | undefined;
  /** The raw value it came from (present whenever the record has one, readable or not). */
  readonly raw?: string | undefined;
  readonly disposition?: string | undefined;
  /** totalCalls, when the record has it. */
  readonly calls?: number | undefined;
}

/**
 * The last contact, from `lastContactedAt`. Without it, the record says nothing about when: never
 * "never contacted" (a record cannot show that, and beside "Total calls 2" it was false), but "no
 * contact date on record", with the number of calls when the record has one. One that cannot be
 * read is "cannot tell", with its raw text.
 */
export function lastContact(record: Partial<CustomerRecord>): ContactSummary {
  const r = readTime(record.lastContactedAt);
  const calls = typeof record.totalCalls === 'number' && Number.isFinite(record.totalCalls) ? record.totalCalls : undefined;
  return {
    at: r.kind === 'time' ? r.ms : undefined,
    raw: r.kind === 'absent' ? undefined : r.raw,
    disposition: text(record.lastCallDisposition),
    calls,
  };
}

// ── The whole summary ────────────────────────────────────────────────────────────────────────────

export interface CustomerSummary {
  readonly name: string;
  readonly status?: string | undefined;
  readonly restrictions: readonly string[];
  readonly location?: string | undefined;
  readonly coverage: CoverageSummary;
  readonly agent?: AgentSummary | undefined;
  readonly soa: SoaStanding;
  readonly contact: ContactSummary;
  readonly age?: AgeReading | undefined;
  readonly gender?: string | undefined;
  /** Policies in the whole record (a cut-down copy counts what it left out). */
  readonly policyCount: number;
}

export interface SummaryOptions {
  readonly now: number;
  /** Items of the record's policies a cut-down copy left out (../prune.ts). */
  readonly omittedPolicies?: number | undefined;
}

/** Everything above, for one record at one moment. */
export function summarize(record: CustomerRecord, o: SummaryOptions): CustomerSummary {
  return {
    name: displayName(record),
    status: statusLine(record),
    restrictions: contactRestrictions(record),
    location: locationLine(record),
    coverage: coverage(record, o.now),
    agent: agentOfRecord(record, o.now),
    soa: scopeOfAppointment(record, o.now),
    contact: lastContact(record),
    age: ageFrom(record.dateOfBirth, o.now),
    gender: text(record.gender),
    policyCount: (Array.isArray(record.policies) ? record.policies.length : 0) + (o.omittedPolicies ?? 0),
  };
}
