// The record panel in a light theme, and a record made of injection payloads in the real browser:
// no script runs, no request leaves the webview, the layout stays usable.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../host/paths.mjs';
import { IDS, openCustomerThroughPalette, setKeyThroughPalette, startMockApi, startSession, until } from './harness.mjs';

const { hostileCustomer, PAYLOADS } = await import(path.join(repoRoot, 'out/test/fixtures/hostile.js'));
const HOSTILE_ID = 'bad0c0de-0bad-4bad-8bad-0badc0de0bad';

describe('e2e: the record panel (light and high-contrast themes) and hostile records', function () {
  this.timeout(180_000);
  let s;
  let api;
  before(async () => {
    api = await startMockApi({});
    api.customers.set(HOSTILE_ID, hostileCustomer(HOSTILE_ID));
    s = await startSession('panel', { theme: 'Default Light Modern', api });
    await setKeyThroughPalette(s);
  });
  after(async () => {
    await s?.close();
    await api?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await s?.shot(`FAILED-panel-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}.png`);
  });

  it('shows a full record in a light theme, every section present', async () => {
    await openCustomerThroughPalette(s, IDS.margaret);
    const wv = s.webview();
    await wv.locator('h1#customer-name', { hasText: 'Margaret Okafor' }).waitFor({ timeout: 20_000 });
    for (const section of [
      'Profile',
      'Medicare and Medicaid',
      'Communication preferences',
      'Policies',
      'Prescriptions',
      'Providers',
      'Scopes of appointment',
      'Dependents',
      'Custom fields',
      'Campaigns',
    ]) {
      await wv.locator('h2', { hasText: section }).first().waitFor();
    }
    await wv.getByRole('button', { name: 'Reveal all identifiers' }).click();
    await wv.getByText('1EG4TE5MK73').waitFor();
    await wv.getByText('912-44-7781').waitFor();
    await s.shot('panel-light.png');
  });

  it('is usable from the keyboard: Tab reaches the actions, Enter runs them', async () => {
    const wv = s.webview();
    await wv.locator('h1#customer-name').click();
    let focused = '';
    for (let i = 0; i < 6 && focused !== 'Refresh'; i++) {
      await s.page.keyboard.press('Tab');
      focused = (
        (await wv
          .locator(':focus')
          .first()
          .textContent()
          .catch(() => '')) ?? ''
      ).trim();
    }
    assert.equal(focused, 'Refresh', 'Tab reaches Refresh');
    const before = s.api.requests.filter((r) => r.id === IDS.margaret).length;
    await s.page.keyboard.press('Enter');
    await until(() => s.api.requests.filter((r) => r.id === IDS.margaret).length > before, 'the refresh request');
    assert.equal(s.api.requests.filter((r) => r.id === IDS.margaret).length, before + 1, 'Enter on Refresh fetched again');
  });

  it("shows injection payloads in a hover card as text, with only the extension's own links", async () => {
    fs.writeFileSync(path.join(s.workspace, 'hostile.log'), `2026-11-27 INFO customer=${HOSTILE_ID} imported\n`);
    await s.openFile('hostile.log');
    const hover = await s.hover(HOSTILE_ID);
    await hover.getByRole('link', { name: 'Open record' }).waitFor();
    const hrefs = await hover.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
    for (const h of hrefs) assert.match(h, /^command:carecycle\.(openCustomer|copyCustomerId)\?/, `unexpected link ${h}`);
    assert.equal(await hover.locator('img, script, iframe, form').count(), 0);
    assert.match(await hover.innerText(), /<form action=/);
    await s.shot('hover-hostile.png');
    await s.page.keyboard.press('Escape');
  });

  it('renders a record of injection payloads as inert text: no script runs, nothing is fetched', async () => {
    const before = s.requests.length;
    await openCustomerThroughPalette(s, HOSTILE_ID);
    const wv = s.webview();
    await wv.locator('h1#customer-name').waitFor({ timeout: 20_000 });
    // The payloads appear as text a person can read.
    await wv.getByText(PAYLOADS[0]).first().waitFor();
    // The page has loaded everything it was going to (a payload's image or script would have had
    // its chance) and drawn two frames since.
    await wv.locator('body').evaluate(
      () =>
        new Promise((resolve) => {
          const settle = () => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve));
          if (document.readyState === 'complete') settle();
          else window.addEventListener('load', settle, { once: true });
        }),
    );
    const frames = s.page.frames();
    for (const f of frames) {
      const pwned = await f.evaluate(() => window.__pwned).catch(() => undefined);
      assert.equal(pwned, undefined, `a payload ran in ${f.url()}`);
    }
    const leaked = s.requests.slice(before).filter((u) => /127\.0\.0\.1:9\/|^javascript:/.test(u));
    assert.deepEqual(leaked, [], 'no request left the webview');
    // Still usable: the actions work.
    await wv.getByRole('button', { name: 'Refresh' }).click();
    await wv.locator('h1#customer-name').waitFor();
    await s.shot('panel-hostile.png');
  });

  it("draws sections and badges with the theme's contrast borders in a high-contrast theme", async () => {
    await s.runCommand('Preferences: Color Theme');
    await s.quickInput().fill('Default High Contrast');
    await s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Default High Contrast' }).first().click();
    await s.page.locator('.monaco-workbench.hc-black').waitFor({ timeout: 30_000 });
    await openCustomerThroughPalette(s, IDS.margaret);
    const wv = s.webview();
    await wv.locator('h1#customer-name', { hasText: 'Margaret Okafor' }).waitFor({ timeout: 20_000 });
    await wv.locator('body.vscode-high-contrast').waitFor();
    const border = await wv
      .locator('section')
      .first()
      .evaluate((el) => window.getComputedStyle(el).borderTopColor);
    assert.notEqual(border, 'rgba(0, 0, 0, 0)', 'sections have a visible border');
    await s.shot('panel-high-contrast.png');
  });
});
