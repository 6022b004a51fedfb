import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CustomerRecord } from '../../src/core/api/schema';
import { inlineLabel } from '../../src/core/inlineNames';
import { omittedIndex, pruneRecord } from '../../src/core/prune';
import { escapeHtml, escapeMarkdown } from '../../src/core/render/escape';
import { createFormatter } from '../../src/core/render/format';
import { customerHoverMarkdown } from '../../src/core/render/hover';
import { MAX_ITEMS } from '../../src/core/render/limits';
import { renderCustomerBody } from '../../src/core/render/panel';
import { coverage, policyOrder, relativeTime, scopeOfAppointment, summarize, type CustomerSummary } from '../../src/core/summary';
import { SAMPLE_CUSTOMERS } from '../mock-api/customers';
import { SAMPLE_IDS } from '../support/constants.mjs';

const fmt = createFormatter('en-US', 'UTC');
const NOW = Date.parse('2026-12-02T12:00:00Z');
const sample = (id: string): CustomerRecord => SAMPLE_CUSTOMERS.find((c) => c.id === id) as unknown as CustomerRecord;
const margaret = sample(SAMPLE_IDS.margaret);
const ID = SAMPLE_IDS.margaret;

const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const row = (html: string, key: string): string =>
  textOf(new RegExp(`data-field="${key}"><dt>[^<]*</dt><dd>(.*?)</dd></div>`).exec(html)?.[1] ?? '').trim();

