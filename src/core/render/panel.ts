/**
 * The record panel's page: the header (name, badges, restrictions, when fetched, actions), the
 * banners, "At a glance" (drawn from the summary: ../summary.ts decides what the record means), the
 * sections of documented fields, the collections and the fields the documentation does not name.
 * Values are drawn by ./values.ts; the document around the page is ./document.ts.
 */
import { DOCUMENTED_FIELDS, type CustomerRecord } from '../api/schema';
import type { CareCycleError, ErrorAction } from '../api/errors';
import { actionAttr, type PageAction } from '../panelProtocol';
import { relativeTime, summarize, text as str, type CustomerSummary, type DateText, type PlanSummary } from '../summary';
import { clip, escapeHtml as h, escapeWords, safeJson } from './escape';
import { enumWords } from './format';
import { COLLECTIONS, SECTIONS, SPECIAL_KEYS, type FieldKind } from './fields';
import { MAX_ITEMS, MAX_KEYS, MAX_VALUES } from './limits';
import { ValueRenderer, isEmptyValue, looksSensitive, statusTone, type ValueOptions } from './values';

export { MAX_ITEMS, MAX_KEYS, MAX_VALUES };

export interface PanelRenderOptions extends ValueOptions {
  readonly now: number;
  readonly warnings?: readonly string[] | undefined;
  /** When the record was fetched (epoch ms): the header says how old the data is. */
  readonly fetchedAt?: number | undefined;
  /** A refresh is under way: the actions are disabled and say so. */
  readonly busy?: boolean | undefined;
  /** The last refresh failed: what failed and when; the data is marked stale. */
  readonly stale?: { readonly error: Pick<CareCycleError, 'message' | 'action' | 'kind'>; readonly at: number } | undefined;
  /** Which environment the record came from, when there is more than one. */
  readonly environment?: { readonly name: string; readonly production: boolean } | undefined;
  /** The record before the last refresh: fields that changed since are marked (memory only). */
  readonly previous?: CustomerRecord | undefined;
}

export interface RenderedPanel {
  readonly html: string;
  /** maskId -> the text to show once revealed. Held by the host, never put in the page masked. */
  readonly masked: ReadonlyMap<string, string>;
}

/** Items of `list` a cut-down copy left out (none for a record received whole). */
function omittedItems(o: PanelRenderOptions, list: unknown): number | undefined {
  return list !== null && typeof list === 'object' ? o.omitted?.index.get(list)?.items : undefined;
}

/** Shown once as a whole (Name, Address); the parts stay one click away. */
const PARTS = new Set([
  'salutation',
  'firstName',
  'middleName',
  'lastName',
  'suffix',
  'address',
  'address2',
  'city',
  'county',
  'postalCode',
]);
const RECORD_AUDIT = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'clientId', 'currentSourceId', 'originalSourceId']);

/**
 * "At a glance": what a person at a Medicare agency asks first, as the summary decided it. The
 * current plan and since when, the agent of record, the latest scope of appointment and whether it
 * holds, the last contact, where they live and how old they are (the exact birth date follows masking).
 */
