import { DOCUMENTED_FIELDS, type CustomerRecord } from '../api/schema';
import type { CareCycleError, ErrorAction } from '../api/errors';
import { displayName } from '../display';
import { clip, escapeHtml as h, safeJson } from './escape';
import { humanizeKey, parseTimestamp, relativeTime, type Formatter } from './format';
import { COLLECTIONS, SECTIONS, SPECIAL_KEYS, type CollectionSpec, type FieldKind } from './fields';
import { MASK, isIdentifierKey, looksLikeIdentifier } from '../mask';

export interface PanelRenderOptions {
  readonly mask: boolean;
  readonly fmt: Formatter;
  readonly now: number;
  readonly warnings?: readonly string[];
  /** Items per collection rendered open; the rest start collapsed. */
  readonly openItems?: number;
  /** When the record was fetched (epoch ms): the header says how old the data is. */
  readonly fetchedAt?: number;
  /** A refresh is under way: the actions are disabled and say so. */
  readonly busy?: boolean;
  /** The last refresh failed: what failed and when; the data is marked stale. */
  readonly stale?: { readonly error: Pick<CareCycleError, 'message' | 'action' | 'kind'>; readonly at: number };
  /** Which environment the record came from, when there is more than one. */
  readonly environment?: string;
}

export interface RenderedPanel {
  readonly html: string;
  /** maskId -> the text to show once revealed. Held by the host, never put in the page masked. */
  readonly masked: ReadonlyMap<string, string>;
}

const MAX_TEXT = 4000;
const MAX_DEPTH = 4;
/** Keys drawn per nested object (and under "Other fields"); the rest are counted, not drawn. */
export const MAX_KEYS = 200;
/**
 * Values drawn per record, in all. A record of 300,000 unknown keys built a million DOM nodes and
 * took the browser to 6 GB; past this budget the panel says how much it left out and offers the JSON.
 */
export const MAX_VALUES = 20_000;

/** A key or value that is an identifier, wherever it stands (documented fields are masked by name). */
export function looksSensitive(key: string, v: unknown): boolean {
  return isIdentifierKey(key) || (typeof v === 'string' && looksLikeIdentifier(v));
}
/** Items rendered per collection; past this the panel points to Open JSON (a 17,000-policy record would be 50 MB of HTML). */
export const MAX_ITEMS = 500;

class Renderer {
  readonly masked = new Map<string, string>();
  /** Values drawn so far, and those left out past the budget. */
  drawn = 0;
  skipped = 0;
  constructor(private readonly o: PanelRenderOptions) {}

  private moreKeys(n: number): string {
    return `<div class="row more"><dt></dt><dd class="muted">${this.o.fmt.number(n)} more field${n === 1 ? '' : 's'}: <button type="button" class="link" data-action="openJson">Open JSON</button></dd></div>`;
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
        `<button type="button" class="link" data-action="reveal" data-mask-id="${maskId}" aria-label="Reveal ${h(label)}">Reveal</button></span>`
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
        if (d) return `<time datetime="${h(v)}" title="${h(v)}">${h(d)}</time> <span class="raw">${h(clip(v, 40))}</span>`;
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
    return this.dl(rows, cls, keys.length > MAX_KEYS ? this.moreKeys(keys.length - MAX_KEYS) : '');
  }

  dl(rows: ReadonlyArray<{ label: string; html: string; key?: string | undefined }>, cls = 'fields', tail = ''): string {
    if (!rows.length) return this.empty('No fields');
    return `<dl class="${cls}">${rows.map((r) => `<div class="row"${r.key ? ` data-field="${h(r.key)}"` : ''}><dt>${h(r.label)}</dt><dd>${r.html}</dd></div>`).join('')}${tail}</dl>`;
  }

  section(id: string, title: string, inner: string, count?: number): string {
    const badge = count === undefined ? '' : ` <span class="count" aria-label="${count} items">${count}</span>`;
    return `<section id="sec-${h(id)}" aria-labelledby="h-${h(id)}"><h2 id="h-${h(id)}">${h(title)}${badge}</h2>${inner}</section>`;
  }

