// Ctrl+click as a person does it: on an ID in every common form a log prints it, in the integrated
// terminal; and on the last ID of a log with more IDs than VS Code is given links for.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir } from '../host/paths.mjs';
import { writeSampleWorkspace } from '../host/workspace.mjs';
import { IDS, setKeyThroughPalette, startSession, until } from './harness.mjs';

/** A log form, the customer printed in it, and the name its record shows. */
const FORMS = [
  ['key=value', (id) => `2026-11-27 INFO enrollment.sync customer=${id} retry=1`, IDS.linda, 'Linda Nguyen'],
  ['double quotes', (id) => `soa.signed customer_id="${id}" method=esign`, IDS.dorothy, 'Dorothy Kowalski'],
  ['single quotes', (id) => `lookup customer '${id}' done`, IDS.robert, 'Robert Castillo Jr.'],
  ['parentheses', (id) => `renewal (${id}) queued`, IDS.james, "James O'Brien"],
  ['brackets', (id) => `[${id}] cache miss`, IDS.patricia, 'Patricia Johnson-Reyes'],
  ['URL path', (id) => `GET /v2/customers/${id} status=200`, IDS.margaret, 'Margaret Okafor'],
  ['URL path and query', (id) => `GET https://api.carecycle.ai/v2/customers/${id}?expand=policies 200`, IDS.william, 'William Harris'],
  ['trailing comma', (id) => `ids: ${id}, 00000000-0000-0000-0000-000000000001`, IDS.barbara, 'Barbara Lindqvist'],
  ['JSON', (id) => `{"event":"soa.signed","customerId":"${id}","ok":true}`, IDS.george, 'George Papadopoulos'],
  ['file path', (id) => `wrote ./exports/${id}.json`, IDS.helen, 'Helen Ramírez-Søndergaard'],
  // Log lines longer than the terminal is wide wrap: the ID on the wrapped part of the line.
  [
    'wrapped line',
    (id) => `2026-11-27T09:14:05.502Z WARN  enrollment.sync ${'attempt=1 carrier=Aetna '.repeat(9)}customer=${id} reason="carrier timeout"`,
    IDS.frank,
    'Frank Mueller',
  ],
];

/** 6,000 customer IDs (past the 5,000 a document gets links for), then one sample customer on the last line. */
function bigLog() {
  const hex = (n, width) => n.toString(16).padStart(width, '0');
  const lines = Array.from({ length: 6000 }, (_, i) => `GET /v2/customers/${hex(i, 8)}-0000-4000-8000-${hex(i * 7919, 12)} status=200`);
  return [...lines, `last: customer=${IDS.charles} renewed`, ''].join('\n');
}

describe('e2e: Ctrl+click on IDs in the terminal and past the link cap', function () {
  this.timeout(180_000);
  let s;
  before(async () => {
    // Written before the window opens, so that quick open knows the files.
    const workspace = writeSampleWorkspace(path.join(artifactsDir, 'e2e', 'terminal-workspace'));
    fs.writeFileSync(path.join(workspace, 'forms.log'), FORMS.map(([, line, id]) => line(id)).join('\n') + '\n');
    fs.writeFileSync(path.join(workspace, 'big.log'), bigLog());
    s = await startSession('terminal', { workspace });
    await setKeyThroughPalette(s);
    await s.runCommand('Terminal: Create New Terminal');
    await s.page.locator('.terminal-wrapper .xterm').last().waitFor({ timeout: 30_000 });
    await s.page
      .locator('.xterm-rows > div')
      .filter({ hasText: /[$#>]\s*$/ })
      .first()
      .waitFor({ timeout: 30_000 });
  });
  after(async () => s?.close());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await s.shot(`FAILED-terminal-${this.currentTest.title.replace(/\W+/g, '-').slice(-30)}.png`);
    // Away from the link, so that the next row is hovered afresh.
    await s.page.mouse.move(2, 2);
  });

  FORMS.forEach(([form, , id, name], i) => {
    it(`Ctrl+click opens the customer in the ${form} form`, async () => {
      // That line of the log alone, as `cat` prints it, at the bottom of a cleared terminal.
      await s.page.locator('.terminal-wrapper .xterm').last().click();
      await s.page.keyboard.type(`clear; sed -n ${i + 1}p forms.log; echo printed-$((${i}*7))`);
      await s.page.keyboard.press('Enter');
      await s.page.locator('.xterm-rows > div', { hasText: new RegExp(`^printed-${i * 7}\\s*$`) }).waitFor();
      // The row that holds the middle of the ID (a wrapped line is drawn as several rows).
      const row = s.page.locator('.xterm-rows > div', { hasText: id.slice(9, 23) }).last();
      // The middle of the ID on that row, from the drawn text itself.
      const box = await row.evaluate(
        (el, part) => {
          // The row's text may be split over several spans (styles, a link's underline): join them.
          const nodes = [];
          const walker = document.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
          const text = nodes.map((n) => n.textContent).join('');
          const at = text.indexOf(part) + 5;
          if (at < 5) return null;
          let offset = at;
          for (const n of nodes) {
            if (offset < n.textContent.length) {
              const r = document.createRange();
              r.setStart(n, offset);
              r.setEnd(n, offset + 1);
              const b = r.getBoundingClientRect();
              return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
            }
            offset -= n.textContent.length;
          }
          return null;
        },
        id.slice(9, 23),
      );
      assert.ok(box, 'the ID is drawn on its row');
      // Onto the ID, until VS Code shows it as the customer link (its terminal asks the extension
      // host for a line's links when the pointer reaches the line; a pointer that comes back asks again).
      const tooltip = s.page.locator('.xterm-hover').filter({ hasText: 'Open CareCycle customer' });
      await until(
        async () => {
          await s.page.mouse.move(box.x - 40, box.y - 30);
          await s.page.mouse.move(box.x, box.y, { steps: 4 });
          return tooltip.waitFor({ timeout: 3000 }).then(
            () => true,
            () => false,
          );
        },
        `the terminal to offer ${form} as a customer link`,
        30_000,
      );
      await s.page.keyboard.down('Control');
      await s.page.mouse.click(box.x, box.y);
      await s.page.keyboard.up('Control');
      await s.webview().locator('h1#customer-name', { hasText: name }).waitFor({ timeout: 15_000 });
      assert.equal(await s.page.locator('.quick-input-widget').isVisible(), false, 'no quick open took the click');
    });
  });

  it('Ctrl+click on the last ID of a log with 6,000 IDs opens its record (past the 5,000 links)', async () => {
    await s.runCommand('View: Close All Editors');
    await s.openFile('big.log');
    await s.page.keyboard.press('Control+End');
    const hover = await s.hover(IDS.charles);
    await hover.getByText('Charles Whitehorse').waitFor();
    const target = s.page
      .locator('.monaco-editor .view-lines .view-line span span')
      .filter({ hasText: new RegExp(`^${IDS.charles}$`) })
      .first();
    const box = await target.boundingBox();
    await s.page.keyboard.down('Control');
    await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await s.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await s.page.keyboard.up('Control');
    await s.webview().locator('h1#customer-name', { hasText: 'Charles Whitehorse' }).waitFor({ timeout: 20_000 });
    assert.equal(await s.page.locator('.tab', { hasText: '.carecycle-customer' }).count(), 0, 'no placeholder tab is left');
    await s.shot('ctrl-click-past-cap.png');
  });
});