function renderGlance(s: CustomerSummary, r: ValueRenderer, o: PanelRenderOptions): string {
  const rows: Array<{ label: string; html: string; key: string }> = [];
  const date = (raw: string | undefined): string => {
    const d = raw ? o.fmt.date(raw) : undefined;
    return d ? `<time datetime="${h(raw ?? '')}" title="${h(raw ?? '')}">${h(d)}</time>` : raw ? h(raw) : '';
  };
  // The last day something holds: `until` is the first moment it no longer does.
  const through = (until: number): string => date(new Date(until - 1).toISOString().slice(0, 10));
  const none = (words: string): string => `<span class="empty">${h(words)}</span>`;
  const cannotTell = (why: string, raw: string): string =>
    `<span class="badge unknown">? Cannot tell</span> ${h(why)}: <span class="raw">“${h(clip(raw, 80))}”</span>`;
  /** "since Jan 1, 2026", or what the record says when the date cannot be read. */
  const when = (word: string, d: DateText | undefined): string =>
    !d ? '' : d.ms !== undefined ? ` · ${word} ${date(d.raw)}` : ` · ${word}: ${cannotTell('the date on record cannot be read', d.raw)}`;
  const plan = (p: PlanSummary): string =>
    `${escapeWords(p.label)}${p.status && p.standing !== 'in-force' ? ` · <span class="badge ${statusTone(p.status)}">${h(p.status)}</span>` : ''}`;

  const { current, upcoming, latest } = s.coverage;
  rows.push({
    label: 'Current plan',
    key: 'plan',
    html: current
      ? `${plan(current)}${when('since', current.starts)}${current.ends?.ms !== undefined ? when('until', current.ends) : when('ends', current.ends)}${
          current.source === 'record' ? ' <span class="muted">(as recorded on the customer; no policy in force on record)</span>' : ''
        }${current.recordNames ? ` <span class="muted">(the customer record names ${escapeWords(current.recordNames)})</span>` : ''}`
      : `${none('None in force today')}${
          latest ? ` · latest on record: ${plan(latest)}${latest.standing === 'ended' ? when('ended', latest.ends) : ''}` : ''
        }`,
  });
  if (upcoming)
    rows.push({
      label: 'Upcoming plan',
      key: 'upcoming',
      html: `${plan(upcoming)}${upcoming.starts ? when('from', upcoming.starts) : ' · <span class="muted">no start date on record</span>'}`,
    });

  rows.push({
    label: 'Agent of record',
    key: 'agent',
    html: s.agent
      ? `${escapeWords(s.agent.name)}${s.agent.npn ? ` · Agent NPN <code>${h(s.agent.npn)}</code>` : ''}`
      : none('None on record'),
  });

  const soa = s.soa;
  const valid = '<span class="badge good">✓ Valid</span>';
  const notValid = '<span class="badge bad">✕ Not valid</span>';
  let soaHtml = '';
  switch (soa.kind) {
    case 'cannot-tell':
      soaHtml = cannotTell(soa.reason, soa.raw);
      break;
    case 'none':
      soaHtml = '<span class="badge bad">✕ None on record</span>';
      break;
    case 'unsigned':
      soaHtml = `${notValid} no signature date on record: it holds nothing`;
      break;
    case 'holds':
      soaHtml = `${valid} signed ${date(soa.signedAt)} · through ${through(soa.until)} · for ${soa.products.map(escapeWords).join(', ')}`;
      break;
    case 'expired':
      soaHtml = `${notValid} signed ${date(soa.signedAt)} · held through ${through(soa.until)} (${h(soa.untilBy)})`;
      break;
    case 'no-products':
      soaHtml = `${notValid} signed ${date(soa.signedAt)} · it names no product, so it holds for none`;
      break;
    case 'withdrawn':
      soaHtml = `${notValid} signed ${date(soa.signedAt)} · ${h(soa.status ?? 'withdrawn')}`;
      break;
  }
  rows.push({ label: 'Scope of appointment', key: 'soa', html: soaHtml });

  const c = s.contact;
  rows.push({
    label: 'Last contact',
    key: 'contact',
    html:
      c.at !== undefined
        ? `${date(c.raw)} (${h(relativeTime(c.at, o.now))})${c.disposition ? ` · ${h(clip(c.disposition, 80))}` : ''}`
        : c.raw !== undefined
          ? cannotTell('the contact date on record cannot be read', c.raw)
          : none(`No contact date on record${c.calls ? ` (${o.fmt.number(c.calls)} call${c.calls === 1 ? '' : 's'})` : ''}`),
  });

  if (s.location) rows.push({ label: 'Location', key: 'location', html: escapeWords(s.location) });
  if (s.age !== undefined)
    rows.push({
      label: 'Age',
      key: 'age',
      html: `${s.age.kind === 'age' ? String(s.age.years) : '<span class="badge unknown">? Cannot tell</span> the date of birth on record cannot be read'}${s.gender ? ` · ${h(s.gender)}` : ''}`,
    });
  return r.section('glance', 'At a glance', r.dl(rows, 'fields glance'));
}

