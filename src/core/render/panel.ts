import { DOCUMENTED_FIELDS, type CustomerRecord } from '../api/schema';
import { actionAttr, type PageAction } from '../panelProtocol';
import type { CareCycleError, ErrorAction } from '../api/errors';
import { contactRestrictions, displayName } from '../display';
import { clip, escapeHtml as h, safeJson } from './escape';
import { enumWords, humanizeKey, labelFor, parseTimestamp, relativeTime, type Formatter } from './format';
import { COLLECTIONS, SECTIONS, SPECIAL_KEYS, type CollectionSpec, type FieldKind } from './fields';
import { MASK, isIdentifierKey, looksLikeIdentifier } from '../mask';
import type { OmittedCounts } from '../prune';
import { MAX_ITEMS, MAX_KEYS, MAX_VALUES } from './limits';

export { MAX_ITEMS, MAX_KEYS, MAX_VALUES };

export interface PanelRenderOptions {
  readonly mask: boolean;
  readonly fmt: Formatter;
  readonly now: number;
  readonly warnings?: readonly string[] | undefined;
  /** Items per collection rendered open; the rest start collapsed. */
  readonly openItems?: number | undefined;
  /** When the record was fetched (epoch ms): the header says how old the data is. */
  readonly fetchedAt?: number | undefined;
  /** A refresh is under way: the actions are disabled and say so. */
  readonly busy?: boolean | undefined;
  /** The last refresh failed: what failed and when; the data is marked stale. */
  readonly stale?: { readonly error: Pick<CareCycleError, 'message' | 'action' | 'kind'>; readonly at: number } | undefined;
  /** Which environment the record came from, when there is more than one. */
  readonly environment?: { readonly name: string; readonly production: boolean } | undefined;
  /**
   * The record is a cut-down copy of a huge one (../prune.ts): what was left out, by object, so that
   * every "N more" counts the whole record.
   */
  readonly omitted?: { readonly index: WeakMap<object, OmittedCounts>; readonly skippedValues: number } | undefined;
  /** The record before the last refresh: fields that changed since are marked (memory only). */
  readonly previous?: CustomerRecord | undefined;
}

export interface RenderedPanel {
  readonly html: string;
  /** maskId -> the text to show once revealed. Held by the host, never put in the page masked. */
  readonly masked: ReadonlyMap<string, string>;
}

const MAX_TEXT = 4000;
const MAX_DEPTH = 4;

/** A key or value that is an identifier, wherever it stands (documented fields are masked by name). */
export function looksSensitive(key: string, v: unknown): boolean {
  return isIdentifierKey(key) || (typeof v === 'string' && looksLikeIdentifier(v));
}

class Renderer {
  readonly masked = new Map<string, string>();
  /** Values drawn so far, and those left out past the budget. */
  drawn = 0;
  skipped = 0;
  constructor(
    private readonly o: PanelRenderOptions,
    /** The customer on screen: items need not repeat it. */
    private readonly customerId: string,
  ) {}

  private moreKeys(n: number): string {
    return `<div class="row more"><dt></dt><dd class="muted">${this.o.fmt.number(n)} more field${n === 1 ? '' : 's'}: <button type="button" class="link" ${actionAttr('openJson')}>Open JSON</button></dd></div>`;
  }

  empty(what = 'Not set'): string {
    return `<span class="empty">${h(what)}</span>`;
  }

  text(v: string): string {
    const clipped = clip(v, MAX_TEXT);
    const more = v.length > MAX_TEXT ? ` <span class="muted">(${this.o.fmt.number(v.length - MAX_TEXT + 1)} more characters)</span>` : '';
    return `<span class="text">${h(clipped)}</span>${more}`;
  }

