// What a person sees is true, calm and legible (#26), measured in the page: the header's height, no
// value broken inside a word at 1,080 and 1,440 px, what was expanded kept across a refresh and a new
// key, a non-customer's card without a link line, a pasted log line's IDs labelled, restrictions in
// Recent Customers and an Undo for Remove.
import assert from 'node:assert/strict';
import { editorSession } from './editorSession.mjs';
import {
  IDS,
  dismissHover,
  openCustomerInput,
  openCustomerThroughPalette,
  panelFrame,
  redrawnAfter,
  setKeyThroughPalette,
  showRecentCustomers,
  switchTheme,
  until,
} from './harness.mjs';

/** Every run of two or more characters drawn on more than one line, in the panel's values and header. */
function brokenWords() {
  const out = [];
  for (const el of document.querySelectorAll('main dd, main .cell, header .idline, header .badges, header h1')) {
    const walker = document.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const re = /\S{2,}/g;
      for (let m = re.exec(n.textContent); m; m = re.exec(n.textContent)) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const lines = new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
  }
  // And no value wider than its column (it would be cut off or push the page sideways).
  for (const dd of document.querySelectorAll('main dd'))
    if (dd.checkVisibility() && dd.scrollWidth > dd.clientWidth + 1) out.push(`overflows: ${dd.textContent.slice(0, 40)}`);
  return out;
}