describe('the summary of a customer: one place that decides what a record means', () => {
  describe('scope of appointment (CMS marketing rules)', () => {
    it('holds until the earlier of its own expiry and 12 months after signature: the reported "Valid until Oct 14, 2027" of an SOA that expires Dec 31, 2026', () => {
      const s = scopeOfAppointment(margaret, NOW);
      assert.equal(s.kind, 'holds');
      assert.ok(s.kind === 'holds');
      assert.equal(new Date(s.until).toISOString(), '2027-01-01T00:00:00.000Z', 'through Dec 31 (a date alone is the whole day)');
      assert.equal(s.untilBy, 'its own expiry');
      const glance = row(renderCustomerBody(margaret, { mask: true, fmt, now: NOW }).html, 'soa');
      assert.match(glance, /✓ Valid signed Oct 14, 2026.*through Dec 31, 2026/);
      assert.doesNotMatch(glance, /2027/, 'nothing says it holds into 2027');
      // The day after its own expiry: not valid, and why.
      const after = row(renderCustomerBody(margaret, { mask: true, fmt, now: Date.parse('2027-01-01T00:00:01Z') }).html, 'soa');
      assert.match(after, /✕ Not valid signed Oct 14, 2026.* · held through Dec 31, 2026 \(its own expiry\)/);
    });

    it('without its own expiry, holds 12 calendar months from the signature', () => {
      const rec = { id: ID, scopeOfAppointments: [{ signedAt: '2026-02-28T10:00:00Z', products: ['PDP'] }] } as CustomerRecord;
      const s = scopeOfAppointment(rec, NOW);
      assert.ok(s.kind === 'holds');
      assert.equal(new Date(s.until).toISOString(), '2027-02-28T10:00:00.000Z');
      assert.equal(s.untilBy, '12 months after signature');
      assert.equal(scopeOfAppointment(rec, Date.parse('2027-02-28T10:00:00Z')).kind, 'expired');
    });

    it('holds nothing without a signature date, when it names no product, or when its status withdraws it; the latest signed is the one', () => {
      const soa = (x: object): CustomerRecord => ({ id: ID, scopeOfAppointments: [x] }) as CustomerRecord;
      assert.equal(scopeOfAppointment(soa({ createdAt: '2026-11-01T00:00:00Z', products: ['MA'] }), NOW).kind, 'unsigned');
      assert.equal(scopeOfAppointment(soa({ signedAt: '2026-11-01T00:00:00Z' }), NOW).kind, 'no-products');
      assert.equal(scopeOfAppointment(soa({ signedAt: '2026-11-01T00:00:00Z', products: [] }), NOW).kind, 'no-products');
      assert.equal(
        scopeOfAppointment(soa({ signedAt: '2026-11-01T00:00:00Z', products: ['MA'], status: 'Revoked' }), NOW).kind,
        'withdrawn',
      );
      assert.equal(scopeOfAppointment({ id: ID }, NOW).kind, 'none');
      const two = {
        id: ID,
        scopeOfAppointments: [
          { signedAt: '2025-01-01T00:00:00Z', products: ['MA'] },
          { signedAt: '2026-11-01T00:00:00Z', products: ['PDP'] },
          { products: ['MS'] },
        ],
      } as CustomerRecord;
      const latest = scopeOfAppointment(two, NOW);
      assert.ok(latest.kind === 'holds');
      assert.deepEqual(latest.products, ['PDP']);
      for (const [x, words] of [
        [{ createdAt: '2026-11-01T00:00:00Z', products: ['MA'] }, /✕ Not valid no signature date/],
        [{ signedAt: '2026-11-01T00:00:00Z' }, /✕ Not valid signed Nov 1, 2026.*names no product/],
        [{ signedAt: '2026-11-01T00:00:00Z', products: ['MA'], status: 'Revoked' }, /✕ Not valid signed Nov 1, 2026.*Revoked/],
      ] as const)
        assert.match(row(renderCustomerBody(soa(x), { mask: true, fmt, now: NOW }).html, 'soa'), words);
    });
  });

  describe('scope of appointment: cannot tell is an answer', () => {
    const soa = (...xs: object[]): CustomerRecord => ({ id: ID, scopeOfAppointments: xs }) as CustomerRecord;
    it('says cannot tell, with the raw value, for an expiry written another way, a signature in the future or one it cannot read: never ✓ Valid', () => {
      for (const [rec, reason, raw] of [
        [
          soa({ signedAt: '2026-11-01T00:00:00Z', expiresAt: '12/31/2026', products: ['MA'] }),
          'its expiry date cannot be read',
          '12/31/2026',
        ],
        [
          soa({ signedAt: '2026-11-01T00:00:00Z', expiresAt: 1798675200, products: ['MA'] }),
          'its expiry date cannot be read',
          '1798675200',
        ],
        [soa({ signedAt: '2026-12-20T00:00:00Z', products: ['MA'] }), 'its signature date is in the future', '2026-12-20T00:00:00Z'],
        [soa({ signedAt: '11/01/2026', products: ['MA'] }), 'a signature date on record cannot be read', '11/01/2026'],
        [
          soa({ signedAt: '2026-11-01T00:00:00Z', products: ['MA'] }, { signedAt: 'yesterday', products: ['PDP'] }),
          'a signature date on record cannot be read',
          'yesterday',
        ],
      ] as const) {
        const s = scopeOfAppointment(rec, NOW);
        assert.deepEqual(s, { kind: 'cannot-tell', reason, raw });
        const glance = row(renderCustomerBody(rec, { mask: true, fmt, now: NOW }).html, 'soa');
        assert.equal(glance, `? Cannot tell ${reason}: “${raw}”`);
        assert.doesNotMatch(glance, /Valid/);
      }
    });
  });

  describe('the current plan', () => {
    const policy = (planName: string, status: string, extra: object = {}): object => ({
      planName,
      carrierName: 'Humana',
      status,
      ...extra,
    });

    it('is the policy in force, not the plan copied on the record, and says when the record names another (the hover card and the panel agree)', () => {
      const rec = {
        id: ID,
        planName: 'Old Plan (HMO)',
        carrierName: 'Humana',
        policies: [policy('Humana Gold Plus (HMO)', 'Active', { effectiveDate: '2026-01-01' })],
      } as CustomerRecord;
      const plan = coverage(rec, NOW).current;
      assert.equal(plan?.label, 'Humana Gold Plus (HMO)');
      assert.equal(plan?.recordNames, 'Old Plan (HMO) (Humana)');
      const panel = row(renderCustomerBody(rec, { mask: true, fmt, now: NOW }).html, 'plan');
      assert.match(panel, /^Humana Gold Plus \(HMO\) · since Jan 1, 2026 \(the customer record names Old Plan \(HMO\) \(Humana\)\)/);
      const card = customerHoverMarkdown(rec, { mask: true, fmt, now: NOW });
      assert.ok(card.includes(escapeMarkdown('Humana Gold Plus (HMO)')), card);
      assert.ok(!card.includes(escapeMarkdown('Old Plan')), 'the card names one plan, the same one');
    });

    it('is never a cancelled plan: with none in force it says so, and names the latest on record with its status', () => {
      const rec = {
        id: ID,
        planName: 'Humana Gold Plus (HMO)',
        policies: [policy('Humana Gold Plus (HMO)', 'Cancelled')],
      } as CustomerRecord;
      const c = coverage(rec, NOW);
      assert.equal(c.current, undefined);
      assert.deepEqual([c.latest?.label, c.latest?.status], ['Humana Gold Plus (HMO)', 'Cancelled']);
      assert.equal(
        row(renderCustomerBody(rec, { mask: true, fmt, now: NOW }).html, 'plan'),
        'None in force today · latest on record: Humana Gold Plus (HMO) · Cancelled',
      );
      assert.match(
        customerHoverMarkdown(rec, { mask: true, fmt, now: NOW }),
        /No plan in force today · latest on record: Humana Gold Plus \\\(HMO\\\) · Cancelled/,
      );
      const recordOnly = { id: ID, planName: 'Aetna Value (PPO)', effectiveDate: '2026-01-01' } as CustomerRecord;
      assert.deepEqual(
        [coverage(recordOnly, NOW).current?.label, coverage(recordOnly, NOW).current?.source],
        ['Aetna Value (PPO)', 'record'],
      );
      const pending = { id: ID, policies: [policy('A', 'Cancelled'), policy('B', 'Pending Effectuation')] } as CustomerRecord;
      assert.deepEqual(
        [coverage(pending, NOW).current, coverage(pending, NOW).upcoming?.label, coverage(pending, NOW).latest?.label],
        [undefined, 'B (Humana)', 'A (Humana)'],
        'a pending plan is upcoming, not current; the cancelled one is the latest on record',
      );
      assert.deepEqual(coverage({ id: ID }, NOW), { current: undefined, upcoming: undefined, latest: undefined });
    });

    it('is the plan in force today: the reported "Current plan … since Jan 1, 2027" on Dec 7, 2026 is upcoming, and today\'s plan is named', () => {
      const dec7 = Date.parse('2026-12-07T15:00:00Z');
      const rec = {
        id: ID,
        policies: [
          policy('Humana Gold Plus (HMO)', 'Pending Effectuation', { effectiveDate: '2027-01-01' }),
          policy('AARP Choice (PPO)', 'Active', { effectiveDate: '2025-01-01', terminationDate: '2026-12-31' }),
        ],
      } as CustomerRecord;
      const c = coverage(rec, dec7);
      assert.equal(c.current?.label, 'AARP Choice (PPO) (Humana)');
      assert.equal(c.upcoming?.label, 'Humana Gold Plus (HMO)');
      const html = renderCustomerBody(rec, { mask: true, fmt, now: dec7 }).html;
      assert.equal(row(html, 'plan'), 'AARP Choice (PPO) (Humana) · since Jan 1, 2025 · until Dec 31, 2026');
      assert.equal(row(html, 'upcoming'), 'Humana Gold Plus (HMO) · Pending Effectuation · from Jan 1, 2027');
      const card = customerHoverMarkdown(rec, { mask: true, fmt, now: dec7 });
      assert.match(card, /\$\(shield\) AARP Choice/);
      assert.match(card, /\$\(calendar\) Upcoming: Humana Gold Plus \\\(HMO\\\) from Jan 1, 2027 · Pending Effectuation/);
      // An Active policy that starts next month is upcoming too; one whose end has passed has ended.
      const later = coverage({ id: ID, policies: [policy('Next', 'Active', { effectiveDate: '2027-01-01' })] } as CustomerRecord, dec7);
      assert.deepEqual([later.current, later.upcoming?.label], [undefined, 'Next (Humana)']);
      const ended = coverage({ id: ID, policies: [policy('Gone', 'Active', { endDate: '2026-11-30' })] } as CustomerRecord, dec7);
      assert.deepEqual([ended.current, ended.latest?.standing], [undefined, 'ended']);
      assert.match(
        row(
          renderCustomerBody({ id: ID, policies: [policy('Gone', 'Active', { endDate: '2026-11-30' })] } as CustomerRecord, {
            mask: true,
            fmt,
            now: dec7,
          }).html,
          'plan',
        ),
        /None in force today · latest on record: Gone \(Humana\) · Active · ended Nov 30, 2026/,
      );
      // The plan recorded on the customer follows its effective date the same way.
      assert.equal(coverage({ id: ID, planName: 'Soon (PPO)', effectiveDate: '2027-02-01' }, dec7).upcoming?.label, 'Soon (PPO)');
    });

    it('says it cannot tell when a start date cannot be read, with the raw value, and still calls an Active policy current by its status', () => {
      const rec = { id: ID, policies: [policy('Plan X', 'Active', { effectiveDate: '01/05/2026' })] } as CustomerRecord;
      const c = coverage(rec, NOW);
      assert.equal(c.current?.label, 'Plan X (Humana)');
      assert.deepEqual(c.current?.starts, { raw: '01/05/2026' });
      assert.equal(
        row(renderCustomerBody(rec, { mask: true, fmt, now: NOW }).html, 'plan'),
        'Plan X (Humana) · since: ? Cannot tell the date on record cannot be read: “01/05/2026”',
      );
    });

    it('orders policies the same way everywhere: in force, pending, the rest; newest effective date first', () => {
      const list = [
        policy('Cancelled', 'Cancelled', { effectiveDate: '2026-06-01' }),
        policy('Old active', 'Active', { effectiveDate: '2024-01-01' }),
        policy('Pending', 'Pending'),
        policy('New active', 'Future Cancel', { effectiveDate: '2026-01-01' }),
      ];
      assert.deepEqual(policyOrder(list), [3, 1, 2, 0]);
    });

    it('the reported drift: with 600 policies in force, the cut-down copy of a huge record names the same current plan as the whole record', () => {
      const rec = {
        id: ID,
        policies: Array.from({ length: 600 }, (_, i) =>
          policy(`Plan ${i}`, 'Active', { effectiveDate: new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10) }),
        ),
      } as CustomerRecord;
      const cut = pruneRecord(rec, NOW);
      const index = omittedIndex(cut.record, cut.omitted);
      assert.equal(coverage(rec, NOW).current?.label, 'Plan 599 (Humana)');
      assert.equal(coverage(cut.record, NOW).current?.label, 'Plan 599 (Humana)');
      const whole = row(renderCustomerBody(rec, { mask: true, fmt, now: NOW }).html, 'plan');
      const copy = row(
        renderCustomerBody(cut.record, { mask: true, fmt, now: NOW, omitted: { index, skippedValues: cut.skippedValues } }).html,
        'plan',
      );
      assert.equal(copy, whole);
    });
  });

  it('says "no contact date on record" instead of "never contacted", with the calls it has', () => {
    const rec = { id: ID, totalCalls: 2 } as CustomerRecord;
    const glance = row(renderCustomerBody(rec, { mask: true, fmt, now: NOW }).html, 'contact');
    assert.equal(glance.trim(), 'No contact date on record (2 calls)');
    assert.doesNotMatch(renderCustomerBody(rec, { mask: true, fmt, now: NOW }).html, /Never contacted/);
    assert.match(customerHoverMarkdown(rec, { mask: true, fmt, now: NOW }), /no contact date on record/);
  });

  it('has one wording for how long ago, on every surface', () => {
    assert.equal(relativeTime(NOW - 5 * 60_000, NOW), '5 minutes ago');
    const html = renderCustomerBody(margaret, {
      mask: true,
      fmt,
      now: NOW,
      fetchedAt: NOW - 5 * 60_000,
      stale: { error: { message: 'x', action: 'retry', kind: 'network' }, at: NOW },
    }).html;
    assert.equal((html.match(/5 minutes ago/g) ?? []).length, 2, 'the header and the stale banner say it the same way');
  });

  describe('property tests: random records', () => {
    const word = fc.constantFrom('Humana Gold Plus (HMO)', 'AARP Choice', 'Plan <b>&"', 'Aetna', '\u202eelpmaxe', 'constructor', '');
    const date = fc.option(
      fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2028, 0, 1) }).map((t) => new Date(t).toISOString()),
      { nil: undefined },
    );
    const status = fc.constantFrom(
      'Active',
      'Future Cancel',
      'Pending',
      'Pending Effectuation',
      'Cancelled',
      'Terminated',
      'active',
      'Weird',
      undefined,
    );
    const policyArb = fc.record(
      {
        planName: fc.option(word, { nil: undefined }),
        carrierName: fc.option(word, { nil: undefined }),
        status,
        effectiveDate: fc.option(
          date.map((d) => d?.slice(0, 10)),
          { nil: undefined },
        ),
      },
      { requiredKeys: [] },
    );
    const soaArb = fc.record(
      {
        signedAt: date,
        expiresAt: fc.option(
          date.map((d) => d?.slice(0, 10)),
          { nil: undefined },
        ),
        products: fc.option(fc.array(word, { maxLength: 3 }), { nil: undefined }),
        status: fc.option(fc.constantFrom('Signed', 'Revoked', 'Void', 'Expired'), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    const flag = fc.option(fc.constantFrom(true, false, 'true', 1 as unknown as boolean), { nil: undefined });
    const recordArb = (policyMax: number, soaMax: number) =>
      fc.record({
        id: fc.constant(ID),
        firstName: fc.option(word, { nil: undefined }),
        lastName: fc.option(word, { nil: undefined }),
        status: fc.option(fc.constantFrom('Active', 'Lead', 'toString'), { nil: undefined }),
        city: fc.option(word, { nil: undefined }),
        state: fc.option(fc.constantFrom('OH', 'TX', '<i>'), { nil: undefined }),
        postalCode: fc.option(fc.constantFrom('43215', '', '9'), { nil: undefined }),
        planName: fc.option(word, { nil: undefined }),
        carrierName: fc.option(word, { nil: undefined }),
        effectiveDate: fc.option(date, { nil: undefined }),
        doNotCall: flag,
        doNotSMS: flag,
        doNotEmail: flag,
        doNotMail: flag,
        totalCalls: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        lastContactedAt: date,
        dateOfBirth: fc.option(fc.constantFrom('1950-02-28', '1961-12-31', 'not a date'), { nil: undefined }),
        policies: fc.array(policyArb, { maxLength: policyMax }),
        scopeOfAppointments: fc.array(soaArb, { maxLength: soaMax }),
      }) as fc.Arbitrary<CustomerRecord>;

    it('every surface says the same plan, location and restrictions as the summary', () => {
      fc.assert(
        fc.property(recordArb(6, 3), fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) }), (rec, now) => {
          const s = summarize(rec, { now });
          const html = renderCustomerBody(rec, { mask: true, fmt, now }).html;
          const card = customerHoverMarkdown(rec, { mask: true, fmt, now });
          const plan = /data-field="plan"><dt>Current plan<\/dt><dd>(.*?)<\/dd>/.exec(html)?.[1] ?? '';
          const current = s.coverage.current;
          if (current) {
            assert.ok(plan.startsWith(escapeHtml(current.label)), `panel plan: ${plan}`);
            assert.ok(card.includes(`$(shield) ${escapeMarkdown(current.label.slice(0, 139))}`), `card plan: ${card}`);
          } else {
            assert.match(plan, /None in force today/);
            assert.ok(
              !card.includes('$(shield)') || card.includes('$(shield) No plan in force today'),
              'no plan in force on the card either',
            );
          }
          if (s.location) {
            assert.ok(html.includes(`data-field="location"><dt>Location</dt><dd>${escapeHtml(s.location)}</dd>`));
            assert.ok(card.includes(`$(location) ${escapeMarkdown(s.location)}`));
          } else assert.ok(!html.includes('data-field="location"') && !card.includes('$(location)'));
          const alert = /<div class="alert"[^]*?<\/div>/.exec(html)?.[0] ?? '';
          for (const r of ['Do not call', 'Do not text', 'Do not email', 'Do not mail']) {
            const set = s.restrictions.includes(r);
            assert.equal(alert.includes(r), set, `panel ${r}`);
            assert.equal(new RegExp(`\\*\\*[^*]*${r}`, 'i').test(card.split('\n')[0] ?? ''), set, `card ${r}`);
          }
          assert.ok(inlineLabel(rec).includes(s.name.replace(/[\u202a-\u202e]/g, '')));
        }),
        { numRuns: 300 },
      );
    });

    it('no surface says valid, current or since for what the record does not establish; what it cannot read is shown as cannot tell', () => {
      const NOW_ = Date.UTC(2026, 11, 7, 15);
      const iso = fc.integer({ min: NOW_ - 800 * 86_400_000, max: NOW_ + 400 * 86_400_000 }).map((t) => new Date(t).toISOString());
      const anyDate = fc.oneof(
        iso,
        iso.map((d) => d.slice(0, 10)),
        iso.map((d) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`),
        fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
        fc.constantFrom('soon', '2026-02-30', '', undefined, null),
      );
      const polArb = fc.record(
        { planName: fc.constantFrom('Plan A', 'Plan B', 'Plan C'), status, effectiveDate: anyDate, terminationDate: anyDate },
        { requiredKeys: ['planName'] },
      );
      const soaDates = fc.record(
        {
          signedAt: anyDate,
          expiresAt: anyDate,
          products: fc.constant(['MA']),
          status: fc.option(fc.constant('Signed'), { nil: undefined }),
        },
        { requiredKeys: [] },
      );
      const recArb = fc.record({
        id: fc.constant(ID),
        policies: fc.array(polArb, { maxLength: 4 }),
        scopeOfAppointments: fc.array(soaDates, { maxLength: 3 }),
        lastContactedAt: anyDate,
      }) as fc.Arbitrary<CustomerRecord>;
      const isIso = (v: unknown): boolean => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(v) && v !== '2026-02-30';
      const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
      fc.assert(
        fc.property(recArb, (rec) => {
          const html = renderCustomerBody(rec, { mask: true, fmt, now: NOW_ }).html;
          const card = customerHoverMarkdown(rec, { mask: true, fmt, now: NOW_ });
          const soas = (rec.scopeOfAppointments ?? []) as Array<Record<string, unknown>>;
          const soaRow = row(html, 'soa');
          // ✓ Valid only when every signature date is readable, the latest was signed by now, and its expiry is readable.
          if (soaRow.includes('✓ Valid')) {
            assert.ok(
              soas.every((x) => !present(x.signedAt) || isIso(x.signedAt)),
              soaRow,
            );
            const latest = soas
              .filter((x) => isIso(x.signedAt))
              .sort((a, b) => Date.parse(String(b.signedAt)) - Date.parse(String(a.signedAt)))[0]!;
            assert.ok(
              Date.parse(String(latest.signedAt).length === 10 ? `${String(latest.signedAt)}T00:00:00Z` : String(latest.signedAt)) <= NOW_,
            );
            assert.ok(!present(latest.expiresAt) || isIso(latest.expiresAt), soaRow);
          }
          const unreadableSig = soas.find((x) => present(x.signedAt) && !isIso(x.signedAt));
          if (unreadableSig) assert.match(soaRow, /^\? Cannot tell a signature date on record cannot be read/, soaRow);
          // Current only for a policy in force by status that has started (or says nothing of when) and not ended.
          const cov = coverage(rec, NOW_);
          const cur = cov.current;
          if (cur) {
            assert.ok(['Active', 'Future Cancel', 'active'].includes(cur.status ?? ''), `current with status ${cur.status}`);
            assert.ok(cur.starts?.ms === undefined || cur.starts.ms <= NOW_, 'current, yet it starts later');
            assert.ok(cur.ends?.ms === undefined || cur.ends.ms + 86_400_000 > NOW_, 'current, yet it ended');
            const planRow = row(html, 'plan');
            if (cur.starts && cur.starts.ms === undefined) assert.match(planRow, /since: \? Cannot tell/);
            if (cur.starts?.ms !== undefined) assert.match(planRow, / · since [A-Z][a-z]{2} \d{1,2}, \d{4}/);
          }
          if (cov.upcoming?.starts?.ms !== undefined) assert.ok(cov.upcoming.starts.ms > NOW_, 'upcoming, yet it has started');
          // A contact date that cannot be read reaches the screen as cannot tell, with its raw text.
          const lc = rec.lastContactedAt as unknown;
          if (present(lc) && !isIso(lc)) {
            assert.match(row(html, 'contact'), /^\? Cannot tell the contact date on record cannot be read/);
            assert.match(card, /last contact: cannot tell/);
          }
        }),
        { numRuns: 400 },
      );
    });

    it("the cut-down copy of a huge record has the whole record's summary", () => {
      fc.assert(
        fc.property(recordArb(MAX_ITEMS + 150, MAX_ITEMS + 60), (rec) => {
          const cut = pruneRecord(rec, NOW);
          const index = omittedIndex(cut.record, cut.omitted);
          const omittedPolicies = Array.isArray(cut.record.policies) ? index.get(cut.record.policies)?.items : undefined;
          const whole: CustomerSummary = summarize(rec, { now: NOW });
          assert.deepEqual(summarize(cut.record, { now: NOW, omittedPolicies }), whole);
        }),
        { numRuns: 40 },
      );
    });
  });
});