  /** Text a person reads for a value (used for masked values and summaries). */
  plain(v: unknown, kind: FieldKind = 'text'): string {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'string') {
      if (kind === 'date') {
        const d = this.o.fmt.date(v);
        return d ? `${d} (${v})` : v;
      }
      return v;
    }
    if (typeof v === 'boolean') return v ? 'Yes' : 'No';
    if (typeof v === 'number') return kind === 'money' ? this.o.fmt.money(v) : kind === 'id' ? String(v) : this.o.fmt.number(v);
    return safeJson(v);
  }

  value(v: unknown, kind: FieldKind, label: string, phi: boolean, depth = 0): string {
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return this.empty();
    if (++this.drawn > MAX_VALUES) {
      this.skipped++;
      return '<span class="muted">…</span>';
    }
    if (phi && this.o.mask) {
      const maskId = `m${this.masked.size}`;
      this.masked.set(maskId, clip(this.plain(v, kind), MAX_TEXT));
      return (
        `<span class="masked" data-mask-id="${maskId}" data-label="${h(label)}"><span class="mask-value" aria-label="${h(label)} hidden">••••••••</span> ` +
        `<button type="button" class="link" ${actionAttr('reveal')} data-mask-id="${maskId}" aria-label="Reveal ${h(label)}">Reveal</button></span>`
      );
    }
    if (typeof v === 'boolean') {
      if (kind === 'flag') return v ? '<span class="badge danger">Yes</span>' : '<span class="muted">No</span>';
      return v ? 'Yes' : 'No';
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return this.text(String(v));
      if (kind === 'money') return h(this.o.fmt.money(v));
      if (kind === 'id') return `<code>${h(String(v))}</code>`;
      return h(this.o.fmt.number(v));
    }
    if (typeof v === 'string') {
      if (kind === 'date' || looksLikeTimestamp(v)) {
        const d = this.o.fmt.date(v);
        if (d) {
          const t = parseTimestamp(v);
          const title = DATE_ONLY.test(v.trim()) || t === undefined ? v : `${v} · ${this.o.fmt.dateTime(t)}`;
          return `<time datetime="${h(v)}" title="${h(title)}">${h(d)}</time>`;
        }
      }
      if (kind === 'enum') return `<span class="enum">${h(clip(v, 200))}</span>`;
      if (kind === 'id') return `<code>${h(clip(v, 200))}</code>`;
      return this.text(v);
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return this.empty('None');
      if (v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) {
        return (
          `<ul class="chips">${v
            .slice(0, 200)
            .map((x) => `<li>${x === null ? this.empty('null') : this.text(String(x))}</li>`)
            .join('')}</ul>` + (v.length > 200 ? `<span class="muted">…and ${v.length - 200} more</span>` : '')
        );
      }
      if (depth >= MAX_DEPTH) return this.text(safeJson(v));
      return `<ol class="nested">${v
        .slice(0, 200)
        .map((x) => `<li>${this.value(x, 'text', label, false, depth + 1)}</li>`)
        .join('')}</ol>`;
    }
    if (typeof v === 'object') {
      if (depth >= MAX_DEPTH) return this.text(safeJson(v));
      return this.fields(v as Record<string, unknown>, depth + 1, 'nested');
    }
    return this.text(typeof v === 'bigint' ? v.toString() : typeof v);
  }

  /**
   * An object's fields, at most MAX_KEYS of them. Identifiers are masked by key or by their shape
   * (an SSN under `socialSecurityNumber`, an MBI in a custom field), not only by documented name.
   */
  fields(
    obj: Record<string, unknown>,
    depth: number,
    cls = 'fields',
    labelFor: (k: string) => string = humanizeKey,
    keys: readonly string[] = Object.keys(obj),
  ): string {
    const rows = keys.slice(0, MAX_KEYS).map((k) => {
      const x = obj[k];
      return {
        label: labelFor(k),
        html: this.value(x, guessKind(k), labelFor(k), looksSensitive(k, x), depth),
        key: depth === 0 ? k : undefined,
      };
    });
    const hidden = Math.max(0, keys.length - MAX_KEYS) + this.extraKeys(obj);
    return this.dl(rows, cls, hidden > 0 ? this.moreKeys(hidden) : '');
  }

  /** Keys of `obj` left out of a cut-down record (none for a record received whole). */
  extraKeys(obj: object): number {
    return this.o.omitted?.index.get(obj)?.keys ?? 0;
  }

  dl(
    rows: ReadonlyArray<{ label: string; html: string; key?: string | undefined; empty?: boolean | undefined; wide?: boolean | undefined }>,
    cls = 'fields',
    tail = '',
  ): string {
    if (!rows.length) return this.empty('No fields');
    return `<dl class="${cls}">${rows.map((r) => `<div class="row${r.empty ? ' empty-row' : ''}${r.wide ? ' wide' : ''}"${r.key ? ` data-field="${h(r.key)}"` : ''}><dt>${h(r.label)}</dt><dd>${r.html}</dd></div>`).join('')}${tail}</dl>`;
  }

  section(id: string, title: string, inner: string, count?: number, aside = ''): string {
    const badge = count === undefined ? '' : ` <span class="count" aria-label="${count} items">${count}</span>`;
    const head = `<h2 id="h-${h(id)}">${h(title)}${badge}</h2>`;
    return `<section id="sec-${h(id)}" aria-labelledby="h-${h(id)}">${aside ? `<div class="section-head">${head}${aside}</div>` : head}${inner}</section>`;
  }

  collection(spec: CollectionSpec, items: unknown): string {
    if (items === undefined || items === null) return this.section(spec.key, spec.title, this.empty('Not provided by the API'));
    if (!Array.isArray(items)) return this.section(spec.key, spec.title, this.value(items, 'text', spec.title, false));
    if (items.length === 0) {
      // One line, not a card: "Prescriptions: none".
      return `<section id="sec-${h(spec.key)}" class="empty-collection" aria-labelledby="h-${h(spec.key)}"><h2 id="h-${h(spec.key)}">${h(spec.title)} <span class="empty">No ${h(spec.title.toLowerCase())}</span></h2></section>`;
    }
    const open = this.o.openItems ?? 0;
    const ordered = spec.key === 'policies' ? activeFirst(items) : items;
    const header = spec.columns
      ? `<div class="column-heads" aria-hidden="true"><span class="cells cols-${spec.summary.length}">${spec.columns.map((c) => `<span class="cell">${h(c)}</span>`).join('')}</span><span class="item-status">Status</span></div>`
      : '';
    const parts = ordered.slice(0, MAX_ITEMS).map((item, i) => this.item(spec, item, i, i < open));
    const total = items.length + (this.o.omitted?.index.get(items)?.items ?? 0);
    const more =
      total > parts.length
        ? `<p class="notice" role="status">Showing the first ${this.o.fmt.number(parts.length)} of ${this.o.fmt.number(total)} ${h(spec.title.toLowerCase())}. <button type="button" class="link" ${actionAttr('openJson')}>Open JSON</button> for all of them.</p>`
        : '';
    return this.section(spec.key, spec.title, `<div class="items">${header}${parts.join('')}</div>${more}`, total);
  }

  item(spec: CollectionSpec, item: unknown, index: number, open: boolean): string {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return `<div class="item plain">${this.value(item, 'text', spec.singular, false)}</div>`;
    }
    const obj = item as Record<string, unknown>;
    // One line a person scans: the summary fields as cells (aligned as columns by the stylesheet);
    // dates once, in words; the status as the badge at the end, not twice.
    const cell = (x: unknown): string => {
      if (isEmptyValue(x)) return '<span class="cell"></span>';
      const text = Array.isArray(x)
        ? x.map((y) => (typeof y === 'string' ? y : safeJson(y))).join(', ')
        : typeof x === 'object'
          ? safeJson(x)
          : typeof x === 'string' && looksLikeTimestamp(x)
            ? (this.o.fmt.date(x) ?? x)
            : this.plain(x);
      return `<span class="cell">${h(clip(text, 120))}</span>`;
    };
    const summary =
      spec.key === 'customFields'
        ? `<span class="cell">${h(customFieldSummary(obj, this))}</span>`
        : spec.summary.some((k) => !isEmptyValue(obj[k]))
          ? spec.summary.map((k) => cell(obj[k])).join('')
          : '';
    const status = `<span class="item-status">${typeof obj.status === 'string' ? `<span class="badge ${statusTone(obj.status)}">${h(clip(obj.status, 40))}</span>` : ''}</span>`;
    const keys = Object.keys(obj);
    const row = (k: string): { label: string; html: string; key: string; empty: boolean } => {
      const x = obj[k];
      const label = labelFor(k);
      const phi = (spec.phi?.includes(k) ?? false) || looksSensitive(k, x);
      const kind: FieldKind = spec.dates?.includes(k) ? 'date' : guessKind(k);
      return { label, html: this.value(x, kind, `${spec.singular} ${index + 1} ${label}`, phi, 1), key: k, empty: isEmptyValue(x) };
    };
    const shown = keys.slice(0, MAX_KEYS);
    const rows = shown.filter((k) => !AUDIT_KEYS.has(k)).map(row);
    // The customer on screen need not be repeated in each item.
    const audit = shown
      .filter(
        (k) =>
          AUDIT_KEYS.has(k) && !(k === 'customerId' && typeof obj[k] === 'string' && cacheKeyOf(obj[k]) === cacheKeyOf(this.customerId)),
      )
      .map(row);
    const auditHtml = audit.length ? `<details class="audit"><summary>Record details</summary>${this.dl(audit)}</details>` : '';
    const hidden = Math.max(0, keys.length - MAX_KEYS) + this.extraKeys(obj);
    return `<details class="item"${open ? ' open' : ''}><summary><span class="cells cols-${spec.summary.length}">${summary || `<span class="cell">${h(`${spec.singular} ${index + 1}`)}</span>`}</span>${status}</summary>${this.dl(rows, 'fields', hidden > 0 ? this.moreKeys(hidden) : '')}${auditHtml}</details>`;
  }
}

