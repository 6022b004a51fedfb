// IDs in the integrated terminal are links to the record; "Customers in This File" on a log with
// repeated IDs.
import assert from 'node:assert/strict';
import { IDS, setKeyThroughPalette, startSession } from './harness.mjs';

describe('e2e: the terminal and the list of a file\'s customers', function () {
  this.timeout(180_000);
  let s;
  before(async () => {
    s = await startSession('terminal');
    await setKeyThroughPalette(s);
  });
  after(async () => s?.close());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await s?.shot(`FAILED-terminal-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}.png`);
  });

  it('lists a log\'s customers in order of first mention, with counts and lines', async () => {
    await s.openFile('enrollment-sync.log');
    await s.runCommand('CareCycle: Customers in This File');
    const rows = s.page.locator('.quick-input-list .monaco-list-row');
    await rows.nth(5).waitFor();
    const first = await rows.first().innerText();
    assert.match(first, /3× · first on line 1/);
    await s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Margaret Okafor' }).waitFor({ timeout: 10_000 });
    await s.shot('customers-in-file.png');
    await s.page.keyboard.press('Enter');
    await s.webview().locator('h1#customer-name', { hasText: 'Margaret Okafor' }).waitFor({ timeout: 20_000 });
    // At most a few names were fetched up front, plus the one opened.
    assert.ok(s.api.requests.length <= 6, `${s.api.requests.length} requests`);
  });

  it('turns an ID printed in the terminal into a link that opens the record', async () => {
    await s.runCommand('Terminal: Create New Terminal');
    const term = s.page.locator('.terminal-wrapper .xterm').last();
    await term.waitFor({ timeout: 30_000 });
    await s.page.waitForTimeout(1500);
    await term.click();
    await s.page.keyboard.type(`echo "customer ${IDS.dorothy} renewed"`);
    await s.page.keyboard.press('Enter');
    const row = s.page.locator('.xterm-rows > div', { hasText: `customer ${IDS.dorothy} renewed` }).last();
    await row.waitFor();
    // Where the ID is drawn on that row, from the text itself.
    const box = await row.evaluate((el, id) => {
      const walker = document.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent.indexOf(id);
        if (i >= 0) {
          const r = document.createRange();
          r.setStart(n, i + 8);
          r.setEnd(n, i + 12);
          const b = r.getBoundingClientRect();
          return { x: b.x, y: b.y, width: b.width, height: b.height };
        }
      }
      return null;
    }, IDS.dorothy);
    assert.ok(box, 'the ID is on the row');
    const x = box.x + box.width / 2;
    await s.page.mouse.move(x - 20, box.y + box.height / 2);
    await s.page.mouse.move(x, box.y + box.height / 2, { steps: 3 });
    await s.page.waitForTimeout(800);
    await s.shot('terminal-link.png');
    await s.page.keyboard.down('Control');
    await s.page.mouse.click(x, box.y + box.height / 2);
    await s.page.keyboard.up('Control');
    await s.webview().locator('h1#customer-name', { hasText: 'Dorothy Kowalski' }).waitFor({ timeout: 20_000 });
  });
});
