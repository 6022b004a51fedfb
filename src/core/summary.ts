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

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/**
 * Epoch ms for an ISO date or timestamp; undefined for anything else (Date.parse alone is too
 * lenient: it reads "x1" as the year 2001). A date without a time is midnight UTC of that day.
 */
export function parseTimestamp(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (!DATE_ONLY.test(s) && !DATE_TIME.test(s)) return undefined;
  const t = Date.parse(DATE_ONLY.test(s) ? `${s}T00:00:00Z` : s);
  return Number.isNaN(t) ? undefined : t;
}

const DAY = 86_400_000;

/** `ms` plus whole calendar months (UTC), clamped to the month's last day (Aug 31 + 6 months: Feb 28/29). */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
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

/** Whole years from an ISO date of birth to `now` (calendar, UTC); undefined when it is not a plausible one. */
export function ageFrom(dateOfBirth: unknown, now: number): number | undefined {
  const m = typeof dateOfBirth === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(dateOfBirth.trim()) : null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const today = new Date(now);
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < mo || (today.getUTCMonth() + 1 === mo && today.getUTCDate() < d)) age--;
  return age >= 0 && age <= 130 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? age : undefined;
}

// ── Policies ─────────────────────────────────────────────────────────────────────────────────────

/**
 * A policy is in force when its status says so: Active, or Future Cancel (cancelled as of a later
 * date, in force until then). Pending ones (Pending, Pending Effectuation, Pending Followup) are not
 * yet; Suspended, Cancelled, Terminated, Deceased and Not Approved are not.
 */
const IN_FORCE = new Set(['active', 'future cancel']);
const PENDING = new Set(['pending', 'pending effectuation', 'pending followup']);

function policyRank(p: Rec): number {
  const s = text(p.status)?.toLowerCase() ?? '';
  return IN_FORCE.has(s) ? 0 : PENDING.has(s) ? 1 : 2;
}

/**
 * The order every surface shows policies in, as indexes into the array: in force first, then pending,
 * then the rest; within each, the newest effective date first (`effectiveDate`, which the API does not
 * publish for policies but may send), then the order the API gave. The cut-down copy of a huge record
 * keeps the first ones in this order, so the current plan is always among them.
 */
export function policyOrder(policies: readonly unknown[]): number[] {
  const keyed = policies.map((p, i) => {
    const r = p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Rec) : {};
    return { i, rank: policyRank(r), eff: parseTimestamp(r.effectiveDate) ?? -Infinity };
  });
  return keyed.sort((a, b) => a.rank - b.rank || b.eff - a.eff || a.i - b.i).map((k) => k.i);
}

/**
 * The order of scopes of appointment: the latest signed first (`signedAt`), unsigned ones last, then
 * the order the API gave.
 */
export function soaOrder(soas: readonly unknown[]): number[] {
  const keyed = soas.map((s, i) => {
    const r = s !== null && typeof s === 'object' && !Array.isArray(s) ? (s as Rec) : {};
    return { i, at: parseTimestamp(r.signedAt) ?? -Infinity };
  });
  return keyed.sort((a, b) => b.at - a.at || a.i - b.i).map((k) => k.i);
}

/** The order a collection is shown in (and cut down in): indexes into `items`. */
export function collectionOrder(key: string, list: readonly unknown[]): number[] {
  if (key === 'policies') return policyOrder(list);
  if (key === 'scopeOfAppointments') return soaOrder(list);
  return list.map((_, i) => i);
}

export interface PlanSummary {
  /** The plan's name, and the carrier when the name does not already say it: "Humana Gold Plus (HMO)". */
  readonly label: string;
  readonly carrier?: string | undefined;
  readonly planCode?: string | undefined;
  readonly policyType?: string | undefined;
  /** Since when (the raw ISO date): the policy's effective date, else the record's when it is the same plan. */
  readonly since?: string | undefined;
  /** Whether coverage is in force; otherwise `status` says what it is ("Pending Effectuation", "Cancelled"). */
  readonly inForce: boolean;
  readonly status?: string | undefined;
  /** Where it was read: a policy, or the plan recorded on the customer itself. */
  readonly source: 'policy' | 'record';
  /** The record-level plan, when it names another plan than the policy shown. */
  readonly recordNames?: string | undefined;
}

function planLabel(name: string | undefined, carrier: string | undefined): string | undefined {
  if (name && carrier) return name.toLowerCase().includes(carrier.toLowerCase().split(/\s+/)[0] ?? '') ? name : `${name} (${carrier})`;
  return name ?? carrier;
}

/**
 * The current plan. The rule, and why:
 * 1. A policy in force wins: the newest one in policy order. A policy carries its own status; the plan
 *    fields on the customer record (planName, carrierName, planCode, effectiveDate) are a copy the CRM
 *    keeps and can lag a plan change, so when they name another plan the summary says so beside it.
 * 2. No policy in force, but the record names a plan that no policy on record contradicts: that plan,
 *    "as recorded on the customer" (source 'record'). A record-level plan that is the plan of a policy
 *    not in force is that policy, with its status: a cancelled plan is not a current one.
 * 3. Policies, none in force, no record-level plan: the first in policy order (a pending one before a
 *    cancelled one), with its status.
 * 4. Nothing at all: no plan.
 */