describe('e2e: what a person sees is true, calm and legible', function () {
  let s;
  before(async () => {
    s = await editorSession();
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await s.runCommand('View: Close All Editors');
    await switchTheme(s, 'Dark Modern', 'vs-dark');
    await setKeyThroughPalette(s);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await s?.shot(`FAILED-legibility-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}.png`);
  });

  it('keeps the header within 130 px at 1440×900: Refresh, and the rest in a menu the keyboard opens and closes', async () => {
    await openCustomerThroughPalette(s, IDS.margaret);
    await s.webview().locator('h1#customer-name', { hasText: 'Margaret Okafor' }).waitFor();
    const frame = await panelFrame(s, 'Margaret');
    const height = await frame.evaluate(() => document.querySelector('header.sticky').getBoundingClientRect().height);
    console.log(`      sticky header: ${Math.round(height)} px (name, badges, ID, actions and the restrictions)`);
    assert.ok(height <= 130, `${height} px`);
    const wv = s.webview();
    const more = wv.getByRole('button', { name: 'More actions' });
    await more.focus();
    await s.page.keyboard.press('Enter');
    await wv.locator('#more-actions').waitFor();
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    await until(
      async () => (await frame.evaluate(() => document.activeElement?.textContent)) === 'Copy as JSON',
      'focus on the first action',
    );
    await s.page.keyboard.press('ArrowDown');
    await until(
      async () => (await frame.evaluate(() => document.activeElement?.textContent)) === 'Copy including identifiers…',
      'the next action',
    );
    await s.shot('panel-header-menu.png');
    await s.page.keyboard.press('Escape');
    await wv.locator('#more-actions').waitFor({ state: 'hidden' });
    assert.equal(await frame.evaluate(() => document.activeElement?.textContent?.trim()), 'More actions ▾', 'focus back on the button');
  });

  it('breaks no value inside a word at 1,080 px (the side bar open) and 1,440 px', async () => {
    const sidebar = s.page.locator('.part.sidebar');
    for (const open of [true, false]) {
      if ((await sidebar.isVisible()) !== open) await s.runCommand('View: Toggle Primary Side Bar Visibility');
      await sidebar.waitFor({ state: open ? 'visible' : 'hidden' });
      for (const [id, name] of [
        [IDS.margaret, 'Margaret'],
        [IDS.helen, 'Helen'],
        [IDS.patricia, 'Patricia'],
        [IDS.george, 'George'],
      ]) {
        await openCustomerThroughPalette(s, id);
        await s.webview().locator('h1#customer-name', { hasText: name }).waitFor();
        const frame = await panelFrame(s, name);
        const width = await until(async () => {
          const w = await frame.evaluate(() => window.innerWidth);
          return (open ? w < 1200 : w > 1300) && w;
        }, 'the editor width');
        assert.deepEqual(await frame.evaluate(brokenWords), [], `${name} at ${width} px`);
        if (name === 'Margaret') await s.shot(`panel-${open ? 1080 : 1440}.png`);
      }
    }
    if (!(await sidebar.isVisible())) await s.runCommand('View: Toggle Primary Side Bar Visibility');
  });

  it('keeps the rows a person opened, and where they had scrolled, across a refresh and a new key', async () => {
    await openCustomerThroughPalette(s, IDS.helen);
    const wv = s.webview();
    await wv.locator('h1#customer-name', { hasText: 'Helen' }).waitFor();
    const rows = wv.locator('#sec-policies details.item');
    await rows.nth(1).locator(':scope > summary').click();
    await rows.nth(4).locator(':scope > summary').click();
    const frame = await panelFrame(s, 'Helen');
    await frame.evaluate(() => window.scrollTo(0, 600));
    // What a person opened and where they are: read in one step, so that both come from the same page.
    const place = () =>
      frame.evaluate(() => ({
        open: [...document.querySelectorAll('#sec-policies details.item[open]')].map((d) => d.dataset.key),
        y: window.scrollY,
      }));
    const before = await place();
    assert.equal(before.open.length, 2);
    // Each action draws the record again (the refresh with a busy page first, the key with a loading page).
    const again = async (what, action) => {
      await redrawnAfter(s, action, 'h1#customer-name', { hasText: 'Helen' });
      assert.deepEqual(await place(), before, `the same rows open and the same place after ${what}`);
    };
    const requests = s.api.requests.length;
    await again('a refresh', async () => {
      await wv.getByRole('button', { name: 'Refresh' }).click();
      await until(() => s.api.requests.length > requests, 'the refresh');
    });
    // A new key takes the record off screen while it loads again: what was open comes back with it.
    await again('a new key', () => setKeyThroughPalette(s));
    await s.shot('panel-kept-open.png');
  });

  it("says of a non-customer only that: its link, and the card's link line, go once the API has said so", async () => {
    await s.runCommand('View: Close All Editors');
    await s.openFile('enrollment-sync.log');
    const first = await s.hover(IDS.unknown);
    await first.getByText(/no customer has this ID/).waitFor();
    await dismissHover(s);
    await until(async () => {
      const card = await s.hover(IDS.unknown);
      const text = await card.innerText();
      await dismissHover(s);
      return /no customer has this ID/.test(text) && !/ctrl \+ click|Look up in CareCycle/i.test(text);
    }, 'a card without the link line');
    await s.hover(IDS.unknown);
    await s.shot('hover-not-customer.png');
    await dismissHover(s);
  });

  it('labels the IDs of a pasted log line by what introduced them, customers first, with the name when known', async () => {
    await s.page.evaluate(
      (t) => window.navigator.clipboard.writeText(t),
      `2026-11-27T09:14:07.930Z INFO soa.signed request_id=0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19 customer_id="${IDS.margaret}" method=esign`,
    );
    await s.runCommand('View: Close All Editors');
    await openCustomerInput(s);
    // The clipboard's text is in the box, and the box says what it found in it.
    await s.page.locator('.quick-input-message', { hasText: 'From the clipboard: 2 customer IDs in this text' }).waitFor();
    assert.match(await s.quickInput().inputValue(), /soa\.signed request_id=/);
    await s.page.keyboard.press('Enter');
    const rows = s.page.locator('.quick-input-list .monaco-list-row');
    await rows.nth(1).waitFor();
    assert.match(await rows.nth(0).innerText(), new RegExp(`${IDS.margaret}\\s*customer_id=\\s*Margaret Okafor`));
    assert.match(await rows.nth(1).innerText(), /0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19\s*request_id=/);
    await s.shot('open-customer-pasted-line.png');
    await s.page.keyboard.press('Escape');
  });

  it('marks contact restrictions in Recent Customers, and a Remove can be undone', async () => {
    await openCustomerThroughPalette(s, IDS.linda);
    await s.webview().locator('h1#customer-name', { hasText: 'Linda' }).waitFor();
    const pane = await showRecentCustomers(s);
    const linda = pane.locator('.monaco-list-row', { hasText: 'Linda Nguyen' });
    await linda.getByText(/⊘ Do not call, Do not email/).waitFor();
    await s.shot('recent-restrictions.png');
    await linda.click({ button: 'right' });
    const remove = s.page.locator('.context-view .action-label', { hasText: 'Remove from Recent Customers' });
    await remove.hover();
    await s.page.keyboard.press('Enter');
    await linda.waitFor({ state: 'detached' });
    await s.runCommand('Notifications: Show Notifications');
    const note = s.page.locator('.notifications-center .notification-list-item', { hasText: 'removed from Recent Customers' }).first();
    await note.getByRole('button', { name: 'Undo' }).click();
    await linda.waitFor();
    await s.page.keyboard.press('Escape');
  });
});
