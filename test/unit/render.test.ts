import assert from 'node:assert/strict';
import { DOCUMENTED_FIELDS, parseCustomer, type CustomerRecord } from '../../src/core/api/schema';
import { CareCycleError } from '../../src/core/api/errors';
import { escapeHtml, escapeMarkdown } from '../../src/core/render/escape';
import { COLLECTIONS, SECTIONS, SPECIAL_KEYS } from '../../src/core/render/fields';
import { createFormatter, humanizeKey } from '../../src/core/render/format';
import { relativeTime } from '../../src/core/summary';
import { HOVER_COMMANDS, customerHoverMarkdown, hoverError } from '../../src/core/render/hover';
import { renderDocument } from '../../src/core/render/document';
import { renderCustomerBody, renderError } from '../../src/core/render/panel';
import { SAMPLE_CUSTOMERS, SAMPLE_IDS } from '../mock-api/customers';
import { PAYLOADS, hostileCustomer } from '../fixtures/hostile';

const fmt = createFormatter('en-US', 'UTC');
const NOW = Date.parse('2026-11-27T12:00:00Z');
const margaret = SAMPLE_CUSTOMERS[0] as unknown as CustomerRecord;

/** Strips tags, leaving what a person reads. */
const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');

describe('panel renderer', () => {
  it('places every documented field exactly once', () => {
    const placed = [...SECTIONS.flatMap((s) => s.fields.map((f) => f.key)), ...COLLECTIONS.map((c) => c.key), ...SPECIAL_KEYS];
    for (const k of DOCUMENTED_FIELDS) assert.equal(placed.filter((p) => p === k).length, 1, k);
  });

  it('shows every documented field of a full sample, with its label', () => {
    const { html } = renderCustomerBody(margaret, { mask: false, fmt, now: NOW });
    for (const s of SECTIONS) {
      assert.ok(html.includes(`id="sec-${s.id}"`), s.id);
      for (const f of s.fields) assert.ok(html.includes(`data-field="${f.key}"`), f.key);
    }
    for (const c of COLLECTIONS) assert.ok(html.includes(`id="sec-${c.key}"`), c.key);
    for (const v of [
      'Margaret',
      'Okafor',
      'Columbus',
      '1EG4TE5MK73',
      'Metformin',
      'Dr. Alicia Romero',
      'Tobi',
      'AEP 2027 Outreach',
      'Kroger Pharmacy #412',
      'Electronic signature',
      'Inbound call — TV spot (Columbus)',
      'OTC allowance',
    ]) {
      assert.ok(textOf(html).includes(v), v);
    }
  });

  it('shows fields the spec does not name under "Other fields"', () => {
    const george = SAMPLE_CUSTOMERS.find((c) => c.id === SAMPLE_IDS.george) as unknown as CustomerRecord;
    const { html } = renderCustomerBody(george, { mask: true, fmt, now: NOW });
    assert.match(html, /id="sec-other"/);
    for (const v of ['preferredContactTime', 'Weekday afternoons', 'loyaltyTier', 'Gold', '0.82']) assert.ok(textOf(html).includes(v), v);
  });

  it('says so for empty values and empty collections, and shows unknown enum values as they are', () => {
    const charles = SAMPLE_CUSTOMERS.find((c) => c.firstName === 'Charles') as unknown as CustomerRecord;
    const william = SAMPLE_CUSTOMERS.find((c) => c.firstName === 'William') as unknown as CustomerRecord;
    assert.match(textOf(renderCustomerBody(charles, { mask: true, fmt, now: NOW }).html), /No policies/);
    assert.match(textOf(renderCustomerBody(charles, { mask: true, fmt, now: NOW }).html), /Not set/);
    const w = textOf(renderCustomerBody(william, { mask: true, fmt, now: NOW }).html);
    for (const v of ['Prospect', 'Callback Requested', 'Very High', 'satellite', 'Engaged', 'Pending Underwriting'])
      assert.ok(w.includes(v), v);
  });

  it('formats dates in the locale with the raw value at hand, booleans as yes/no, money as money', () => {
    const { html } = renderCustomerBody(margaret, { mask: false, fmt, now: NOW });
    assert.match(html, /<time datetime="2019-03-01" title="2019-03-01">Mar 1, 2019<\/time>/);
    assert.match(html, /data-field="householdIncome"><dt>Household income<\/dt><dd>\$31,200\.00/);
    assert.match(html, /data-field="medicaid"><dt>Medicaid<\/dt><dd>Yes/);
    assert.match(html, /Do not text<\/dt><dd><span class="badge danger">Yes/);
    assert.match(html, /role="alert"><span class="alert-icon" aria-hidden="true">⊘<\/span><strong>Contact restrictions/);
  });

  it('keeps masked identifiers out of the page and hands them to the host', () => {
    const { html, masked } = renderCustomerBody(margaret, { mask: true, fmt, now: NOW });
    for (const secret of ['1EG4TE5MK73', 'OH4471928305', 'VA-28841937', '1954-03-18', '912-44-7781', '2009-07-02']) {
      assert.ok(!html.includes(secret), `${secret} is not in the page`);
      assert.ok(
        [...masked.values()].some((v) => v.includes(secret)),
        `${secret} is revealable`,
      );
    }
    assert.equal(masked.size, 6);
    assert.match(html, /data-action="revealAll"/);
    assert.match(html, /aria-label="Reveal Medicare Beneficiary Identifier \(MBI\)"/);
  });

  it('renders collections collapsed, as rows to expand, with audit fields in their own group', () => {
    const many = {
      ...margaret,
      policies: Array.from({ length: 1000 }, (_, i) => ({ ...(margaret.policies?.[0] ?? {}), planName: `Plan ${i}` })),
    };
    const { html } = renderCustomerBody(many, { mask: true, fmt, now: NOW });
    assert.equal((html.match(/<details class="item"[^>]* open>/g) ?? []).length, 0, 'every item starts collapsed');
    assert.equal((html.match(/<details class="item"[^>]*>/g) ?? []).length, 500 + 4 + 2 + 1 + 1 + 6 + 2);
    assert.match(html, /<details class="audit"><summary>Record details<\/summary>/);
    // A column empty in every row is not drawn (no policy here has an effective date)…
    assert.match(
      html,
      /<div class="column-heads" aria-hidden="true"><span class="cells cols-3"><span class="cell">Carrier<\/span><span class="cell">Plan<\/span><span class="cell">Type<\/span><\/span>/,
    );
    // …and is, once a row has a value for it.
    const dated = { ...many, policies: [{ ...(margaret.policies?.[0] ?? {}), effectiveDate: '2026-01-01' }, ...many.policies] };
    assert.match(
      renderCustomerBody(dated, { mask: true, fmt, now: NOW }).html,
      /<span class="cells cols-4"><span class="cell">Carrier<\/span>.*<span class="cell">Effective<\/span>/,
    );
    assert.ok(html.includes('Plan 499'));
    assert.match(html, /Showing the first 500 of 1,000 policies/);
  });

  it('renders at most 500 items of a collection and points to the JSON for the rest', () => {
    const huge = { ...margaret, policies: Array.from({ length: 17_000 }, (_, i) => ({ planName: `Plan ${i}` })) };
    const { html } = renderCustomerBody(huge, { mask: true, fmt, now: NOW });
    assert.ok(html.includes('Plan 499') && !html.includes('Plan 500<'));
    assert.match(html, /Showing the first 500 of 17,000 policies/);
    assert.ok(html.length < 1_000_000, `${html.length} bytes`);
  });

  it('turns HTML and script payloads in every string field into inert text', () => {
    const hostile = hostileCustomer(SAMPLE_IDS.margaret) as unknown as CustomerRecord;
    const parsed = parseCustomer(hostile);
    assert.ok(parsed.ok);
    for (const mask of [true, false]) {
      const { html, masked } = renderCustomerBody(hostile, { mask, fmt, now: NOW, warnings: ['<script>x</script>'] });
      // No tag other than the renderer's own vocabulary, and no attribute it did not write.
      const tags = new Set([...html.matchAll(/<\/?([a-zA-Z0-9-]+)/g)].map((m) => (m[1] ?? '').toLowerCase()));
      const allowed = new Set([
        'header',
        'h1',
        'h2',
        'div',
        'code',
        'button',
        'span',
        'section',
        'dl',
        'dt',
        'dd',
        'time',
        'details',
        'summary',
        'ul',
        'ol',
        'li',
        'nav',
        'a',
        'main',
        'p',
        'strong',
        'br',
      ]);
      for (const t of tags) assert.ok(allowed.has(t), `unexpected <${t}>`);
      for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
        const attrs = tag.replace(/"[^"]*"/g, '""');
        assert.ok(!/\son[a-z]+\s*=/i.test(attrs), `event handler attribute in ${tag.slice(0, 80)}`);
        assert.ok(!/\s(src|srcdoc|formaction|action|style)\s*=/i.test(attrs), `unexpected attribute in ${tag.slice(0, 80)}`);
      }
      assert.ok(!/href="(?!#sec-|#main")/.test(html), 'only in-page links');
      for (const p of PAYLOADS.filter((x) => /[<>"]/.test(x))) assert.ok(!html.includes(p), `raw payload present: ${p.slice(0, 30)}`);
      for (const v of masked.values()) assert.equal(typeof v, 'string');
    }
  });

  it('escapes error messages and IDs on the error page', () => {
    const html = renderError('<b>x</b>', new CareCycleError('server', 'boom <img src=x onerror=alert(1)>', 'retry'));
    assert.ok(!html.includes('<img'));
    assert.match(html, /data-action="retry"/);
  });

  it('writes a strict CSP with the nonce and no inline allowances', () => {
    const doc = renderDocument({
      title: '<t>',
      body: '',
      nonce: 'abc123',
      cspSource: 'vscode-resource:',
      styleUri: 'a.css',
      scriptUri: 'a.js',
    });
    assert.match(doc, /default-src 'none'/);
    assert.match(doc, /script-src 'nonce-abc123'/);
    assert.ok(!doc.includes('unsafe-inline') && !doc.includes('unsafe-eval'));
    assert.match(doc, /<script nonce="abc123" src="a.js"><\/script>/);
    assert.match(doc, /<title>&lt;t&gt;<\/title>/);
  });
});

describe('hover card', () => {
  it('summarises the customer with the two command links', () => {
    const md = customerHoverMarkdown(margaret, { mask: true, fmt, now: NOW });
    const lines = md.split('  \n');
    assert.match(lines[0] ?? '', /^\$\(circle-slash\) \*\*Do not text\*\*$/, 'contact restrictions come first');
    assert.match(lines[lines.length - 1] ?? '', /^\[Open record\].* · \[Copy ID\]/, 'one row of actions, last');
    assert.equal((md.match(/Humana/g) ?? []).length, 1, 'the plan once');
    for (const v of [
      '**Margaret Okafor**',
      'Active',
      'Qualified',
      'intent High',
      'Columbus, OH 43215',
      'Humana',
      '3 policies',
      'last contact',
      '9 days ago',
      'Do not text',
    ]) {
      assert.ok(md.replace(/\\/g, '').includes(v), v);
    }
    assert.ok(md.includes(`command:${HOVER_COMMANDS.open}?${encodeURIComponent(JSON.stringify([margaret.id]))}`));
    assert.ok(md.includes(`command:${HOVER_COMMANDS.copy}?`));
    assert.ok(!md.includes('1EG4TE5MK73') && !md.includes('1954'), 'masked');
    assert.ok(customerHoverMarkdown(margaret, { mask: false, fmt, now: NOW }).includes('1EG4TE5MK73'));
  });

  it('renders markdown, HTML and command links in values as text', () => {
    const hostile = hostileCustomer(margaret.id) as unknown as CustomerRecord;
    const evil = {
      ...hostile,
      firstName: '[x](command:workbench.action.terminal.new)',
      lastName: '<img src=x onerror=alert(1)> **b** $(zap)',
      city: '](command:carecycle.clearApiKey)',
    };
    const md = customerHoverMarkdown(evil, { mask: false, fmt, now: NOW });
    const links = [...md.matchAll(/\]\((command:[a-zA-Z.]+)/g)].map((m) => m[1]);
    assert.deepEqual(links, [`command:${HOVER_COMMANDS.open}`, `command:${HOVER_COMMANDS.copy}`]);
    assert.ok(!md.includes('<img'));
    assert.ok(md.includes('\\$\u200d\\(zap\\)'), 'the icon syntax is broken by a zero-width joiner and escaped');
  });

  it('puts the reason and the helpful link in error lines', () => {
    const md = hoverError(new CareCycleError('unauthorized', 'The key was refused [x](command:evil)', 'setApiKey'));
    assert.match(md, /command:carecycle\.setApiKey/);
    assert.ok(!md.includes('](command:evil)'));
  });
});

describe('formatting helpers', () => {
  it('escapes HTML and markdown', () => {
    assert.equal(escapeHtml(`<a href="x">'&\``), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#96;');
    assert.equal(escapeMarkdown('*a* [b](c)\nd'), '\\*a\\* \\[b\\]\\(c\\) d');
  });
  it('shows bidi override characters instead of obeying them', () => {
    assert.equal(escapeHtml('a\u202Etxt.exe'), 'a[U+202E]txt.exe');
    assert.ok(!escapeMarkdown('\u2066x\u2069').includes('\u2066'));
  });
  it('humanises unknown keys', () => {
    assert.equal(humanizeKey('preferredContactTime'), 'Preferred contact time');
    assert.equal(humanizeKey('agentNPN'), 'Agent npn');
    assert.equal(humanizeKey('snake_case_key'), 'Snake case key');
  });
  it('says relative times', () => {
    assert.equal(relativeTime(NOW - 3 * 86400_000, NOW), '3 days ago');
    assert.equal(relativeTime(NOW - 30_000, NOW), 'just now');
    assert.equal(relativeTime(NOW + 2 * 3600_000, NOW), 'in 2 hours');
  });
  it('does not take arbitrary text for a date', () => {
    const { html } = renderCustomerBody({ ...margaret, updatedAt: '"><svg/onload=x1>' }, { mask: true, fmt, now: NOW });
    assert.ok(!/years ago/.test(html));
    const md = customerHoverMarkdown({ ...margaret, lastContactedAt: 'call 1' }, { mask: true, fmt, now: NOW });
    assert.ok(!/ago/.test(md));
  });
  it('keeps calendar dates on their day whatever the time zone', () => {
    assert.equal(createFormatter('en-US', 'Pacific/Kiritimati').date('2019-03-01'), 'Mar 1, 2019');
    assert.equal(createFormatter('de-DE').date('2019-03-01'), '1. März 2019');
    assert.equal(fmt.date('not a date'), undefined);
  });
});

describe('the record at a glance', () => {
  const helen = SAMPLE_CUSTOMERS.find((c) => c.id === SAMPLE_IDS.helen) as unknown as CustomerRecord;
  const barbara = SAMPLE_CUSTOMERS.find((c) => c.id === SAMPLE_IDS.barbara) as unknown as CustomerRecord;
  const glance = (r: CustomerRecord, now = NOW): string => {
    const html = renderCustomerBody(r, { mask: true, fmt, now }).html;
    const m = /<section id="sec-glance"[\s\S]*?<\/section>/.exec(html);
    return textOf(m?.[0] ?? '');
  };

  it('answers first: current plan and since when, agent of record, SOA, last contact, location, age', () => {
    const g = glance(margaret);
    assert.match(g, /Current plan\s+Humana/);
    assert.match(g, /since/);
    assert.match(g, /Agent of record/);
    assert.match(g, /Scope of appointment/);
    assert.match(g, /Last contact\s+Nov 18, 2026/);
    assert.match(g, /Location\s+Columbus, OH 43215/);
    assert.match(g, /Age\s+\d+/);
    assert.ok(!g.includes('1954-03-18'), 'the exact birth date follows masking');
  });

  it('says whether the latest scope of appointment still holds (12 months)', () => {
    assert.match(glance(barbara, Date.parse('2026-11-27T00:00:00Z')), /✓ Valid\s+signed\s+Sep 1, 2026/);
    assert.match(glance(barbara, Date.parse('2027-10-01T00:00:00Z')), /✕ Not valid/);
    assert.match(glance(helen), /✕ None on record/);
  });

  it('puts active policies first, hides empty fields behind a per-section toggle, and words enums', () => {
    const robert = SAMPLE_CUSTOMERS.find((c) => c.id === SAMPLE_IDS.robert) as unknown as CustomerRecord;
    const html = renderCustomerBody(robert, { mask: true, fmt, now: NOW }).html;
    assert.ok(html.indexOf('badge good">Active') < html.indexOf('Future Cancel'), 'the active policy comes first');
    assert.match(html, /data-field="lineType"><dt>Line type<\/dt><dd><span class="enum">Fixed VoIP<\/span>/);
    assert.match(html, /class="row empty-row" data-field="preferredName"/);
    assert.match(html, /Show \d+ more fields? \(empty, unset or record details\)/);
    assert.ok(
      !/17,439,582|20,418,833/.test(
        textOf(
          renderCustomerBody(SAMPLE_CUSTOMERS.find((c) => c.id === SAMPLE_IDS.george) as unknown as CustomerRecord, {
            mask: true,
            fmt,
            now: NOW,
          }).html,
        ),
      ),
      'an NPN is an identifier, not a number',
    );
  });

  it('marks fields that changed since the previous fetch, old value beside new (identifiers: only that they changed)', () => {
    const before = { ...margaret, status: 'Lead', mbiNumber: '4TP2EH7KM53' } as CustomerRecord;
    const html = renderCustomerBody(margaret, { mask: true, fmt, now: NOW, previous: before }).html;
    assert.match(html, /data-field="status"|Changed since the previous fetch">changed \(was Lead\)/);
    assert.match(html, /title="Changed since the previous fetch">changed<\/span>/, 'the MBI changed, without showing either value');
    assert.ok(!html.includes('4TP2EH7KM53') && !html.includes('1EG4TE5MK73'));
  });
});

describe('the hover card of a record held after a failed refresh (#34)', () => {
  it('says it is stale, how old it is and what failed', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const card = customerHoverMarkdown(
      { id: '497f6eca-6276-4993-bfeb-53cbbbba6f08', firstName: 'Margaret' },
      {
        mask: true,
        fmt: createFormatter('en-US', 'UTC'),
        now,
        stale: { message: 'The CareCycle API had an internal error (503).', fetchedAt: now - 10 * 60_000 },
      },
    );
    const line = `$(warning) Stale: as fetched 10 minutes ago; the last refresh failed: ${escapeMarkdown('The CareCycle API had an internal error (503).')}`;
    assert.ok(card.includes(line), card);
    assert.doesNotMatch(
      customerHoverMarkdown(
        { id: '497f6eca-6276-4993-bfeb-53cbbbba6f08' },
        {
          mask: true,
          fmt: createFormatter('en-US', 'UTC'),
          now,
        },
      ),
      /Stale/,
    );
  });
});
