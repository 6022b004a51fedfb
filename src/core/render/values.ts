/**
 * The generic value renderer of the record panel: any value the API sends (text, numbers, dates,
 * flags, lists, nested objects, collections of objects of unpublished shape) as escaped, readable
 * HTML, within the drawing budget, with identifiers masked by key or shape. It knows nothing of what
 * a record means (./summary in core decides that) nor of the page around it (./panel.ts).
 */
import { collectionOrder } from '../summary';
import { readTime } from '../time';
import { actionAttr } from '../panelProtocol';
import { clip, escapeHtml as h, escapeWords, safeJson } from './escape';
import { humanizeKey, labelFor, type Formatter } from './format';
import type { CollectionSpec, FieldKind } from './fields';
import { MASK, isIdentifierKey, looksLikeIdentifier } from '../mask';
import type { OmittedCounts } from '../prune';
import { MAX_ITEMS, MAX_KEYS, MAX_VALUES } from './limits';

export interface ValueOptions {
  readonly mask: boolean;
  readonly fmt: Formatter;
  /** The moment the record is drawn at: policies are ordered by where they stand then. */
  readonly now?: number | undefined;
  /** Items per collection rendered open; the rest start collapsed. */
  readonly openItems?: number | undefined;
  /**
   * The record is a cut-down copy of a huge one (../prune.ts): what was left out, by object, so that
   * every "N more" counts the whole record.
   */
  readonly omitted?: { readonly index: WeakMap<object, OmittedCounts>; readonly skippedValues: number } | undefined;
}

const MAX_TEXT = 4000;
const MAX_DEPTH = 4;

/** A key or value that is an identifier, wherever it stands (documented fields are masked by name). */
export function looksSensitive(key: string, v: unknown): boolean {
  return isIdentifierKey(key) || (typeof v === 'string' && looksLikeIdentifier(v));
}

export class ValueRenderer {
  readonly masked = new Map<string, string>();
  /** Values drawn so far, and those left out past the budget. */
  drawn = 0;
  skipped = 0;
  constructor(
    private readonly o: ValueOptions,
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
    return `<span class="text">${escapeWords(clipped)}</span>${more}`;
  }