  collection(spec: CollectionSpec, items: unknown): string {
    if (items === undefined || items === null) return this.section(spec.key, spec.title, this.empty('Not provided by the API'));
    if (!Array.isArray(items)) return this.section(spec.key, spec.title, this.value(items, 'text', spec.title, false));
    if (items.length === 0) return this.section(spec.key, spec.title, this.empty(`No ${spec.title.toLowerCase()}`), 0);
    const open = this.o.openItems ?? 10;
    const parts = items.slice(0, MAX_ITEMS).map((item, i) => this.item(spec, item, i, i < open));
    const more =
      items.length > MAX_ITEMS
        ? `<p class="notice" role="status">Showing the first ${this.o.fmt.number(MAX_ITEMS)} of ${this.o.fmt.number(items.length)} ${h(spec.title.toLowerCase())}. <button type="button" class="link" data-action="openJson">Open JSON</button> for all of them.</p>`
        : '';
    return this.section(spec.key, spec.title, `<div class="items">${parts.join('')}</div>${more}`, items.length);
  }

  item(spec: CollectionSpec, item: unknown, index: number, open: boolean): string {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return `<div class="item plain">${this.value(item, 'text', spec.singular, false)}</div>`;
    }
    const obj = item as Record<string, unknown>;
    const summary =
      spec.key === 'customFields'
        ? customFieldSummary(obj, this)
        : spec.summary
            .map((k) => obj[k])
            .filter((x) => x !== null && x !== undefined && x !== '')
            .map((x) =>
              clip(
                Array.isArray(x)
                  ? x.map((y) => (typeof y === 'string' ? y : safeJson(y))).join(', ')
                  : typeof x === 'object'
                    ? safeJson(x)
                    : this.plain(x, typeof x === 'string' && looksLikeTimestamp(x) ? 'date' : 'text'),
                120,
              ),
            )
            .join(' · ');
    const status = typeof obj.status === 'string' ? ` <span class="badge ${statusTone(obj.status)}">${h(clip(obj.status, 40))}</span>` : '';
    const keys = Object.keys(obj);
    const rows = keys.slice(0, MAX_KEYS).map((k) => {
      const x = obj[k];
      const label = humanizeKey(k);
      const phi = (spec.phi?.includes(k) ?? false) || looksSensitive(k, x);
      const kind: FieldKind = spec.dates?.includes(k) ? 'date' : guessKind(k);
      return { label, html: this.value(x, kind, `${spec.singular} ${index + 1} ${label}`, phi, 1), key: k };
    });
    return `<details class="item"${open ? ' open' : ''}><summary><span class="idx">${index + 1}</span> ${h(summary || `${spec.singular} ${index + 1}`)}${status}</summary>${this.dl(rows, 'fields', keys.length > MAX_KEYS ? this.moreKeys(keys.length - MAX_KEYS) : '')}</details>`;
  }
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