export function currentPlan(record: Partial<CustomerRecord>): PlanSummary | undefined {
  const all = items(record.policies);
  const order = policyOrder(all);
  const recordName = text(record.planName);
  const recordCarrier = text(record.carrierName);
  const recordLabel = planLabel(recordName, recordCarrier);
  const fromPolicy = (p: Rec): PlanSummary | undefined => {
    const name = text(p.planName);
    const carrier = text(p.carrierName);
    const label = planLabel(name, carrier);
    if (!label) return undefined;
    const samePlan = !!recordName && !!name && recordName.toLowerCase() === name.toLowerCase();
    const inForce = policyRank(p) === 0;
    return {
      label,
      carrier,
      planCode: text(p.planCode),
      policyType: text(p.policyType),
      since: text(p.effectiveDate) ?? (samePlan ? text(record.effectiveDate) : undefined),
      inForce,
      status: inForce ? undefined : text(p.status),
      source: 'policy',
      recordNames: recordLabel && !samePlan && inForce ? recordLabel : undefined,
    };
  };
  const first = order.map((i) => all[i]!).find((p) => !!planLabel(text(p.planName), text(p.carrierName)));
  if (first && policyRank(first) === 0) return fromPolicy(first);
  if (recordLabel) {
    const same = recordName && order.map((i) => all[i]!).find((p) => text(p.planName)?.toLowerCase() === recordName.toLowerCase());
    if (same) return fromPolicy(same);
    return {
      label: recordLabel,
      carrier: recordCarrier,
      planCode: text(record.planCode),
      since: text(record.effectiveDate),
      inForce: true,
      source: 'record',
    };
  }
  return first ? fromPolicy(first) : undefined;
}

export interface AgentSummary {
  /** First and last name as one name. */
  readonly name: string;
  readonly npn?: string | undefined;
}

/** The agent of record: the current plan's policy's (aorFirstName, aorLastName, aorNpn), else the record's (agentName, agentNpn). */
export function agentOfRecord(record: Partial<CustomerRecord>): AgentSummary | undefined {
  const all = items(record.policies);
  const p = policyOrder(all)
    .map((i) => all[i]!)
    .find((x) => policyRank(x) === 0 && (text(x.aorFirstName) || text(x.aorLastName)));
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
  | SoaSigned<'withdrawn'>;

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
 */
export function scopeOfAppointment(record: Partial<CustomerRecord>, now: number): SoaStanding {
  const all = items(record.scopeOfAppointments);
  if (!all.length) return { kind: 'none' };
  const latest = all[soaOrder(all)[0]!]!;
  const signed = parseTimestamp(latest.signedAt);
  if (signed === undefined) return { kind: 'unsigned', count: all.length };
  const yearOn = addMonths(signed, 12);
  const rawExpiry = text(latest.expiresAt);
  const own = parseTimestamp(rawExpiry);
  // A date alone ("2026-12-31") is the whole of that day.
  const ownEnd = own === undefined ? undefined : rawExpiry && DATE_ONLY.test(rawExpiry) ? own + DAY : own;
  const byOwn = ownEnd !== undefined && ownEnd < yearOn;
  const base: SoaSignedBase = {
    signedAt: text(latest.signedAt)!,
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
  /** When the customer was last contacted (epoch ms), from `lastContactedAt`. */
  readonly at?: number | undefined;
  /** The raw ISO value it came from. */
  readonly raw?: string | undefined;
  readonly disposition?: string | undefined;
  /** totalCalls, when the record has it. */
  readonly calls?: number | undefined;
}

/**
 * The last contact, from `lastContactedAt`. Without it, the record says nothing about when: never
 * "never contacted" (a record cannot show that, and beside "Total calls 2" it was false), but "no
 * contact date on record", with the number of calls when the record has one.
 */
export function lastContact(record: Partial<CustomerRecord>): ContactSummary {
  const at = parseTimestamp(record.lastContactedAt);
  const calls = typeof record.totalCalls === 'number' && Number.isFinite(record.totalCalls) ? record.totalCalls : undefined;
  return { at, raw: at === undefined ? undefined : text(record.lastContactedAt), disposition: text(record.lastCallDisposition), calls };
}

// ── The whole summary ────────────────────────────────────────────────────────────────────────────

export interface CustomerSummary {
  readonly name: string;
  readonly status?: string | undefined;
  readonly restrictions: readonly string[];
  readonly location?: string | undefined;
  readonly plan?: PlanSummary | undefined;
  readonly agent?: AgentSummary | undefined;
  readonly soa: SoaStanding;
  readonly contact: ContactSummary;
  readonly age?: number | undefined;
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
    plan: currentPlan(record),
    agent: agentOfRecord(record),
    soa: scopeOfAppointment(record, o.now),
    contact: lastContact(record),
    age: ageFrom(record.dateOfBirth, o.now),
    gender: text(record.gender),
    policyCount: (Array.isArray(record.policies) ? record.policies.length : 0) + (o.omittedPolicies ?? 0),
  };
}