  /** Text a person reads for a value (used for masked values and summaries). */
  plain(v: unknown, kind: FieldKind = 'text'): string {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'string') {
      // Every date a person reads is formatted, whatever field it stands in; a date field revealed
      // shows what the record holds beside it.
      const d = kind === 'date' || looksLikeTimestamp(v) ? this.o.fmt.date(v) : undefined;
      return d ? `${d} (${v})` : v;
    }
    if (typeof v === 'boolean') return v ? 'Yes' : 'No';
    if (typeof v === 'number') return kind === 'money' ? this.o.fmt.money(v) : kind === 'id' ? String(v) : this.o.fmt.number(v);
    return safeJson(v);
  }

  /** A value in a summary line (a row's cells, a custom field): lists joined, dates in words, nothing raw beside them. */
  brief(x: unknown): string {
    if (Array.isArray(x)) return x.map((y) => (typeof y === 'string' ? y : safeJson(y))).join(', ');
    if (x !== null && typeof x === 'object') return safeJson(x);
    if (typeof x === 'string' && looksLikeTimestamp(x)) return this.o.fmt.date(x) ?? x;
    return this.plain(x);
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
          const t = readTime(v);
          const title = t.kind !== 'time' || t.dateOnly ? v : `${v} · ${this.o.fmt.dateTime(t.ms)}`;
          return `<time datetime="${h(v)}" title="${h(title)}">${h(d)}</time>`;
        }
      }
      if (kind === 'enum') return `<span class="enum">${h(clip(v, 200))}</span>`;
      if (kind === 'id') return `<code>${h(clip(v, 200))}</code>`;
      // An e-mail, a phone number, a time zone: never broken inside itself (the layout gives them room).
      if ((kind === 'email' || kind === 'phone' || kind === 'atom') && v.length <= 120) return `<span class="atom">${h(v)}</span>`;
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
    label: (k: string) => string = labelFor,
    keys: readonly string[] = Object.keys(obj),
  ): string {
    const rows = keys.slice(0, MAX_KEYS).map((k) => {
      const x = obj[k];
      return {
        label: label(k),
        html: this.value(x, guessKind(k), label(k), looksSensitive(k, x), depth),
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
    if (items.length === 0) return this.oneLine(spec.key, spec.title, `No ${spec.title.toLowerCase()}`);
    const open = this.o.openItems ?? 0;
    // In the order every surface uses (the current plan first; the latest scope of appointment first).
    const ordered: unknown[] = collectionOrder(spec.key, items, this.o.now)
      .slice(0, MAX_ITEMS)
      .map((i): unknown => items[i]);
    const objects = ordered.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x));
    // A column empty in every row is not drawn, nor a status column no row has a status for.
    const columns =
      spec.key === 'customFields'
        ? [{ key: 'fieldDefinitionId', title: spec.columns?.[0] ?? 'Field' }]
        : spec.summary
            .map((key, i) => ({ key, title: spec.columns?.[i] ?? '' }))
            .filter((c) => objects.some((o) => !isEmptyValue(o[c.key])));
    const withStatus = objects.some((o) => typeof o.status === 'string' && o.status.trim() !== '');
    const layout: ItemLayout = { columns, withStatus };
    const header =
      spec.columns && columns.length
        ? `<div class="column-heads" aria-hidden="true"><span class="cells cols-${columns.length}">${columns.map((c) => `<span class="cell">${h(c.title)}</span>`).join('')}</span>${withStatus ? '<span class="item-status">Status</span>' : ''}</div>`
        : '';
    const parts = ordered.map((item, i) => this.item(spec, item, i, i < open, layout));
    const total = items.length + (this.o.omitted?.index.get(items)?.items ?? 0);
    const more =
      total > parts.length
        ? `<p class="notice" role="status">Showing the first ${this.o.fmt.number(parts.length)} of ${this.o.fmt.number(total)} ${h(spec.title.toLowerCase())}. <button type="button" class="link" ${actionAttr('openJson')}>Open JSON</button> for all of them.</p>`
        : '';
    return this.section(spec.key, spec.title, `<div class="items">${header}${parts.join('')}</div>${more}`, total);
  }

  /** A section with nothing in it, as one line: "Prescriptions  No prescriptions". */
  oneLine(id: string, title: string, words: string, aside = '', body = ''): string {
    return `<section id="sec-${h(id)}" class="empty-collection" aria-labelledby="h-${h(id)}"><div class="section-head"><h2 id="h-${h(id)}">${h(title)} <span class="empty">${h(words)}</span></h2>${aside}</div>${body}</section>`;
  }

  item(spec: CollectionSpec, item: unknown, index: number, open: boolean, layout: ItemLayout): string {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return `<div class="item plain">${this.value(item, 'text', spec.singular, false)}</div>`;
    }
    const obj = item as Record<string, unknown>;
    // One line a person scans: the summary fields as cells (aligned as columns by the stylesheet);
    // dates once, in words; the status as the badge at the end, not twice.
    const cell = (x: unknown): string =>
      isEmptyValue(x) ? '<span class="cell"></span>' : `<span class="cell">${h(clip(this.brief(x), 120))}</span>`;
    const custom = spec.key === 'customFields';
    const summary = custom
      ? `<span class="cell">${h(customFieldSummary(obj, this))}</span>`
      : layout.columns.some((c) => !isEmptyValue(obj[c.key]))
        ? layout.columns.map((c) => cell(obj[c.key])).join('')
        : '';
    const hasStatus = typeof obj.status === 'string' && obj.status.trim() !== '';
    const status = layout.withStatus
      ? `<span class="item-status">${hasStatus ? `<span class="badge ${statusTone(obj.status as string)}">${h(clip(obj.status as string, 40))}</span>` : ''}</span>`
      : '';
    // What the summary row shows is not repeated when the row is opened.
    const inSummary = new Set<string>(
      custom ? [...CUSTOM_FIELD_NAME_KEYS, ...CUSTOM_FIELD_VALUE_KEYS] : summary ? layout.columns.map((c) => c.key) : [],
    );
    if (hasStatus) inSummary.add('status');
    const keys = Object.keys(obj);
    const row = (k: string): { label: string; html: string; key: string; empty: boolean } => {
      const x = obj[k];
      const label = labelFor(k);
      const phi = (spec.phi?.includes(k) ?? false) || looksSensitive(k, x);
      const kind: FieldKind = spec.dates?.includes(k) ? 'date' : guessKind(k);
      return { label, html: this.value(x, kind, `${spec.singular} ${index + 1} ${label}`, phi, 1), key: k, empty: isEmptyValue(x) };
    };
    const shown = keys.slice(0, MAX_KEYS);
    const rows = shown.filter((k) => !AUDIT_KEYS.has(k) && !inSummary.has(k) && !AGENT_PARTS.has(k)).map(row);
    // The agent of record as one name, not a first and a last name apart.
    const agent = [obj.aorFirstName, obj.aorLastName].filter((x): x is string => typeof x === 'string' && x.trim() !== '').join(' ');
    if (agent) rows.unshift({ label: 'Agent of record', html: this.text(agent), key: 'aor', empty: false });
    // The customer on screen need not be repeated in each item.
    const audit = shown
      .filter(
        (k) =>
          AUDIT_KEYS.has(k) && !(k === 'customerId' && typeof obj[k] === 'string' && cacheKeyOf(obj[k]) === cacheKeyOf(this.customerId)),
      )
      .map(row);
    const auditHtml = audit.length ? `<details class="audit"><summary>Record details</summary>${this.dl(audit)}</details>` : '';
    const hidden = Math.max(0, keys.length - MAX_KEYS) + this.extraKeys(obj);
    const details = rows.length || hidden ? this.dl(rows, 'fields', hidden > 0 ? this.moreKeys(hidden) : '') : '';
    // A stable key, so the page can keep this row open across a refresh.
    const key = `${spec.key}:${typeof obj.id === 'string' ? obj.id.slice(0, 64) : index}`;
    return `<details class="item" data-key="${h(key)}"${open ? ' open' : ''}><summary><span class="cells cols-${Math.max(1, custom ? 1 : layout.columns.length)}">${summary || `<span class="cell">${h(`${spec.singular} ${index + 1}`)}</span>`}</span>${status}</summary>${details}${auditHtml}</details>`;
  }
}