/** The legacy twin of a field, shown once: `desiredCoverageStart` when it says what `desiredCoverageStartDate` says. */
function sameAsTwin(rec: Record<string, unknown>, key: string): boolean {
  if (key !== 'desiredCoverageStart') return false;
  const a = str(rec.desiredCoverageStart);
  const b = str(rec.desiredCoverageStartDate);
  return !!a && !!b && a.slice(0, 10) === b.slice(0, 10);
}

/** "was …" beside a value that changed since the previous fetch (identifiers: only that it changed). */
function changedMark(
  r: ValueRenderer,
  prev: Record<string, unknown> | undefined,
  key: string,
  now: unknown,
  kind: FieldKind,
  phi: boolean,
): string {
  if (!prev) return '';
  const before = prev[key];
  if (safeJson(before) === safeJson(now)) return '';
  const was = phi ? '' : isEmptyValue(before) ? ' (was not set)' : ` (was ${clip(r.plain(before, kind), 80)})`;
  return ` <span class="changed" title="Changed since the previous fetch">changed${h(was)}</span>`;
}

/** The body of the record panel. Every value is escaped; masked values are left out of the HTML. */
export function renderCustomerBody(record: CustomerRecord, o: PanelRenderOptions): RenderedPanel {
  const r = new ValueRenderer(o, record.id);
  const summary = summarize(record, { now: o.now, omittedPolicies: omittedItems(o, record.policies) });
  const prev = o.previous as Record<string, unknown> | undefined;
  const rec = record as Record<string, unknown>;
  const name = summary.name;
  const badge = (label: string, v: unknown): string =>
    typeof v === 'string' && v ? `<span class="badge ${statusTone(v)}" title="${h(label)}">${h(label)}: ${h(clip(v, 40))}</span>` : '';
  const flags = summary.restrictions;
  // Icon and words, never colour alone: the first thing to know before a call.
  const alert = flags.length
    ? `<div class="alert" role="alert"><span class="alert-icon" aria-hidden="true">⊘</span><strong>Contact restrictions:</strong> ${flags.map((label) => `<span class="badge danger">${h(label)}</span>`).join(' ')}</div>`
    : '';

  const sections = SECTIONS.map((s) => {
    const rows = s.fields.map((fs) => {
      const raw = rec[fs.key];
      const phi = (fs.phi ?? false) || looksSensitive(fs.key, raw);
      const shown = typeof raw === 'string' && fs.kind === 'enum' ? enumWords(fs.key, raw) : raw;
      // Hidden with the empty ones until asked for: flags that are not set (the set ones head the
      // panel as contact restrictions) and the record's audit plumbing.
      const quiet =
        isEmptyValue(raw) ||
        (fs.kind === 'flag' && raw !== true) ||
        RECORD_AUDIT.has(fs.key) ||
        PARTS.has(fs.key) ||
        sameAsTwin(rec, fs.key);
      return {
        label: fs.label,
        html: r.value(shown, fs.kind, fs.label, phi) + changedMark(r, prev, fs.key, raw, fs.kind, phi),
        key: fs.key,
        empty: quiet,
      };
    });
    // The full name together, and one address block; their parts are there with the details.
    if (s.id === 'profile') {
      const full = ['salutation', 'firstName', 'middleName', 'lastName', 'suffix']
        .map((k) => str(rec[k]))
        .filter(Boolean)
        .join(' ');
      rows.unshift({ label: 'Name', html: full ? h(full) : r.empty(), key: 'name', empty: !full });
    }
    if (s.id === 'contact') {
      const street = [str(rec.address), str(rec.address2)].filter(Boolean).join(', ');
      const town = summary.location ?? '';
      const county = str(rec.county);
      const block = [street, town, county ? `${county} County` : '']
        .filter(Boolean)
        .map((l) => h(l))
        .join('<br>');
      rows.splice(3, 0, { label: 'Address', html: block || r.empty(), key: 'fullAddress', empty: !block });
    }
    if (s.id === 'agent')
      rows.push({ label: 'Source', html: r.value(rec.source, 'text', 'Source', false), key: 'source', empty: isEmptyValue(rec.source) });
    const empties = rows.filter((x) => x.empty).length;
    // Empty fields are drawn but hidden until the person asks (the choice is remembered).
    const toggle = empties
      ? `<button type="button" class="link toggle-empty" ${actionAttr('toggleEmpty')}><span class="when-hidden">Show ${empties} more field${empties === 1 ? '' : 's'} (empty, unset or record details)</span><span class="when-shown">Hide empty fields and record details</span></button>`
      : '';
    // A section with nothing to show is one line (a card of hidden rows helps nobody); with only
    // unset flags or record details, the same line says so and keeps the way to them.
    if (rows.every((x) => x.empty)) {
      const hidden = rows.some((x) => Object.prototype.hasOwnProperty.call(rec, x.key) && !isEmptyValue(rec[x.key]));
      const words = s.id === 'preferences' ? 'No restrictions' : hidden ? 'Only unset fields and record details' : 'Nothing on record';
      return hidden ? r.oneLine(s.id, s.title, words, toggle, r.dl(rows)) : r.oneLine(s.id, s.title, words);
    }
    // The way to the hidden rows at the foot of the section, where "more" is looked for.
    return r.section(s.id, s.title, `${r.dl(rows)}${toggle ? `<div class="section-foot">${toggle}</div>` : ''}`);
  });
  const collections = COLLECTIONS.map((c) => r.collection(c, rec[c.key]));

  const known = new Set<string>([...DOCUMENTED_FIELDS, ...SPECIAL_KEYS]);
  const others = Object.keys(rec).filter((k) => !known.has(k));
  const otherSection = others.length
    ? r.section(
        'other',
        'Other fields',
        `<p class="muted">Fields the API documentation does not name.</p>${r.fields(rec, 0, 'fields', (k) => k, others)}`,
      )
    : '';

  const warnings = o.warnings?.length
    ? `<div class="notice" role="status"><strong>The API's answer differs from the documented shape in ${o.warnings.length} place${o.warnings.length === 1 ? '' : 's'}</strong>; values are shown as received.<ul>${o.warnings
        .slice(0, 20)
        .map((w) => `<li><code>${h(clip(w, 200))}</code></li>`)
        .join('')}</ul></div>`
    : '';

  const toc = [
    ...SECTIONS.map((s) => [s.id, s.title] as const),
    ...COLLECTIONS.map((c) => [c.key, c.title] as const),
    ...(others.length ? [['other', 'Other fields'] as const] : []),
  ]
    .map(([id, title]) => `<li><a href="#sec-${h(id)}">${h(title)}</a></li>`)
    .join('');

  // One line for who, one for which record and what to do with it: Refresh, and the rest in a menu.
  // (Built after the body: only then is it known whether any identifier is masked.)
  const dis = o.busy ? ' disabled aria-disabled="true"' : '';
  const menuItem = (action: PageAction, words: string, title = ''): string =>
    `<button type="button" class="menu-item" ${actionAttr(action)}${dis}${title ? ` title="${h(title)}"` : ''}>${h(words)}</button>`;
  const reveal = r.masked.size
    ? `<button type="button" class="menu-item" ${actionAttr('revealAll')} id="reveal-all">Reveal all identifiers</button><button type="button" class="menu-item" ${actionAttr('hideAll')} id="hide-all" hidden>Hide all identifiers</button>`
    : '';
  const actions = `<div class="actions" role="group" aria-label="Customer actions">
<button type="button" class="primary" ${actionAttr('refresh')}${dis}>${o.busy ? 'Refreshing…' : 'Refresh'}</button>
<button type="button" class="secondary more" data-menu="more-actions" aria-haspopup="true" aria-expanded="false" aria-controls="more-actions">More actions <span aria-hidden="true">▾</span></button>
<div class="menu" id="more-actions" role="group" aria-label="More actions" hidden>
${menuItem('copyJson', 'Copy as JSON', 'Identifiers are masked in the copy')}${menuItem('copyJsonWithIdentifiers', 'Copy including identifiers…')}${menuItem('copyDeidentified', 'Copy as de-identified fixture', 'Names, addresses, dates, numbers and free text replaced (HIPAA Safe Harbor)')}${menuItem('openJson', 'Open JSON', 'Identifiers are masked')}${reveal}
</div>
</div>`;
  const header = `<div class="header">
<a class="skip" href="#main">Skip to the record</a>
<div class="title-row"><h1 id="customer-name">${h(name)}</h1>
<div class="badges">${envBadge(o)}${badge('Status', record.status)}${changedMark(r, prev, 'status', record.status, 'enum', false)}${badge('Qualification', record.qualificationStatus)}${changedMark(r, prev, 'qualificationStatus', record.qualificationStatus, 'enum', false)}${badge('Intent', record.intent)}${changedMark(r, prev, 'intent', record.intent, 'enum', false)}${record.testCustomer === true ? '<span class="badge neutral">Test customer</span>' : ''}</div></div>
<div class="meta-row"><div class="idline"><code id="customer-id">${h(record.id)}</code> <button type="button" class="link" ${actionAttr('copyId')} title="Copy the customer ID">Copy ID</button>${fetchedLine(o)}</div>${actions}</div>
</div>`;

  // Past the drawing budget: say how much is not drawn, where the person will see it.
  const notDrawn = r.skipped + (o.omitted?.skippedValues ?? 0);
  const budget = notDrawn
    ? `<div class="notice" role="status"><strong>This record is too large to show in full:</strong> ${o.fmt.number(notDrawn)} values are not drawn. <button type="button" class="link" ${actionAttr('openJson')}>Open JSON</button> has all of it.</div>`
    : '';
  // The header, the actions, a failed refresh and the contact restrictions stay on screen while
  // the record scrolls under them.
  const sticky = `<header class="sticky">${header}${alert}${staleBanner(o)}</header>`;
  const html = `${sticky}<main id="main" tabindex="-1" class="${o.stale ? 'stale-data' : ''}">${budget}${warnings}${renderGlance(summary, r, o)}<nav class="toc" aria-label="Sections"><ul>${toc}</ul></nav>${sections.join('')}${collections.join('')}${otherSection}</main>`;
  return { html, masked: r.masked };
}

