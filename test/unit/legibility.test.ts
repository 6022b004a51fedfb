import assert from 'node:assert/strict';
import type { CustomerRecord } from '../../src/core/api/schema';
import { CareCycleClient } from '../../src/core/api/client';
import { CareCycleError } from '../../src/core/api/errors';
import { createFormatter } from '../../src/core/render/format';
import { renderCustomerBody, renderError } from '../../src/core/render/panel';
import { customFieldName } from '../../src/core/render/values';
import { SAMPLE_CUSTOMERS } from '../mock-api/customers';
import { SAMPLE_IDS } from '../support/constants.mjs';

const fmt = createFormatter('en-US', 'UTC');
const NOW = Date.parse('2026-12-02T12:00:00Z');
const sample = (id: string): CustomerRecord => SAMPLE_CUSTOMERS.find((c) => c.id === id) as unknown as CustomerRecord;
const margaret = sample(SAMPLE_IDS.margaret);
const render = (r: CustomerRecord): string => renderCustomerBody(r, { mask: true, fmt, now: NOW }).html;
const section = (html: string, id: string): string =>
  /<section id="sec-[^"]*"[^]*?<\/section>/g.exec('')?.[0] ?? html.match(new RegExp(`<section id="sec-${id}"[^]*?</section>`))?.[0] ?? '';
const textOf = (html: string): string => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('what a person reads is not empty, repeated or raw', () => {
  it('draws no column that is empty in every row, and no status column when no row has a status', () => {
    const html = render(margaret);
    const providers = section(html, 'providers');
    assert.ok(providers, 'the providers section');
    assert.doesNotMatch(providers, /<span class="item-status">Status<\/span>/, 'providers carry isActive, not a status');
    assert.doesNotMatch(section(html, 'policies'), /<span class="cell">Effective<\/span>/, 'no policy has an effective date');
    assert.match(section(html, 'policies'), /<span class="item-status">Status<\/span>/, 'policies do have statuses');
  });

  it('draws a section with nothing in it as one line, not a card of hidden rows', () => {
    const charles = sample(SAMPLE_IDS.charles);
    const html = render(charles);
    const household = section(html, 'household');
    assert.match(household, /class="empty-collection"/);
    assert.match(textOf(household), /Household, income and subsidy Nothing on record/);
    assert.doesNotMatch(household, /Show \d+ more field/);
  });

  it('shows the desired coverage start once when its legacy twin says the same', () => {
    const html = render({ ...margaret, desiredCoverageStartDate: '2027-01-01', desiredCoverageStart: '2027-01-01T00:00:00Z' });
    assert.match(html, /class="row empty-row" data-field="desiredCoverageStart"/, 'the twin is hidden with the empty rows');
    assert.match(html, /class="row" data-field="desiredCoverageStartDate"/);
    const different = render({ ...margaret, desiredCoverageStartDate: '2027-01-01', desiredCoverageStart: '2027-02-01' });
    assert.match(different, /class="row" data-field="desiredCoverageStart"/, 'both, when they differ');
  });

  it('does not repeat in an opened row what its summary row shows; the agent of record is one name; "Agent NPN" everywhere', () => {
    const policies = section(render(margaret), 'policies');
    const first = policies.match(/<details class="item"[^]*?<\/details>/)?.[0] ?? '';
    const [summary, details] = first.split('</summary>');
    for (const v of ['Humana', 'MAPD']) {
      assert.ok(summary?.includes(v), `${v} in the summary row`);
      assert.ok(!details?.includes(`>${v}<`), `${v} not again in the details`);
    }
    assert.match(details ?? '', /<dt>Agent of record<\/dt><dd><span class="text">Dana Whitfield<\/span><\/dd>/);
    assert.doesNotMatch(details ?? '', /Agent of record first name|Agent of record last name/);
    assert.match(details ?? '', /<dt>Agent NPN<\/dt>/);
    assert.doesNotMatch(render(margaret), /Agent of record NPN|Agent npn/);
  });

  it("names custom fields by what they are, not by their definition's key", () => {
    assert.equal(customFieldName({ fieldDefinitionId: 'cf-preferred-pharmacy' }), 'Preferred pharmacy');
    assert.equal(customFieldName({ fieldDefinitionId: 'cf-x', name: 'Referral code' }), 'Referral code');
    assert.equal(customFieldName({ fieldDefinitionId: 'f0e1d2c3-b4a5-4968-8776-a5b4c3d2e1f0' }), 'Custom field');
    const html = section(render(margaret), 'customFields');
    assert.match(html, /Preferred pharmacy: Kroger Pharmacy #412/);
    assert.doesNotMatch(textOf(html), /cf-preferred-pharmacy/);
  });

  it('formats every date it shows', () => {
    for (const c of SAMPLE_CUSTOMERS) {
      const shown = textOf(render(c).replace(/<(time|code)[^>]*>[^<]*<\/\1>/g, ''));
      const raw = shown.match(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g) ?? [];
      assert.deepEqual(raw, [], `${c.id}: ${raw.join(', ')}`);
    }
  });
});

describe('a customer who is not in the environment switched to', () => {
  const notFound = new CareCycleError('not-found', 'No customer has the ID x.', 'none');
  it('says which environment has no such customer, where they were, and offers to go back', () => {
    const html = renderError(SAMPLE_IDS.margaret, notFound, { name: 'Margaret Okafor', environment: 'Playground', seenIn: 'Local' });
    assert.match(textOf(html), /Not in Playground No customer has this ID in Playground\. It is Margaret Okafor in Local\./);
    assert.match(html, /data-action="switchBack">Switch back to Local<\/button>/);
    assert.doesNotMatch(html, /No such customer/);
  });
  it('offers no way back when there is none (never seen elsewhere), and says it plainly with one environment', () => {
    assert.doesNotMatch(renderError(SAMPLE_IDS.margaret, notFound, { environment: 'Playground' }), /switchBack/);
    assert.match(renderError(SAMPLE_IDS.margaret, notFound), /No such customer/);
  });
});

describe('a refused key, in the words that fit the environment', () => {
  const refused = (environment: string) =>
    new CareCycleClient({
      fetch: () =>
        Promise.resolve({
          status: 401,
          headers: { get: (n: string) => (n === 'content-type' ? 'application/json' : null) },
          body: (async function* () {
            await Promise.resolve();
            yield Buffer.from(JSON.stringify({ message: 'Invalid API key', code: 'UNAUTHORIZED' }));
          })(),
        }),
      endpoint: () => Promise.resolve({ baseUrl: 'https://api.carecycle.ai', key: 'cc_key_0123456789', environment }),
      timeoutMs: () => 60_000,
      userAgent: 't',
      retry: { maxRetries: 0 },
    }).getCustomer(SAMPLE_IDS.margaret);

  it('says that playground keys expire only for a playground, and names the environment that refused it', async () => {
    const production = await refused('Production').catch((e: CareCycleError) => e);
    assert.ok(production instanceof CareCycleError && production.kind === 'unauthorized');
    assert.doesNotMatch(production.message, /14 days|playground/i);
    assert.equal(production.details.environment, 'Production');
    const playground = await refused('Playground').catch((e: CareCycleError) => e);
    assert.ok(playground instanceof CareCycleError);
    assert.match(playground.message, /Playground keys expire after 14 days/);
  });
});