function guessKind(key: string): FieldKind {
  if (/(At|Date)$/.test(key)) return 'date';
  if (/^(id|.*Id|npi|aorNpn)$/.test(key)) return 'id';
  return 'text';
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
  const r = new Renderer(o);
  const rec = record as Record<string, unknown>;
  const name = displayName(record);
  const badge = (label: string, v: unknown): string =>
    typeof v === 'string' && v ? `<span class="badge ${statusTone(v)}" title="${h(label)}">${h(label)}: ${h(clip(v, 40))}</span>` : '';
  const updatedAt = typeof record.updatedAt === 'string' ? parseTimestamp(record.updatedAt) : undefined;
  const updated =
    typeof record.updatedAt === 'string' && record.updatedAt
      ? `Updated ${r.value(record.updatedAt, 'date', 'Updated', false)}${updatedAt === undefined ? '' : ` (${h(relativeTime(updatedAt, o.now))})`}${typeof record.updatedBy === 'string' && record.updatedBy ? ` by <code>${h(clip(record.updatedBy, 80))}</code>` : ''}`
      : 'Last update not recorded';

  const flags = (['doNotCall', 'doNotSMS', 'doNotEmail', 'doNotMail'] as const).filter((k) => record[k] === true);
  const flagText = { doNotCall: 'Do not call', doNotSMS: 'Do not text', doNotEmail: 'Do not email', doNotMail: 'Do not mail' };
  const alert = flags.length
    ? `<div class="alert" role="alert"><strong>Contact restrictions:</strong> ${flags.map((k) => `<span class="badge danger">${flagText[k]}</span>`).join(' ')}</div>`
    : '';

  const header = `<header class="header">
<h1 id="customer-name">${h(name)}</h1>
<div class="badges">${badge('Status', record.status)}${badge('Qualification', record.qualificationStatus)}${badge('Intent', record.intent)}${record.testCustomer === true ? '<span class="badge neutral">Test customer</span>' : ''}</div>
<div class="idline"><code id="customer-id">${h(record.id)}</code> <button type="button" class="link" data-action="copyId" aria-label="Copy customer ID">Copy ID</button></div>
<div class="muted updated">${updated}</div>
${fetchedLine(o)}
</header>`;

  const sections = SECTIONS.map((s) => {
    const rows = s.fields.map((fs) => ({
      label: fs.label,
      html: r.value(rec[fs.key], fs.kind, fs.label, (fs.phi ?? false) || looksSensitive(fs.key, rec[fs.key])),
      key: fs.key,
    }));
    if (s.id === 'agent') rows.push({ label: 'Source', html: r.value(rec.source, 'text', 'Source', false), key: 'source' });
    return r.section(s.id, s.title, r.dl(rows));
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
<button type="button" data-action="refresh"${dis}>${o.busy ? 'Refreshing…' : 'Refresh'}</button>
<button type="button" class="secondary" data-action="copyJson"${dis} title="Identifiers are masked in the copy">Copy as JSON</button>
<button type="button" class="secondary" data-action="copyJsonWithIdentifiers"${dis}>Copy including identifiers…</button>
<button type="button" class="secondary" data-action="copyDeidentified"${dis} title="Names, addresses, dates, numbers and free text replaced (HIPAA Safe Harbor)">Copy as de-identified fixture</button>
<button type="button" class="secondary" data-action="openJson"${dis} title="Identifiers are masked">Open JSON</button>
${r.masked.size ? '<button type="button" class="secondary" data-action="revealAll" id="reveal-all">Reveal all identifiers</button><button type="button" class="secondary" data-action="hideAll" id="hide-all" hidden>Hide all identifiers</button>' : ''}
</div>`;

  // Past the drawing budget: say how much is not drawn, where the person will see it.
  const budget = r.skipped
    ? `<div class="notice" role="status"><strong>This record is too large to show in full:</strong> ${o.fmt.number(r.skipped)} values are not drawn. <button type="button" class="link" data-action="openJson">Open JSON</button> has all of it.</div>`
    : '';
  const html = `${header}${toolbar}${staleBanner(o)}${alert}${budget}${warnings}<nav class="toc" aria-label="Sections"><ul>${toc}</ul></nav><main class="${o.stale ? 'stale-data' : ''}">${sections.join('')}${collections.join('')}${otherSection}</main>`;
  return { html, masked: r.masked };
}

/** "Fetched 2 min ago" (exact time on hover); the page keeps the relative part true as time passes. */
function fetchedLine(o: PanelRenderOptions): string {
  if (o.fetchedAt === undefined) return '';
  const exact = new Date(o.fetchedAt).toISOString();
  const env = o.environment ? ` from <strong>${h(o.environment)}</strong>` : '';
  return `<div class="fetched${o.stale ? ' is-stale' : ''}">Fetched${env} <time datetime="${exact}" title="${h(o.fmt.dateTime(o.fetchedAt))}" data-relative="${o.fetchedAt}">${h(relativeTime(o.fetchedAt, o.now))}</time>${o.busy ? ' · <span role="status">refreshing…</span>' : ''}</div>`;
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
  if (primary)
    buttons.push(`<button type="button" data-action="${h(err.action === 'retryLater' ? 'retry' : err.action)}">${h(primary)}</button>`);
  if (err.action !== 'retry' && err.action !== 'retryLater' && err.kind !== 'invalid-id')
    buttons.push('<button type="button" class="secondary" data-action="retry">Try again</button>');
  // Cannot reach the host: the base URL is the first thing to check.
  if ((err.kind === 'network' || err.kind === 'timeout') && err.action !== 'openSettings')
    buttons.push('<button type="button" class="secondary" data-action="openSettings">Open Settings</button>');
  if (err.action !== 'showLog') buttons.push('<button type="button" class="secondary" data-action="showLog">Show Log</button>');
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
  readonly customerId?: string;
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
