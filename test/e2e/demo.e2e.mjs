// The README's demo command, as a newcomer runs it: it builds, starts the stand-in API and a real
// VS Code with the extension, and prints where to go. Hovering an ID in the sample log shows a
// card and the record opens.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { launchBrowser } from '../host/codeServer.mjs';
import { repoRoot } from '../host/paths.mjs';
import { PLAYGROUND_KEY } from '../support/constants.mjs';
import {
  CARECYCLE_ICON,
  DEMO_KEY,
  IDS,
  SHOTS,
  dismissHover,
  drive,
  openCustomerThroughPalette,
  setKeyThroughPalette,
  showRecentCustomers,
  until,
  watchPage,
} from './harness.mjs';
import { retryPatience } from '../support/deadline.cjs';

describe('e2e: npm run demo', function () {
  let demo;
  let browser;
  let page;
  let output = '';
  const interrupt = () => process.kill(-demo.pid, 'SIGINT');
  // Somebody else is already on the ports the demo is asked to use.
  const squatters = [];
  const squat = () =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.listen(0, '127.0.0.1', () => {
        squatters.push(srv);
        resolve(srv.address().port);
      });
    });
  after(async () => {
    for (const srv of squatters) srv.close();
    await browser?.close();
    if (demo && demo.exitCode === null) {
      interrupt();
      await new Promise((r) => demo.once('exit', r));
    }
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page)
      await page.screenshot({ path: path.join(SHOTS, `FAILED-demo-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png`) });
  });

  it('starts on other ports when its own are taken, and prints the URL, the demo key and what to try', async () => {
    const [takenEditor, takenApi] = [await squat(), await squat()];
    // `npm run demo` runs exactly this; its own process group, so Ctrl+C can be sent as a terminal does.
    demo = spawn(process.execPath, ['test/demo/demo.mjs', '--port', String(takenEditor), '--api-port', String(takenApi)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    demo.stdout.on('data', (d) => {
      output += d;
    });
    demo.stderr.on('data', (d) => {
      output += d;
    });
    const url = await new Promise((resolve, reject) => {
      const t = setInterval(() => {
        const m = output.match(/^DEMO_URL=(\S+)$/m);
        if (m) {
          clearInterval(t);
          resolve(m[1]);
        }
      }, 200);
      demo.once('exit', (c) => reject(new Error(`demo exited with ${c}:\n${output}`)));
    });
    assert.ok(output.includes(DEMO_KEY), 'the demo key is printed');
    assert.match(output, /Open this in your browser/);
    assert.match(output, new RegExp(`Port ${takenApi} is in use; the stand-in API uses \\d+ instead`));
    assert.match(output, new RegExp(`Port ${takenEditor} is in use; the editor uses \\d+ instead`));
    assert.notEqual(new URL(url).port, String(takenEditor));
    assert.doesNotMatch(
      output,
      /EADDRINUSE|installs it|for the first time/,
      'no stack trace, and no install message when nothing is installed',
    );
    browser = await launchBrowser();
    page = await browser.context.newPage();
    watchPage(page);
    await page.goto(url);
    await page.waitForSelector('.explorer-folders-view .monaco-list-row');
    await page.locator(CARECYCLE_ICON).first().waitFor();
    // The sample workspace opens on its README, which gives the key and what to try.
    // As text, not a Markdown preview: there its IDs hover and the key it shows is underlined, as it says.
    await page.locator('.tab.active', { hasText: /^README$/ }).waitFor();
    await page.locator('.monaco-editor .view-line', { hasText: DEMO_KEY }).first().waitFor();
    // "The key above is underlined": the key linter's squiggle, once the extension has started.
    await page.locator('.monaco-editor .view-overlays [class*="squiggly-"]').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'demo-start.png') });
  });

  it('hovering an ID in the sample log shows a card, and the record opens', async () => {
    const u = drive(page);
    await setKeyThroughPalette(u);
    // In the README first, as its list of customers invites.
    const inReadme = await u.hover(IDS.margaret);
    await inReadme.getByText('Margaret Okafor').waitFor();
    await dismissHover(u);
    await u.openFile('enrollment-sync.log');
    const hover = await u.hover(IDS.margaret);
    await hover.getByText('Margaret Okafor').waitFor();
    await hover.getByRole('link', { name: 'Open record' }).click();
    await u.webview().locator('h1#customer-name', { hasText: 'Margaret Okafor' }).waitFor();
    assert.match(output, /stand-in API: GET \/v2\/customers\/497f6eca-6276-4993-bfeb-53cbbbba6f08 -> 200/);
  });

  it('the status bar names the environment; switching to Playground reloads the open record from there', async () => {
    const u = drive(page);
    const item = page.locator('.statusbar-item[aria-label^="CareCycle environment"]').first();
    await item.filter({ hasText: 'Local' }).waitFor();
    // The record says where it came from when there is more than one environment.
    await u.webview().locator('.badge.env', { hasText: 'Local' }).waitFor();
    await item.click();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Playground' }).filter({ hasText: 'No API key yet' }).waitFor();
    await rows.filter({ hasText: 'Local' }).filter({ hasText: 'API key set' }).waitFor();
    // The picker fades in: photograph it once it is drawn in full.
    await until(
      () =>
        page.locator('.quick-input-widget').evaluate((el) => {
          for (let n = el; n; n = n.parentElement) if (window.getComputedStyle(n).opacity !== '1') return false;
          return el.getAnimations().every((a) => a.playState !== 'running');
        }),
      'the picker to finish fading in',
    );
    await page.screenshot({ path: path.join(SHOTS, 'environments-pick.png') });
    await rows.filter({ hasText: 'Playground' }).first().click();
    await item.filter({ hasText: 'Playground' }).waitFor();
    // No key there yet: the panel says so instead of showing Local's record, and the key box opens for Playground.
    await u
      .webview()
      .getByText(/No CareCycle API key is set for Playground/)
      .waitFor();
    await page.locator('.quick-input-widget', { hasText: 'Set API Key for Playground' }).waitFor();
    const input = page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await input.waitFor();
    await input.fill(PLAYGROUND_KEY);
    await page.keyboard.press('Enter');
    await u.webview().locator('h1#customer-name', { hasText: 'Margaret Okafor (playground)' }).waitFor();
    await u.webview().locator('.badge.env', { hasText: 'Playground' }).waitFor();
    assert.match(output, /playground stand-in: GET \/v2\/customers\/497f6eca-6276-4993-bfeb-53cbbbba6f08 -> 200/);
    // Recent Customers, grouped by environment: Margaret was viewed in Local; the reload was not a view.
    await page.locator(CARECYCLE_ICON).first().click();
    const tree = page.locator('.pane', { hasText: 'Recent Customers' });
    await tree.locator('.monaco-list-row', { hasText: 'Local' }).waitFor();
    await tree.locator('.monaco-list-row', { hasText: 'Margaret Okafor' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'environments.png') });
  });

  it('a record the other environment does not have says so, names where it was seen, and switches back', async () => {
    const u = drive(page);
    const item = page.locator('.statusbar-item[aria-label^="CareCycle environment"]').first();
    // A record panel that has just been shown takes the focus once its page has drawn, and the
    // picker closes when it loses it: like a person, open it again (harmless once switched).
    const switchTo = (name) =>
      until(async (attempt) => {
        if (!(await page.locator('.quick-input-widget').isVisible())) await item.click();
        const clicked = await page
          .locator('.quick-input-list .monaco-list-row', { hasText: name })
          .first()
          .click({ timeout: retryPatience(attempt) })
          .then(
            () => true,
            () => false,
          );
        if (!clicked && !(await item.filter({ hasText: name }).isVisible())) return false;
        return item
          .filter({ hasText: name })
          .waitFor({ timeout: retryPatience(attempt) })
          .then(
            () => true,
            () => false,
          );
      }, `the status bar to say ${name}`);
    // Margaret viewed in Playground (opening is a view), then Helen, whom only Local has, viewed there.
    await openCustomerThroughPalette(u, IDS.margaret);
    await u.webview().locator('h1#customer-name', { hasText: 'Margaret Okafor (playground)' }).waitFor();
    await switchTo('Local');
    await openCustomerThroughPalette(u, IDS.helen);
    await u.webview().locator('h1#customer-name', { hasText: 'Helen Ramírez-Søndergaard' }).waitFor();
    await switchTo('Playground');
    // Helen's panel: not a red "No such customer", but where she is, and the way back; a true tab title.
    const missing = u.webview().locator('.state.missing');
    await missing.locator('h1', { hasText: 'Not in Playground' }).waitFor();
    await missing.getByText('It is Helen Ramírez-Søndergaard in Local.').waitFor();
    await page.locator('.tab.active', { hasText: 'Not in Playground: Helen Ramírez-Søndergaard' }).waitFor();
    // Recent Customers: a group per environment, each with what was viewed there.
    const tree = await showRecentCustomers(u);
    const rows = tree.locator('.monaco-list-row');
    await rows.filter({ hasText: /^Playground/ }).waitFor();
    await rows.filter({ hasText: 'Margaret Okafor (playground)' }).waitFor();
    await rows.filter({ hasText: 'Helen Ramírez-Søndergaard' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'not-in-environment.png') });
    await missing.getByRole('button', { name: 'Switch back to Local' }).click();
    await item.filter({ hasText: 'Local' }).waitFor();
    await u.webview().locator('h1#customer-name', { hasText: 'Helen Ramírez-Søndergaard' }).waitFor();
    await page.locator('.tab.active', { hasText: 'Helen Ramírez-Søndergaard' }).filter({ hasNotText: 'Not in' }).waitFor();
  });

  it('stops everything on Ctrl+C', async () => {
    const port = new URL(page.url()).port;
    interrupt();
    const code = await new Promise((r) => demo.once('exit', r));
    assert.equal(code, 0);
    // code-server's process group goes down with the demo: its port stops answering.
    await until(
      () =>
        fetch(`http://127.0.0.1:${port}/healthz`).then(
          () => false,
          () => true,
        ),
      'code-server to stop',
    );
  });
});
