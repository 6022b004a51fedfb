import assert from 'node:assert/strict';
import { plainText } from '../../src/core/plainText';
import { parseCustomer, type CustomerRecord } from '../../src/core/api/schema';
import { deidentify } from '../../src/core/deidentify';
import { inlineLabel } from '../../src/core/inlineNames';
import { maskIdentifiers } from '../../src/core/mask';
import { pruneRecord } from '../../src/core/prune';
import { escapeHtml, escapeMarkdown } from '../../src/core/render/escape';
import { createFormatter } from '../../src/core/render/format';
import { commandLink, customerHoverMarkdown } from '../../src/core/render/hover';
import { renderCustomerBody } from '../../src/core/render/panel';
import { PAYLOADS, hostileCustomer } from '../fixtures/hostile';

const fmt = createFormatter('en-US', 'UTC');
const ID = 'bad0c0de-0bad-4bad-8bad-0badc0de0bad';

/** What VS Code would turn into something live on each surface. */
const LINK = /\[[^\]]*\]\([^)]*\)/;
const ICON = /\$\([a-z0-9~-]+\)/i;

describe(`hostile corpus (${PAYLOADS.length} payloads) on every surface`, () => {
  it('has more than 250 payloads', () => assert.ok(PAYLOADS.length > 250, String(PAYLOADS.length)));

  it('notifications, quick picks, tree items and the status bar: no link, no icon, one line, bounded', () => {
    for (const p of PAYLOADS) {
      const out = plainText(p, 200);
      assert.ok(!LINK.test(out), `link survived: ${JSON.stringify(out)}`);
      assert.ok(!ICON.test(out), `icon survived: ${JSON.stringify(out)}`);
      assert.ok(!/command:|vscode:|file:/i.test(out), `scheme survived: ${JSON.stringify(out)}`);
      assert.ok(!/[\r\n\u2028\u2029\u0000-\u001f]/.test(out), `control character: ${JSON.stringify(out)}`);
      assert.ok(out.length <= 200);
    }
  });

  it("hover markdown: every payload escaped, no icon, no link but the card's own", () => {
    for (const p of PAYLOADS) {
      const md = escapeMarkdown(p);
      assert.ok(!ICON.test(md), `icon survived: ${JSON.stringify(md)}`);
      assert.ok(!/(^|[^\\])\[[^\]]*(?<!\\)\]\(/.test(md), `link survived: ${JSON.stringify(md.slice(0, 80))}`);
      assert.ok(!/[<>]/.test(md.replace(/&lt;|&gt;/g, '')), 'no raw angle bracket');
    }
    const parsed = parseCustomer(hostileCustomer(ID));
    assert.ok(parsed.ok);
    const card = customerHoverMarkdown(parsed.record, { id: ID, mask: true, fmt, now: 0 });
    const links = [...card.matchAll(/\]\((command:[^ )]+)/g)].map((m) => m[1]);
    assert.deepEqual(
      links.map((l) => l?.split('?')[0]),
      ['command:carecycle.openCustomer', 'command:carecycle.copyCustomerId'],
    );
    const stray = card.replace(/\$\((location|shield|circle-slash|warning)\)/g, '').match(ICON);
    assert.equal(stray, null, `only the card's own icons: ${String(stray)}`);
  });

  it('command links use the hovered ID, encoded so that no character ends the link', () => {
    const link = commandLink('Open', 'carecycle.openCustomer', ['a)b(c']);
    assert.match(link, /^\[Open\]\(command:carecycle\.openCustomer\?[^()\s]+ "Open"\)$/);
  });

  it("panel HTML: every payload escaped, no tag but the renderer's own", () => {
    for (const p of PAYLOADS) {
      const html = escapeHtml(p);
      assert.ok(!/[<>"'`]/.test(html), JSON.stringify(html.slice(0, 60)));
    }
    const parsed = parseCustomer(hostileCustomer(ID));
    assert.ok(parsed.ok);
    const { html } = renderCustomerBody(parsed.record, { mask: true, fmt, now: 0 });
    assert.ok(!/<(script|img|iframe|svg|object|link|meta|base|form|style|video|details open ontoggle)\b/i.test(html));
    // Escaped text holds no `<`, so every tag in the page is the renderer's: none has a handler.
    for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) assert.ok(!/\son[a-z]+\s*=/i.test(tag.replace(/"[^"]*"/g, '""')), tag);
  });
});

describe('records that would stall or break the panel', () => {
  it('renders a record of 300,000 unknown keys within its budget, and says what it left out', () => {
    const record: Record<string, unknown> = { id: ID, firstName: 'Big' };
    for (let i = 0; i < 300_000; i++) record[`field_${i}`] = `value ${i}`;
    // How long it takes is the bench's to say (npm run bench: big records); a test checks what is drawn.
    const { html } = renderCustomerBody(record as never, { mask: true, fmt, now: 0 });
    assert.ok(html.length < 3_000_000, `${html.length} characters of HTML`);
    assert.match(html, /299,800 more fields/);
  });

  it('renders 10,000 levels of nesting and a value whose toString cannot be called', () => {
    let deep: unknown = { leaf: 'x' };
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const odd: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    Object.assign(odd, {
      toString: 1,
      valueOf: 'nope',
      toJSON: () => {
        throw new Error('no JSON');
      },
    });
    const { html } = renderCustomerBody({ id: ID, deep, odd, arr: [odd, deep] }, { mask: true, fmt, now: 0 });
    assert.match(html, /data-field="deep"/);
    assert.match(html, /data-field="odd"/);
  });

  it('masks identifiers under other keys and in custom fields, not only the documented ones', () => {
    const record = {
      id: ID,
      socialSecurityNumber: '123-45-6789',
      ssn: '987-65-4320',
      notes: '1EG4TE5MK73',
      dependents: { firstName: 'Ann', ssn: '900-12-3456', dob: '1950-01-01' },
      customFields: [
        { fieldDefinitionId: 'cf-mbi', textValue: '4TP2EH7KM53' },
        { fieldDefinitionId: 'cf-x', textValue: '123456789' },
      ],
    };
    const { html, masked } = renderCustomerBody(record as never, { mask: true, fmt, now: 0 });
    for (const secret of ['123-45-6789', '987-65-4320', '1EG4TE5MK73', '900-12-3456', '1950-01-01', '4TP2EH7KM53', '123456789']) {
      assert.ok(!html.includes(secret), `${secret} in the page`);
    }
    assert.ok(
      [...masked.values()].some((v) => v.includes('123-45-6789')),
      'revealable on request',
    );
  });
});

describe('defect 10: API text named like a built-in property', () => {
  const NAMES = [
    'constructor',
    'toString',
    'hasOwnProperty',
    '__proto__',
    'valueOf',
    'toLocaleString',
    'isPrototypeOf',
    '__defineGetter__',
  ];
  /** A record whose enums, statuses, keys and values are the names above, in every place they can stand. */
  const records = (): unknown[] =>
    NAMES.flatMap((n) => {
      const odd = { toString: n, valueOf: n, [n]: n };
      const item = JSON.parse(
        `{"${n}": "${n}", "status": "${n}", "__proto__": {"polluted": true}, "fieldDefinitionId": "${n}", "textValue": "${n}"}`,
      ) as object;
      const base = JSON.parse(`{"id": "${ID}", "__proto__": {"polluted": true}, "${n}": {"${n}": "${n}"}}`) as Record<string, unknown>;
      return [
        {
          ...base,
          status: n,
          qualificationStatus: n,
          intent: n,
          lineType: n,
          gender: n,
          maritalStatus: n,
          existingCoverage: n,
          firstName: n,
          lastName: n,
          city: n,
          state: n,
          planName: n,
          carrierName: n,
          dateOfBirth: n,
          lastContactedAt: n,
          policies: [item, { ...item, status: 'Active', effectiveDate: n }],
          scopeOfAppointments: [item],
          customFields: [item],
          dependents: [item],
          providers: [item],
          prescriptions: [item],
          campaigns: [item],
          source: item,
        },
        // Objects where text is expected: a toString that is a string, not a function.
        {
          ...base,
          status: odd,
          intent: odd,
          firstName: odd,
          dateOfBirth: odd,
          lastContactedAt: odd,
          planName: odd,
          city: odd,
          mbiNumber: odd,
        },
      ];
    });

  it('renders every surface of every such record without throwing, and shows the text as text', () => {
    let renders = 0;
    for (const body of records()) {
      const parsed = parseCustomer(body);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
      const r = parsed.record;
      for (const mask of [true, false]) {
        assert.doesNotThrow(() => renderCustomerBody(r, { mask, fmt, now: 0 }), `panel: ${JSON.stringify(body).slice(0, 120)}`);
        assert.doesNotThrow(() => customerHoverMarkdown(r, { id: ID, mask, fmt, now: 0 }), `hover: ${JSON.stringify(body).slice(0, 120)}`);
        renders += 2;
      }
      assert.doesNotThrow(() => inlineLabel(r));
      assert.doesNotThrow(() => maskIdentifiers(r));
      assert.doesNotThrow(() => deidentify(r));
      assert.doesNotThrow(() => pruneRecord(r, Date.UTC(2026, 11, 2)));
      renders += 4;
    }
    const html = renderCustomerBody(parseOk(records()[0]), { mask: true, fmt, now: 0 }).html;
    assert.match(html, />constructor</, 'the value is shown as the text it is');
    assert.ok(renders > 100);
  });

  it('a "__proto__" key in a body never becomes a prototype, on any copy the extension makes', () => {
    for (const body of records()) {
      const r = parseOk(body);
      for (const [what, copy] of [
        ['parsed', r],
        ['masked', maskIdentifiers(r)],
        ['de-identified', deidentify(r)],
        ['cut down', pruneRecord(r, Date.UTC(2026, 11, 2)).record],
      ] as const) {
        const seen: unknown[] = [];
        const walk = (x: unknown): void => {
          if (x === null || typeof x !== 'object' || seen.includes(x)) return;
          seen.push(x);
          const proto = Object.getPrototypeOf(x) as unknown;
          assert.ok(proto === Object.prototype || proto === Array.prototype || proto === null, `${what}: a prototype from the body`);
          assert.ok(
            !('polluted' in x) || Object.prototype.hasOwnProperty.call(x, 'polluted'),
            `${what}: a property inherited from the body`,
          );
          for (const v of Object.values(x)) walk(v);
        };
        walk(copy);
      }
    }
    assert.equal(({} as { polluted?: unknown }).polluted, undefined, 'Object.prototype itself untouched');
  });
});

function parseOk(body: unknown): CustomerRecord {
  const p = parseCustomer(body);
  assert.ok(p.ok);
  return p.record;
}