/** Where the record came from, first among the badges: the same ID in another environment is another customer. */
function envBadge(o: PanelRenderOptions): string {
  const e = o.environment;
  if (!e) return '';
  return `<span class="badge env${e.production ? ' production' : ''}" title="The environment this record came from"><span aria-hidden="true">⛁</span> ${h(e.name)}${e.production ? ' (production)' : ''}</span>`;
}

/** "Fetched 2 min ago" (exact time on hover); the page keeps the relative part true as time passes. */
function fetchedLine(o: PanelRenderOptions): string {
  if (o.fetchedAt === undefined) return '';
  const exact = new Date(o.fetchedAt).toISOString();
  const env = o.environment ? ` from <strong>${h(o.environment.name)}</strong>` : '';
  return `<span class="fetched${o.stale ? ' is-stale' : ''}">· Fetched${env} <time datetime="${exact}" title="${h(o.fmt.dateTime(o.fetchedAt))}" data-relative="${o.fetchedAt}">${h(relativeTime(o.fetchedAt, o.now))}</time>${o.busy ? ' · <span role="status">refreshing…</span>' : ''}</span>`;
}

/** A failed refresh: the old data stays, visibly stale, with what failed and the way out. */
function staleBanner(o: PanelRenderOptions): string {
  if (!o.stale) return '';
  const e = o.stale.error;
  const when =
    o.fetchedAt === undefined
      ? ''
      : ` The data below was fetched <span data-relative="${o.fetchedAt}">${h(relativeTime(o.fetchedAt, o.now))}</span> and may be out of date.`;
  return `<div class="banner stale" role="alert"><strong>Refresh failed:</strong> ${h(e.message)}${when}<div class="toolbar">${errorButtons(e)}</div></div>`;
}

