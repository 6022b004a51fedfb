// A new user's first minutes, driven with keyboard and mouse: hover without a key, set the key
// through the palette, hover again, open customers, reveal a masked field, use the sidebar, list a
// log's customers, follow an ID printed in the terminal, reload.
import assert from 'node:assert/strict';
import { editorSession } from './editorSession.mjs';
import {
  CARECYCLE_ICON,
  DEMO_KEY,
  IDS,
  dismissHover,
  openCustomerInput,
  setKeyThroughPalette,
  showRecentCustomers,
  until,
} from './harness.mjs';

describe("e2e: a user's first session", function () {
  let s;
  before(async () => {
    // The first of the files that share the editor window: it starts with no key, as a new user does.
    s = await editorSession();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await s?.shot(`FAILED-journey-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}.png`);
  });

  it('welcomes a new user in the sidebar with a button to set the key', async () => {
    const icon = s.page.locator(CARECYCLE_ICON).first();
    await icon.click();
    const pane = s.page.locator('.pane', { hasText: 'Recent Customers' });
    await pane.getByText('Set your CareCycle API key').waitFor();
    await pane.getByRole('button', { name: 'Set API Key' }).waitFor();
    await s.shot('welcome.png');
    await s.page
      .locator('.activitybar .action-item a[aria-label^="Explorer"], .activitybar .action-item[aria-label^="Explorer"]')
      .first()
      .click();
  });

  it('offers to set a key from the hover card when none is set', async () => {
    await s.openFile('enrollment-sync.log');
    const hover = await s.hover(IDS.margaret);
    assert.match(await hover.innerText(), /set an API key/i);
    await s.page.keyboard.press('Escape');
  });

  it('sets the key through the palette, with the reason shown as it is typed', async () => {
    await s.runCommand('CareCycle: Set API Key');
    const input = s.page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await input.waitFor();
    await input.fill('sk_live_123');
    await s.page.locator('.quick-input-widget .quick-input-message', { hasText: 'begin with "cc_"' }).waitFor();
    await input.fill(DEMO_KEY);
    await s.page.keyboard.press('Enter');
    await s.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  });

  it('flags a key written in a file, and the quick fix replaces it with an environment variable', async () => {
    await s.openFile('sync-config.ts');
    const squiggle = s.page.locator('.monaco-editor .squiggly-warning').first();
    await squiggle.waitFor();
    // Put the cursor on the key and ask for the fixes there (F1 > Quick Fix...).
    await s.page.locator('.monaco-editor .view-line span', { hasText: DEMO_KEY }).first().click();
    await s.runCommand('Quick Fix...');
    const fix = s.page.locator('.action-widget .monaco-list-row', { hasText: 'Replace with process.env.CARECYCLE_API_KEY' });
    // The menu opens once every code action provider has answered, TypeScript's among them: on a busy
    // machine its server's first project load can take longer than ours by far (seen: over 15 s).
    await fix.waitFor();
    await s.page.locator('.action-widget .monaco-list-row', { hasText: 'Store as the CareCycle API key' }).waitFor();
    await s.shot('key-quick-fix.png');
    await fix.click();
    await s.page.locator('.monaco-editor .view-line', { hasText: 'process.env.CARECYCLE_API_KEY' }).waitFor();
    assert.equal(await s.page.locator('.monaco-editor .view-line', { hasText: DEMO_KEY }).count(), 0);
    await s.page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'detached' });
  });

  it('shows a server message with a command link in a notification as plain text, not a link', async () => {
    const hostile = 'Upstream failure. [Retry](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D)';
    // The key check after saving a key reads the nil UUID: that answer is the hostile one.
    s.api.addFault({
      fault: { kind: 'status', status: 500, body: { message: hostile, code: 'INTERNAL_ERROR' } },
      id: '00000000-0000-0000-0000-000000000000',
    });
    await setKeyThroughPalette(s);
    await s.runCommand('Notifications: Show Notifications');
    const item = s.page.locator('.notifications-center .notification-list-item', { hasText: 'could not be checked' }).first();
    await item.waitFor();
    const message = item.locator('.notification-list-item-message');
    assert.match(await message.innerText(), /Upstream failure/);
    assert.equal(await message.locator('a').count(), 0, 'no link in the message');
    await s.shot('notification-hostile.png');
    s.api.clearFaults();
    await s.page.keyboard.press('Escape');
  });

  it('hovers an ID in a log file with the mouse and reads the card', async () => {
    await s.openFile('enrollment-sync.log');
    await dismissHover(s);
    const hover = await s.hover(IDS.margaret);
    await hover.getByText('Margaret Okafor').waitFor();
    const text = await hover.innerText();
    assert.match(text, /Margaret Okafor/);
    assert.match(text, /Columbus, OH 43215/);
    assert.match(text, /3 policies/);
    assert.match(text, /Open record/);
    assert.ok(!text.includes('1EG4TE5MK73'), 'MBI masked');
    await s.shot('hover-card.png');
  });

  it("opens the record from the card's link", async () => {
    const hover = await s.hover(IDS.margaret);
    await hover.getByRole('link', { name: 'Open record' }).click();
    const wv = s.webview();
    await wv.locator('h1#customer-name', { hasText: 'Margaret Okafor' }).waitFor();
    await s.page.locator('.tab.active', { hasText: 'Margaret Okafor' }).waitFor();
  });

  it('reveals a masked identifier on request, and only then', async () => {
    const wv = s.webview();
    const mbiRow = wv.locator('[data-field="mbiNumber"]');
    assert.ok(!(await mbiRow.innerText()).includes('1EG4TE5MK73'));
    await mbiRow.getByRole('button', { name: /Reveal/ }).click();
    await mbiRow.getByText('1EG4TE5MK73').waitFor();
    await s.shot('panel-dark.png');
  });

  it('refreshes the record from the panel', async () => {
    const before = s.api.requests.filter((r) => r.id === IDS.margaret).length;
    await s.webview().getByRole('button', { name: 'Refresh' }).click();
    await s.webview().locator('h1#customer-name', { hasText: 'Margaret Okafor' }).waitFor();
    await until(() => s.api.requests.filter((r) => r.id === IDS.margaret).length > before, 'the refresh request');
    assert.equal(s.api.requests.filter((r) => r.id === IDS.margaret).length, before + 1);
  });

  it('opens a customer through the palette, validating the ID as it is typed', async () => {
    const input = await openCustomerInput(s);
    await input.fill('497f6eca-6276-0993-bfeb-53cbbbba6f08');
    await s.page.locator('.quick-input-widget .quick-input-message', { hasText: 'version digit' }).waitFor();
    await input.fill(IDS.robert);
    await s.page.keyboard.press('Enter');
    await s.webview().locator('h1#customer-name', { hasText: 'Robert Castillo' }).waitFor();
  });

  it('lists both customers in the sidebar, and a click reopens one', async () => {
    const pane = await showRecentCustomers(s);
    const rows = pane.locator('.monaco-list-row');
    await rows.nth(1).waitFor();
    const texts = await rows.allInnerTexts();
    assert.equal(texts.length, 2);
    assert.match(texts[0], /^Robert Castillo Jr\.\s*Active/);
    assert.match(texts[1], /^Margaret Okafor\s*Active/);
    await rows.nth(1).click();
    await s.page.locator('.tab.active', { hasText: 'Margaret Okafor' }).waitFor();
    await s.webview().locator('h1#customer-name', { hasText: 'Margaret Okafor' }).waitFor();
    await s.shot('sidebar.png');
  });

  it('shows the names of customers already looked up beside their IDs (inline names)', async () => {
    await s.openFile('enrollment-sync.log');
    const name = s.page.locator('.monaco-editor .view-line span', { hasText: /·\s*Margaret\sOkafor\s*·\s*Active/ }).first();
    await name.waitFor();
    await s.page
      .locator('.monaco-editor .view-line span', { hasText: /·\s*Robert\sCastillo/ })
      .first()
      .waitFor();
    await s.shot('inline-names-dark.png');
    // A click on the name opens the record (Ctrl+click, as on any inlay hint with a command).
    await s.page.locator('.tab', { hasText: 'enrollment-sync.log' }).first().waitFor();
    await s.ctrlClick(name, 'the inline name');
    await s.page.locator('.tab.active', { hasText: 'Margaret Okafor' }).waitFor();
  });

  it("lists a log's customers in order of first mention, with counts and lines", async () => {
    const before = s.api.requests.length;
    await s.openFile('enrollment-sync.log');
    await s.runCommand('CareCycle: Customers in This File');
    const rows = s.page.locator('.quick-input-list .monaco-list-row');
    await rows.nth(5).waitFor();
    const first = await rows.first().innerText();
    assert.match(first, /3× · first on line 1/);
    await s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Margaret Okafor' }).waitFor();
    await s.shot('customers-in-file.png');
    await s.page.keyboard.press('Enter');
    await s.webview().locator('h1#customer-name', { hasText: 'Margaret Okafor' }).waitFor();
    // At most a few names were fetched up front, plus the one opened.
    const sent = s.api.requests.length - before;
    assert.ok(sent <= 6, `${sent} requests`);
  });

  it('keeps the recent list across a window reload, and the panel comes back and fetches again', async () => {
    const before = s.api.requests.length;
    const rowsBefore = await s.page.locator('.pane', { hasText: 'Recent Customers' }).locator('.monaco-list-row').count();
    assert.ok(rowsBefore >= 2);
    await Promise.all([s.page.waitForEvent('load'), s.runCommand('Developer: Reload Window')]);
    await s.page.waitForSelector('.monaco-workbench');
    const pane = s.page.locator('.pane', { hasText: 'Recent Customers' });
    await pane
      .locator('.monaco-list-row')
      .nth(rowsBefore - 1)
      .waitFor();
    assert.equal(await pane.locator('.monaco-list-row').count(), rowsBefore);
    await s.webview().locator('h1#customer-name').waitFor();
    assert.ok(s.api.requests.length > before, 'the restored panel fetched the record again');
  });
});
