import type { CustomerRecord } from '../api/schema';
import type { CareCycleError } from '../api/errors';
import type { OmittedCounts } from '../prune';
import { relativeTime, summarize } from '../summary';
import { clip, escapeMarkdown } from './escape';
import type { Formatter } from './format';

/** The only commands a hover card links to; the host trusts exactly these. */
export const HOVER_COMMANDS = {
  open: 'carecycle.openCustomer',
  copy: 'carecycle.copyCustomerId',
  setKey: 'carecycle.setApiKey',
  showLog: 'carecycle.showLog',
} as const;

export function commandLink(label: string, command: string, args?: readonly unknown[]): string {
  // encodeURIComponent leaves ( ) ' ! * as they are; a `)` would end the markdown link early.
  const query = args
    ? `?${encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`
    : '';
  return `[${escapeMarkdown(label)}](command:${command}${query} "${escapeMarkdown(label)}")`;
}

const str = (v: unknown, max = 80): string | undefined => {
  if (typeof v === 'string' && v.trim()) return escapeMarkdown(clip(v.trim(), max));
  if (typeof v === 'number' && Number.isFinite(v)) return escapeMarkdown(String(v));
  return undefined;
};

export interface HoverOptions {
  /** The ID that was hovered: the card's links use it, never an ID from the answer. */
  readonly id?: string | undefined;
  readonly mask: boolean;
  readonly fmt: Formatter;
  readonly now: number;
  /** The environment the record came from, when there is more than one. */
  readonly environment?: string | undefined;
  /** The record is the one held after a refresh of it failed: what failed, and when it was fetched. */
  readonly stale?: { readonly message: string; readonly fetchedAt: number } | undefined;
  /** What a cut-down copy of a huge record left out (../prune.ts): counts stay true. */
  readonly omitted?: WeakMap<object, OmittedCounts> | undefined;
}

const inEnvironment = (env: string | undefined): string => (env ? ` in ${escapeMarkdown(env)}` : '');

/**
 * The compact card shown on hover, in the order a person needs it before a call: contact
 * restrictions first (impossible to miss), who and their status, where, the plan once, how recent,
 * identifiers (masked), then one row of actions. Every line is always in the same place.
 */
export function customerHoverMarkdown(record: CustomerRecord, o: HoverOptions): string {
  const policies = Array.isArray(record.policies) ? o.omitted?.get(record.policies)?.items : undefined;
  const s = summarize(record, { now: o.now, omittedPolicies: policies });
  const lines: string[] = [];
  if (s.restrictions.length) lines.push(`$(circle-slash) **${s.restrictions.map((r, i) => (i === 0 ? r : r.toLowerCase())).join(', ')}**`);
  const intent = str(record.intent);
  const badges = [str(record.status), str(record.qualificationStatus), intent ? `intent ${intent}` : undefined].filter(Boolean);
  lines.push(`**${escapeMarkdown(s.name)}**${badges.length ? ` · ${badges.join(' · ')}` : ''}`);

  if (s.location) lines.push(`$(location) ${escapeMarkdown(clip(s.location, 120))}`);
  // The coverage as the summary decided it (the same as the panel's "Current plan" and "Upcoming plan").
  const { current, upcoming, latest } = s.coverage;
  const dateWord = (d: { raw: string; ms?: number | undefined } | undefined): string =>
    !d
      ? ''
      : d.ms !== undefined
        ? escapeMarkdown(o.fmt.date(d.raw) ?? clip(d.raw, 40))
        : `cannot tell ("${escapeMarkdown(clip(d.raw, 40))}")`;
  if (current) lines.push(`$(shield) ${escapeMarkdown(clip(current.label, 140))}`);
  else if (latest)
    lines.push(
      `$(shield) No plan in force today · latest on record: ${escapeMarkdown(clip(latest.label, 100))}${
        latest.standing === 'ended' && latest.ends
          ? ` · ended ${dateWord(latest.ends)}`
          : latest.status
            ? ` · ${escapeMarkdown(clip(latest.status, 40))}`
            : ''
      }`,
    );
  if (upcoming)
    lines.push(
      `$(calendar) Upcoming: ${escapeMarkdown(clip(upcoming.label, 100))}${upcoming.starts ? ` from ${dateWord(upcoming.starts)}` : ''}${
        // As the panel does: a plan not in force today shows its status.
        upcoming.status ? ` · ${escapeMarkdown(clip(upcoming.status, 40))}` : ''
      }`,
    );

  const facts: string[] = [];
  facts.push(`${s.policyCount} ${s.policyCount === 1 ? 'policy' : 'policies'}`);
  if (s.contact.at !== undefined && s.contact.raw) {
    const when = o.fmt.date(s.contact.raw);
    facts.push(`last contact ${escapeMarkdown(when ?? clip(s.contact.raw, 40))} (${relativeTime(s.contact.at, o.now)})`);
  } else if (s.contact.raw !== undefined) {
    facts.push(`last contact: cannot tell ("${escapeMarkdown(clip(s.contact.raw, 40))}")`);
  } else {
    facts.push('no contact date on record');
  }
  lines.push(facts.join(' · '));

  // Identifiers only when masking is off: masked, a row of dots would say nothing a person can use.
  if (!o.mask) {
    const ids: string[] = [];
    const mbi = str(record.mbiNumber);
    const dob = typeof record.dateOfBirth === 'string' && record.dateOfBirth.trim() ? record.dateOfBirth.trim() : undefined;
    if (mbi) ids.push(`MBI ${mbi}`);
    if (dob) ids.push(`DOB ${escapeMarkdown(o.fmt.date(dob) ?? clip(dob, 40))}`);
    if (ids.length) lines.push(ids.join(' · '));
  }
  if (o.environment) lines.push(`$(server-environment) From ${escapeMarkdown(o.environment)}`);
  if (o.stale)
    lines.push(
      `$(warning) Stale: as fetched ${relativeTime(o.stale.fetchedAt, o.now)}; the last refresh failed: ${escapeMarkdown(clip(o.stale.message, 160))}`,
    );

  lines.push(
    `${commandLink('Open record', HOVER_COMMANDS.open, [o.id ?? record.id])} · ${commandLink('Copy ID', HOVER_COMMANDS.copy, [o.id ?? record.id])}`,
  );
  return lines.join('  \n');
}

export function hoverNotFound(environment?: string): string {
  return `$(info) CareCycle: no customer has this ID${inEnvironment(environment)}.`;
}

export function hoverNoKey(environment?: string): string {
  return `$(key) CareCycle: set an API key${environment ? ` for ${escapeMarkdown(environment)}` : ''} to see this customer. ${commandLink('Set API Key', HOVER_COMMANDS.setKey)}`;
}

export function hoverError(err: CareCycleError): string {
  const action =
    err.action === 'setApiKey'
      ? ` ${commandLink('Set API Key', HOVER_COMMANDS.setKey)}`
      : err.action === 'showLog'
        ? ` ${commandLink('Show Log', HOVER_COMMANDS.showLog)}`
        : '';
  return `$(warning) CareCycle: ${escapeMarkdown(err.message)}${action}`;
}