/** Active policies first, then the rest; newest effective date first within each. */
function activeFirst(items: readonly unknown[]): unknown[] {
  const rank = (x: unknown): number =>
    x && typeof x === 'object' && String((x as Record<string, unknown>).status).toLowerCase() === 'active' ? 0 : 1;
  const eff = (x: unknown): string =>
    x && typeof x === 'object' && typeof (x as Record<string, unknown>).effectiveDate === 'string'
      ? ((x as Record<string, unknown>).effectiveDate as string)
      : '';
  return [...items].sort((a, b) => rank(a) - rank(b) || eff(b).localeCompare(eff(a)));
}

function customFieldSummary(obj: Record<string, unknown>, r: Renderer): string {
  const name = typeof obj.fieldDefinitionId === 'string' ? obj.fieldDefinitionId : 'Custom field';
  const value = ['textValue', 'numberValue', 'booleanValue', 'dateValue', 'selectValue', 'multiSelectValue']
    .map((k) => obj[k])
    .find((x) => x !== null && x !== undefined && x !== '' && !(Array.isArray(x) && x.length === 0));
  // A summary is always shown: an identifier in a custom field stays masked there too.
  const sensitive =
    isIdentifierKey(name) || (Array.isArray(value) ? value : [value]).some((x) => typeof x === 'string' && looksLikeIdentifier(x));
  const shown =
    value === undefined
      ? '(no value)'
      : sensitive
        ? MASK
        : Array.isArray(value)
          ? value.map((x) => (typeof x === 'string' ? x : safeJson(x))).join(', ')
          : r.plain(value);
  return `${clip(name, 80)}: ${clip(shown, 120)}`;
}