/** The columns a collection draws (those some row has a value for), and whether a status column is drawn. */
interface ItemLayout {
  readonly columns: ReadonlyArray<{ readonly key: string; readonly title: string }>;
  readonly withStatus: boolean;
}

/** Folded into "Agent of record" in a collection's rows. */
const AGENT_PARTS = new Set(['aorFirstName', 'aorLastName']);

/** Where a custom field value may carry its field's name (the published shape has only the definition's key). */
const CUSTOM_FIELD_NAME_KEYS = ['name', 'label', 'fieldName', 'displayName', 'fieldDefinitionId'];
const CUSTOM_FIELD_VALUE_KEYS = ['textValue', 'numberValue', 'booleanValue', 'dateValue', 'selectValue', 'multiSelectValue'];

/**
 * A custom field's name: one the value carries (`name`, `label`, `fieldName`, `displayName`, or its
 * `fieldDefinition`'s), else the definition's key in words ("cf-preferred-pharmacy": "Preferred
 * pharmacy"); a key that is only an identifier (a UUID) is "Custom field".
 */
export function customFieldName(obj: Record<string, unknown>): string {
  const def =
    obj.fieldDefinition !== null && typeof obj.fieldDefinition === 'object' ? (obj.fieldDefinition as Record<string, unknown>) : {};
  const named = [obj.name, obj.label, obj.fieldName, obj.displayName, def.name, def.label].find(
    (x): x is string => typeof x === 'string' && x.trim() !== '',
  );
  if (named) return named.trim();
  const key = typeof obj.fieldDefinitionId === 'string' ? obj.fieldDefinitionId.trim() : '';
  if (!key || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key)) return 'Custom field';
  return humanizeKey(key.replace(/^(cf|custom|field)[-_.]/i, ''));
}

function customFieldSummary(obj: Record<string, unknown>, r: ValueRenderer): string {
  const name = customFieldName(obj);
  const value = CUSTOM_FIELD_VALUE_KEYS.map((k) => obj[k]).find(
    (x) => x !== null && x !== undefined && x !== '' && !(Array.isArray(x) && x.length === 0),
  );
  // A summary is always shown: an identifier in a custom field stays masked there too.
  const sensitive =
    isIdentifierKey(name) || (Array.isArray(value) ? value : [value]).some((x) => typeof x === 'string' && looksLikeIdentifier(x));
  const shown = value === undefined ? '(no value)' : sensitive ? MASK : r.brief(value);
  return `${clip(name, 80)}: ${clip(shown, 120)}`;
}

/** Whether a string is a date or a time the core's reader (../time.ts) reads: drawn as one. */
export function looksLikeTimestamp(v: string): boolean {
  return readTime(v).kind === 'time';
}

export function guessKind(key: string): FieldKind {
  if (/(At|Date)$/.test(key)) return 'date';
  if (/e-?mail$/i.test(key)) return 'email';
  if (/(phone|fax|callerId)$/i.test(key)) return 'phone';
  if (/time_?zone$/i.test(key)) return 'atom';
  // Identifiers are text, never grouped digits ("17439582", not "17,439,582").
  if (/^(id|.*Id|npi|.*Npn|.*Code)$/.test(key)) return 'id';
  if (/(income|amount|premium|price)$/i.test(key)) return 'money';
  return 'text';
}

/** Audit plumbing of a nested item: shown in its own collapsed group, not among the facts. */
const AUDIT_KEYS = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'customerId']);

const cacheKeyOf = (v: string): string => v.trim().toLowerCase();
export const isEmptyValue = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

export function statusTone(status: string): string {
  const s = status.toLowerCase();
  if (['active', 'qualified', 'high', 'enrolled', 'completed'].includes(s)) return 'good';
  if (
    ['cancelled', 'terminated', 'disqualified', 'inactive', 'deceased', 'not approved', 'discontinued', 'expired', 'suspended'].includes(s)
  )
    return 'bad';
  return 'neutral';
}