export function renderLoading(id: string, name?: string): string {
  const who = name ? `<strong>${h(name)}</strong> (<code>${h(id)}</code>)` : `customer <code>${h(id)}</code>`;
  return `<div class="state" role="status" aria-live="polite"><div class="spinner" aria-hidden="true"></div><p>Loading ${who}…</p></div>`;
}

/** The page action that does what an error's action says. */
const ERROR_ACTIONS: Readonly<Record<Exclude<ErrorAction, 'none'>, PageAction>> = {
  setApiKey: 'setApiKey',
  retry: 'retry',
  retryLater: 'retry',
  openSettings: 'openSettings',
  showLog: 'showLog',
};

const ACTION_LABELS: Partial<Record<ErrorAction, string>> = {
  setApiKey: 'Set API Key',
  retry: 'Try again',
  retryLater: 'Try again',
  openSettings: 'Open Settings',
  showLog: 'Show Log',
};

/** The buttons that help with an error: its own action first, then Try again, settings, log. */
function errorButtons(err: Pick<CareCycleError, 'action' | 'kind'>, afterPrimary = false): string {
  const buttons: string[] = [];
  const primary = ACTION_LABELS[err.action];
  if (primary && err.action !== 'none')
    buttons.push(
      `<button type="button"${afterPrimary ? ' class="secondary"' : ''} ${actionAttr(ERROR_ACTIONS[err.action])}>${h(primary)}</button>`,
    );
  if (err.action !== 'retry' && err.action !== 'retryLater' && err.kind !== 'invalid-id')
    buttons.push(`<button type="button" class="secondary" ${actionAttr('retry')}>Try again</button>`);
  // Cannot reach the host: the base URL is the first thing to check.
  if ((err.kind === 'network' || err.kind === 'timeout') && err.action !== 'openSettings')
    buttons.push(`<button type="button" class="secondary" ${actionAttr('openSettings')}>Open Settings</button>`);
  if (err.action !== 'showLog') buttons.push(`<button type="button" class="secondary" ${actionAttr('showLog')}>Show Log</button>`);
  return buttons.join('');
}