function looksLikeTimestamp(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v.trim());
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function guessKind(key: string): FieldKind {
  if (/(At|Date)$/.test(key)) return 'date';
  // Identifiers are text, never grouped digits ("17439582", not "17,439,582").
  if (/^(id|.*Id|npi|.*Npn|.*Code)$/.test(key)) return 'id';
  if (/(income|amount|premium|price)$/i.test(key)) return 'money';
  return 'text';
}

/** Audit plumbing of a nested item: shown in its own collapsed group, not among the facts. */
const AUDIT_KEYS = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'customerId']);

const cacheKeyOf = (v: string): string => v.trim().toLowerCase();
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

const isEmptyValue = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
const recordsOf = (v: unknown): Array<Record<string, unknown>> =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x)) : [];

/** A scope of appointment is good for 12 months from its signature (CMS marketing rules). */
const SOA_VALID_MS = 365 * 24 * 3600 * 1000;

/**
 * "At a glance": what a person at a Medicare agency asks first. Current plan and since when, the
 * agent of record, the latest scope of appointment and whether it still holds, the last contact,
 * where they live and how old they are (the exact birth date follows masking).
 */
function renderGlance(record: CustomerRecord, r: Renderer, o: PanelRenderOptions): string {
  const rec = record as Record<string, unknown>;
  const rows: Array<{ label: string; html: string; key: string }> = [];
  const date = (v: unknown): string => {
    const s = str(v);
    const d = s ? o.fmt.date(s) : undefined;
    return d ? `<time datetime="${h(s ?? '')}" title="${h(s ?? '')}">${h(d)}</time>` : s ? h(s) : '';
  };

  const policies = recordsOf(rec.policies);
  const current = activeFirst(policies)[0] as Record<string, unknown> | undefined;
  const plan = str(current?.planName) ?? str(rec.planName);
  const carrier = str(current?.carrierName) ?? str(rec.carrierName);
  // Policy items carry no effective date in the published shape; the record's own is the plan's.
  const since = str(current?.effectiveDate) ?? str(rec.effectiveDate);
  if (plan || carrier) {
    const status = str(current?.status);
    rows.push({
      label: 'Current plan',
      key: 'plan',
      html: `${h(plan && carrier && !plan.toLowerCase().includes(carrier.toLowerCase().split(/\s+/)[0] ?? '') ? `${plan} (${carrier})` : (plan ?? carrier ?? ''))}${str(since) ? ` · since ${date(since)}` : ''}${status && status.toLowerCase() !== 'active' ? ` · <span class="badge ${statusTone(status)}">${h(status)}</span>` : ''}`,
    });
  } else rows.push({ label: 'Current plan', key: 'plan', html: '<span class="empty">No plan on record</span>' });

  const aor = [str(current?.aorFirstName), str(current?.aorLastName)].filter(Boolean).join(' ') || str(rec.agentName);
  const npn = str(current?.aorNpn) ?? str(rec.agentNpn);
  rows.push({
    label: 'Agent of record',
    key: 'agent',
    html: aor ? `${h(aor)}${npn ? ` · NPN <code>${h(npn)}</code>` : ''}` : '<span class="empty">None on record</span>',
  });

  const soas = recordsOf(rec.scopeOfAppointments)
    .map((x) => ({ x, at: parseTimestamp(str(x.signedAt) ?? str(x.createdAt) ?? '') }))
    .sort((a, b) => (b.at ?? 0) - (a.at ?? 0));
  const soa = soas[0];
  if (soa) {
    const revoked = /revoked|expired|void/i.test(str(soa.x.status) ?? '');
    const valid = !revoked && soa.at !== undefined && o.now - soa.at < SOA_VALID_MS;
    const until =
      soa.at === undefined
        ? ''
        : ` · ${valid ? 'valid until' : 'expired'} ${h(o.fmt.date(new Date(soa.at + SOA_VALID_MS).toISOString().slice(0, 10)) ?? '')}`;
    rows.push({
      label: 'Scope of appointment',
      key: 'soa',
      html: `<span class="badge ${valid ? 'good' : 'bad'}">${valid ? '✓ Valid' : '✕ Not valid'}</span> signed ${soa.at === undefined ? 'on an unknown date' : date(soa.x.signedAt ?? soa.x.createdAt)}${until}`,
    });
  } else rows.push({ label: 'Scope of appointment', key: 'soa', html: '<span class="badge bad">✕ None on record</span>' });

  const last = str(rec.lastContactedAt);
  const lastAt = last ? parseTimestamp(last) : undefined;
  rows.push({
    label: 'Last contact',
    key: 'contact',
    html: last
      ? `${date(last)}${lastAt === undefined ? '' : ` (${h(relativeTime(lastAt, o.now))})`}${str(rec.lastCallDisposition) ? ` · ${h(clip(str(rec.lastCallDisposition) ?? '', 80))}` : ''}`
      : '<span class="empty">Never contacted</span>',
  });

  const place = [str(rec.city), [str(rec.state), str(rec.postalCode)].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  if (place) rows.push({ label: 'Location', key: 'location', html: h(place) });

  const dob = str(rec.dateOfBirth);
  const born = dob && /^\d{4}-\d{2}-\d{2}/.test(dob) ? Date.parse(dob.slice(0, 10)) : NaN;
  if (Number.isFinite(born)) {
    const age = Math.floor((o.now - born) / (365.2425 * 24 * 3600 * 1000));
    rows.push({ label: 'Age', key: 'age', html: `${age}${str(rec.gender) ? ` · ${h(str(rec.gender) ?? '')}` : ''}` });
  }
  return r.section('glance', 'At a glance', r.dl(rows, 'fields glance'));
}

/** "was …" beside a value that changed since the previous fetch (identifiers: only that it changed). */
function changedMark(
  r: Renderer,
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

function statusTone(status: string): string {
  const s = status.toLowerCase();
  if (['active', 'qualified', 'high', 'enrolled', 'completed'].includes(s)) return 'good';
  if (
    ['cancelled', 'terminated', 'disqualified', 'inactive', 'deceased', 'not approved', 'discontinued', 'expired', 'suspended'].includes(s)
  )
    return 'bad';
  return 'neutral';
}

/** The body of the record panel. Every value is escaped; masked values are left out of the HTML. */
export function renderCustomerBody(record: CustomerRecord, o: PanelRenderOptions): RenderedPanel {
  const r = new Renderer(o, record.id);
  const prev = o.previous as Record<string, unknown> | undefined;
  const rec = record as Record<string, unknown>;
  const name = displayName(record);
  const badge = (label: string, v: unknown): string =>
    typeof v === 'string' && v ? `<span class="badge ${statusTone(v)}" title="${h(label)}">${h(label)}: ${h(clip(v, 40))}</span>` : '';
  const flags = contactRestrictions(record);
  // Icon and words, never colour alone: the first thing to know before a call.
  const alert = flags.length
    ? `<div class="alert" role="alert"><span class="alert-icon" aria-hidden="true">⊘</span><strong>Contact restrictions:</strong> ${flags.map((label) => `<span class="badge danger">${h(label)}</span>`).join(' ')}</div>`
    : '';

  const header = `<div class="header">
<a class="skip" href="#main">Skip to the record</a>
<h1 id="customer-name">${h(name)}</h1>
<div class="badges">${envBadge(o)}${badge('Status', record.status)}${changedMark(r, prev, 'status', record.status, 'enum', false)}${badge('Qualification', record.qualificationStatus)}${changedMark(r, prev, 'qualificationStatus', record.qualificationStatus, 'enum', false)}${badge('Intent', record.intent)}${changedMark(r, prev, 'intent', record.intent, 'enum', false)}${record.testCustomer === true ? '<span class="badge neutral">Test customer</span>' : ''}</div>
<div class="idline"><code id="customer-id">${h(record.id)}</code> <button type="button" class="link" ${actionAttr('copyId')} title="Copy the customer ID">Copy ID</button>${fetchedLine(o)}</div>
</div>`;

  const sections = SECTIONS.map((s) => {
    const rows = s.fields.map((fs) => {
      const raw = rec[fs.key];
      const phi = (fs.phi ?? false) || looksSensitive(fs.key, raw);
      const shown = typeof raw === 'string' && fs.kind === 'enum' ? enumWords(fs.key, raw) : raw;
      // Hidden with the empty ones until asked for: flags that are not set (the set ones head the
      // panel as contact restrictions) and the record's audit plumbing.
      const quiet = isEmptyValue(raw) || (fs.kind === 'flag' && raw !== true) || RECORD_AUDIT.has(fs.key) || PARTS.has(fs.key);
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
      const town = [str(rec.city), [str(rec.state), str(rec.postalCode)].filter(Boolean).join(' ')].filter(Boolean).join(', ');
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
    return r.section(s.id, s.title, r.dl(rows), undefined, toggle);
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

  const dis = o.busy ? ' disabled aria-disabled="true"' : '';
  const toolbar = `<div class="toolbar" role="toolbar" aria-label="Customer actions">
<button type="button" ${actionAttr('refresh')}${dis}>${o.busy ? 'Refreshing…' : 'Refresh'}</button>
<button type="button" class="secondary" ${actionAttr('copyJson')}${dis} title="Identifiers are masked in the copy">Copy as JSON</button>
<button type="button" class="secondary" ${actionAttr('copyJsonWithIdentifiers')}${dis}>Copy including identifiers…</button>
<button type="button" class="secondary" ${actionAttr('copyDeidentified')}${dis} title="Names, addresses, dates, numbers and free text replaced (HIPAA Safe Harbor)">Copy as de-identified fixture</button>
<button type="button" class="secondary" ${actionAttr('openJson')}${dis} title="Identifiers are masked">Open JSON</button>
${r.masked.size ? `<button type="button" class="secondary" ${actionAttr('revealAll')} id="reveal-all">Reveal all identifiers</button><button type="button" class="secondary" ${actionAttr('hideAll')} id="hide-all" hidden>Hide all identifiers</button>` : ''}
</div>`;

  // Past the drawing budget: say how much is not drawn, where the person will see it.
  const notDrawn = r.skipped + (o.omitted?.skippedValues ?? 0);
  const budget = notDrawn
    ? `<div class="notice" role="status"><strong>This record is too large to show in full:</strong> ${o.fmt.number(notDrawn)} values are not drawn. <button type="button" class="link" ${actionAttr('openJson')}>Open JSON</button> has all of it.</div>`
    : '';
  // The header, the actions, a failed refresh and the contact restrictions stay on screen while
  // the record scrolls under them.
  const sticky = `<header class="sticky">${header}${alert}${staleBanner(o)}${toolbar}</header>`;
  const html = `${sticky}<main id="main" tabindex="-1" class="${o.stale ? 'stale-data' : ''}">${budget}${warnings}${renderGlance(record, r, o)}<nav class="toc" aria-label="Sections"><ul>${toc}</ul></nav>${sections.join('')}${collections.join('')}${otherSection}</main>`;
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
    o.fetchedAt === undefined ? '' : ` The data below was fetched ${h(relativeTime(o.fetchedAt, o.now))} and may be out of date.`;
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
function errorButtons(err: Pick<CareCycleError, 'action' | 'kind'>): string {
  const buttons: string[] = [];
  const primary = ACTION_LABELS[err.action];
  if (primary && err.action !== 'none')
    buttons.push(`<button type="button" ${actionAttr(ERROR_ACTIONS[err.action])}>${h(primary)}</button>`);
  if (err.action !== 'retry' && err.action !== 'retryLater' && err.kind !== 'invalid-id')
    buttons.push(`<button type="button" class="secondary" ${actionAttr('retry')}>Try again</button>`);
  // Cannot reach the host: the base URL is the first thing to check.
  if ((err.kind === 'network' || err.kind === 'timeout') && err.action !== 'openSettings')
    buttons.push(`<button type="button" class="secondary" ${actionAttr('openSettings')}>Open Settings</button>`);
  if (err.action !== 'showLog') buttons.push(`<button type="button" class="secondary" ${actionAttr('showLog')}>Show Log</button>`);
  return buttons.join('');
}

export function renderError(id: string, err: Pick<CareCycleError, 'message' | 'action' | 'kind'>, name?: string): string {
  const title = err.kind === 'not-found' ? 'No such customer' : err.kind === 'no-key' ? 'No API key' : 'Could not load this customer';
  const who = name ? `${h(name)}, customer ID` : 'Customer ID';
  return `<div class="state error" role="alert"><h1>${h(title)}</h1><p>${h(err.message)}</p><p class="muted">${who} <code>${h(id)}</code></p><div class="toolbar">${errorButtons(err)}</div></div>`;
}

export interface DocumentParts {
  readonly title: string;
  /** The customer shown: the page keeps it as its state, so a reload can bring the panel back. */
  readonly customerId?: string | undefined;
  readonly body: string;
  readonly nonce: string;
  readonly cspSource: string;
  readonly styleUri: string;
  readonly scriptUri: string;
}

/** The whole page: strict CSP, styles from the extension's media only, one nonce'd script. */
export function renderDocument(p: DocumentParts): string {
  const csp = [
    "default-src 'none'",
    `style-src ${p.cspSource}`,
    `font-src ${p.cspSource}`,
    `img-src ${p.cspSource} data:`,
    `script-src 'nonce-${p.nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${h(p.styleUri)}">
<title>${h(p.title)}</title>
</head>
<body>
<div id="root"${p.customerId ? ` data-customer-id="${h(p.customerId)}"` : ''}>${p.body}</div>
<script nonce="${h(p.nonce)}" src="${h(p.scriptUri)}"></script>
</body>
</html>`;
}