export interface ErrorContext {
  /** The name the customer had where they were last seen. */
  readonly name?: string | undefined;
  /** The environment that answered, when there is more than one. */
  readonly environment?: string | undefined;
  /** Where the customer's record was last shown, when that was another environment (a switch since). */
  readonly seenIn?: string | undefined;
}

/**
 * An error in place of the record. "No such customer" names the environment that said so; after a
 * switch of environment it says where the customer was seen and offers to go back there.
 */
export function renderError(id: string, err: Pick<CareCycleError, 'message' | 'action' | 'kind'>, c: ErrorContext = {}): string {
  const elsewhere = err.kind === 'not-found' && c.seenIn !== undefined && c.environment !== undefined && c.seenIn !== c.environment;
  if (err.kind === 'not-found' && c.environment) {
    const back = elsewhere
      ? `<button type="button" class="primary" ${actionAttr('switchBack')}>Switch back to ${h(c.seenIn ?? '')}</button>`
      : '';
    const seen = elsewhere
      ? `<p>${c.name ? `It is ${h(c.name)} in ${h(c.seenIn ?? '')}.` : `It was found in ${h(c.seenIn ?? '')}.`}</p>`
      : '';
    return `<div class="state missing" role="alert"><h1>Not in ${h(c.environment)}</h1><p>No customer has this ID in ${h(c.environment)}.</p>${seen}<p class="muted">Customer ID <code>${h(id)}</code></p><div class="toolbar">${back}${errorButtons(err, !!back)}</div></div>`;
  }
  const title = err.kind === 'not-found' ? 'No such customer' : err.kind === 'no-key' ? 'No API key' : 'Could not load this customer';
  const who = c.name ? `${h(c.name)}, customer ID` : 'Customer ID';
  return `<div class="state error" role="alert"><h1>${h(title)}</h1><p>${h(err.message)}</p><p class="muted">${who} <code>${h(id)}</code></p><div class="toolbar">${errorButtons(err)}</div></div>`;
}
