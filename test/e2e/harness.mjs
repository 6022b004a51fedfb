// Drives a real VS Code (code-server) in headless Chromium as a user does: keyboard, mouse,
// palette, hovers, the webview and the sidebar. Screenshots land in .vscode-test/screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as pollInterval } from 'node:timers/promises';
import { TEST_WINDOW_SETTINGS, launchBrowser, startCodeServer, workbenchUrl } from '../host/codeServer.mjs';
import { artifactsDir, repoRoot } from '../host/paths.mjs';
import { writeSampleWorkspace } from '../host/workspace.mjs';

export const SHOTS = path.join(artifactsDir, 'screenshots');
export const CARECYCLE_ICON = '.activitybar .action-item a[aria-label^="CareCycle"], .activitybar .action-item[aria-label^="CareCycle"]';
import { DEMO_KEY } from '../support/constants.mjs';
import { RETRY_MS, STEP_MS, retryPatience } from '../support/deadline.cjs';

export { DEMO_KEY };
export { IDS } from '../host/workspace.mjs';

const { startMockApi } = await import(path.join(repoRoot, 'out/test/mock-api/server.js'));
export { startMockApi };

/**
 * One VS Code session: a stand-in API, code-server with the extension (development folder, or an
 * installed .vsix via `extensionsDir`), and a browser page on the sample workspace.
 */
export async function startSession(
  name,
  {
    theme = 'Default Dark Modern',
    extensionsDir,
    settings = {},
    api: givenApi,
    persistentProfile,
    workspace: givenWorkspace,
    keepData = false,
  } = {},
) {
  const dir = path.join(artifactsDir, 'e2e', name);
  if (!keepData) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  const api = givenApi ?? (await startMockApi({}));
  const workspace = givenWorkspace ?? writeSampleWorkspace(path.join(dir, 'workspace'));
  const server = await startCodeServer({
    dataDir: path.join(dir, 'data'),
    extensionsDir,
    settings: {
      ...TEST_WINDOW_SETTINGS,
      'workbench.colorTheme': theme,
      'carecycle.apiBaseUrl': api.url,
      'editor.hover.delay': 200,
      'workbench.activityBar.location': 'default',
      'window.commandCenter': false,
      'terminal.integrated.enablePersistentSessions': false,
      'terminal.integrated.defaultProfile.linux': 'bash',
      // The DOM renderer draws text the test can find; WebGL would draw pixels only.
      'terminal.integrated.gpuAcceleration': 'off',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.auxiliaryBar.visible': false,
      'editor.wordWrap': 'on',
      'editor.minimap.enabled': false,
      'editor.links': true,
      'breadcrumbs.enabled': false,
      ...settings,
    },
  });
  const browser = await launchBrowser({ userDataDir: persistentProfile });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  watchPage(page);
  const requests = [];
  browser.context.on('request', (r) => requests.push(r.url()));
  const url = workbenchUrl(server, { folder: workspace, extensionPath: extensionsDir ? undefined : repoRoot });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench');
  await page.waitForSelector('.explorer-folders-view .monaco-list-row');
  // The extension's contributions (its commands, its view) are known once its icon is drawn.
  await page.locator(CARECYCLE_ICON).first().waitFor();
  const s = {
    ...drive(page),
    api,
    server,
    browser,
    workspace,
    url,
    requests,
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
      if (!givenApi) await api.close();
    },
  };
  return s;
}

/**
 * Opens the quick input with `key` (Ctrl+P, F1), types `text` and clicks `row`, then waits until the
 * quick input has taken it (closed, or moved on to the command's own input). Like a person, it tries
 * again when VS Code did not take the click:
 * - a record panel that has just become the active editor takes focus once its page has loaded, and
 *   the quick input closes when it loses focus: open it again (nothing has run: the row was never
 *   clicked);
 * - the list redraws its rows when a later source of results arrives (quick open's file search after
 *   its recently-opened list): a click whose button went down on a row that was replaced before it
 *   came up is no click at all, and the quick input stays open with the text: click the row again;
 * - a click that lands as the panel takes the focus closes the quick input without picking the row:
 *   where the caller knows what the pick does (`done`, a file's tab becoming the active one), that
 *   is waited for, and the pick made again if it did not happen.
 */
async function pickInQuickInput(page, key, text, row, done) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const taken = async () => !(await input.isVisible()) || (await input.inputValue().catch(() => '')) !== text;
  const deadline = Date.now() + STEP_MS;
  for (let attempt = 1; ; attempt++) {
    const timeout = Math.max(1, Math.min(retryPatience(attempt), deadline - Date.now()));
    try {
      if (attempt === 1 || !(await input.isVisible())) {
        await focusWorkbench(page);
        await page.keyboard.press(key);
        await input.waitFor({ timeout });
      }
      if ((await input.inputValue()) !== text) await input.fill(text, { timeout });
      await row.click({ timeout });
      await until(taken, `the quick input to take "${text}"`, timeout);
      if (done) await until(done, `what picking "${text}" does`, timeout);
      return;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
  }
}

/** What a user does with a VS Code page: files, palette, hovers, the webview, screenshots. */
export function drive(page) {
  return {
    page,
    async shot(file) {
      const p = path.join(SHOTS, file);
      await page.screenshot({ path: p });
      return p;
    },
    async openFile(file) {
      // Click the row itself: Enter could land on a row from the recently-opened list.
      // The pick is done once the file's tab is the active one (pickInQuickInput waits for it).
      const tab = page.locator('.tab.active', { hasText: file });
      await pickInQuickInput(page, 'Control+P', file, page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first(), () =>
        tab.isVisible(),
      );
      await page.locator('.monaco-editor .view-lines .view-line').first().waitFor();
    },
    async runCommand(title) {
      // The row whose label is the title (Enter would run whichever row the palette ranks first).
      const label = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);
      const row = page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: label }) })
        .first();
      await pickInQuickInput(page, 'F1', `>${title}`, row);
    },
    quickInput() {
      return page.locator('.quick-input-widget .quick-input-box input');
    },
    /**
     * Hovers the first visible occurrence of `text` in the editor and returns the hover's text. Like
     * a person whose first hover showed nothing (the extension was still starting, say), it moves
     * away and hovers again until the card shows or the deadline passes.
     */
    async hover(text) {
      const target = editorText(page, text);
      // The extension's card: a record's says how many policies, every other says "CareCycle: …".
      // Not the link's own hint ("Look up in CareCycle (ctrl + click)"), which VS Code shows in the
      // same hover before the card has arrived (seen in a full run, on the session's first hover).
      const hover = page
        .locator('.monaco-hover-content')
        .filter({ hasText: /CareCycle:|\d polic(?:y|ies)\b/i })
        .first();
      const until = Date.now() + STEP_MS;
      for (let attempt = 1; ; attempt++) {
        // The locator's own hover: it waits until the span is attached, visible and stable (the
        // editor redraws a line when its decorations change), then moves the mouse onto it.
        await target.hover({ timeout: Math.max(1, until - Date.now()) });
        try {
          await hover.waitFor({ timeout: Math.max(1, Math.min(retryPatience(attempt), until - Date.now())) });
          return hover;
        } catch (err) {
          if (Date.now() > until) throw err;
          // Away from the text, so that the next move onto it asks for a hover again.
          await dismissHover({ page });
        }
      }
    },
    /** Ctrl+click on `text` in the editor (see ctrlClick). */
    async ctrlClickText(text) {
      await ctrlClick(page, editorText(page, text), `"${text}" in the editor`);
    },
    /** Ctrl+click on an element of the editor (an inlay hint, a link): see ctrlClick. */
    async ctrlClick(locator, what) {
      await ctrlClick(page, locator, what);
    },
    webview() {
      return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    },
    async notifications() {
      return page.locator('.monaco-aria-container .monaco-alert').allTextContents();
    },
  };
}

/**
 * A point inside an element, read once it is stable: `where(el, arg)` runs in the page and returns a
 * viewport point (or null); it must give the same point in two animation frames in a row. For what
 * the locator's own actions cannot reach: the terminal draws its rows under an event layer, so a
 * row never "receives events" itself. The point is read in the same retry that uses it.
 */
export async function stablePoint(locator, where, arg, what) {
  return until(async () => {
    const first = await locator.evaluate(where, arg).catch(() => null);
    if (!first) return undefined;
    await locator
      .evaluate(() => new Promise((r) => window.requestAnimationFrame(() => window.requestAnimationFrame(r))))
      .catch(() => undefined);
    const again = await locator.evaluate(where, arg).catch(() => null);
    return again && again.x === first.x && again.y === first.y ? first : undefined;
  }, what);
}

/** The middle of an element, in viewport coordinates (for stablePoint). */
function middleOf(el) {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
}

/**
 * Ctrl+click as a person does it: Ctrl held, then onto the element, then the click. Holding Ctrl over
 * a link or an inlay hint makes the editor draw it again as a link; pressed after arriving, the element
 * is replaced under the pointer and a click in that moment misses it. The point is read once the
 * element is stable.
 */
async function ctrlClick(page, locator, what) {
  await page.keyboard.down('Control');
  try {
    const p = await stablePoint(locator, middleOf, undefined, what);
    await page.mouse.move(p.x, p.y, { steps: 4 });
    await page.mouse.click(p.x, p.y);
  } finally {
    await page.keyboard.up('Control');
  }
}

/** The innermost span of the editor that holds exactly `text` (links and tokens split lines into spans). */
export function editorText(page, text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .locator('.monaco-editor .view-lines .view-line span span')
    .filter({ hasText: new RegExp(`^${escaped}$`) })
    .first();
}

/** Keys pressed while a webview has focus stay in its iframe: give focus back to the workbench. */
async function focusWorkbench(page) {
  if (await page.evaluate(() => document.activeElement?.tagName === 'IFRAME')) {
    await page.locator('.part.titlebar .window-title').click({ force: true });
  }
}

/**
 * Runs `action` on the record panel and waits for the page it draws: every render replaces the page's
 * content, so what is on screen is marked first, and the wait is for `selector` (with `hasText`) in
 * content drawn after it, no longer busy. Content left from before the action never matches.
 */
export async function redrawnAfter(s, action, selector, { hasText } = {}) {
  await s
    .webview()
    .locator('#root')
    .evaluate((root) => {
      for (const child of root.children) child.dataset.drawnBefore = 'yes';
    });
  await action();
  await s
    .webview()
    .locator(`#root:not([aria-busy]):not(:has(> [data-drawn-before])) :is(${selector})`, hasText ? { hasText } : {})
    .first()
    .waitFor();
}

/** The webview frame that holds the record panel's page (for axe and layout checks). */
export async function panelFrame(s, name) {
  return until(
    async () => {
      for (const f of s.page.frames()) {
        // Frames come and go as panels open and close: one that detaches is simply not it.
        const h1 = await f.$('#customer-name').catch(() => null);
        const text = h1 ? await h1.textContent().catch(() => null) : null;
        if (h1 && text !== null && (!name || text.includes(name)) && (await h1.isVisible().catch(() => false))) return f;
      }
      return undefined;
    },
    `the panel's frame${name ? ` for ${name}` : ''}`,
  );
}

const AXE = fs.readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core in the panel's page; prints and returns the serious and critical violations. */
export async function axeCheck(s, label, name) {
  const frame = await panelFrame(s, name);
  await frame.evaluate(AXE);
  const result = await frame.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const list = (vs) => vs.map((v) => `${v.id} [${v.impact}] (${v.nodes.length})`).join(', ');
  console.log(
    `      axe-core ${label}: ${result.violations.length} violations (${list(result.violations) || 'none'}), ${bad.length} serious or critical`,
  );
  return bad;
}

/** Switches the colour theme from the palette, as a person does. */
export async function switchTheme(s, theme, workbenchClass) {
  await s.runCommand('Preferences: Color Theme');
  await s.quickInput().fill(theme);
  await s.page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click();
  await s.page.locator(`.monaco-workbench.${workbenchClass}`).waitFor();
}

/**
 * Polls a condition (the stand-in's request record, a file, a try of an action) until it holds.
 * `predicate` is given the number of the try (1, 2, …), for the patience of a try that acts
 * (retryPatience). `within` is a try's patience where the caller tries again; otherwise the
 * deadline, STEP_MS, which only detects a hang; the failed test's message adds what the screen
 * showed (hooks.mjs).
 */
export async function until(predicate, what, within = STEP_MS) {
  const deadline = Date.now() + within;
  for (let attempt = 1; ; attempt++) {
    const v = await predicate(attempt);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`waited ${Math.round(within / 1000)} s for ${what}, and it never came`);
    await pollInterval(50); // polling interval, not a wait for time to pass
  }
}

/** Pages under test (startSession's, the demo's): what they show is described when a test fails. */
const watched = new Set();

/** Every wait on `page` has STEP_MS (../support/deadline.cjs), and a failure describes its screen. */
export function watchPage(page) {
  page.setDefaultTimeout(STEP_MS);
  watched.add(page);
  page.on('close', () => watched.delete(page));
}

/**
 * What the windows under test show, in a few lines, for a failed test's message ("what it saw last"):
 * the active tab, the quick input, the hover, the record panel's heading and banners, notifications.
 * Each look is brief: a screen that does not answer is described as far as it does.
 */
export async function describeScreens() {
  const lines = [];
  for (const page of watched) {
    const brief = { timeout: RETRY_MS };
    const text = async (loc) =>
      (await loc
        .first()
        .isVisible()
        .catch(() => false))
        ? (
            await loc
              .first()
              .innerText(brief)
              .catch(() => '')
          ).trim()
        : '';
    const part = (name, v) => v && lines.push(`  ${name}: ${v.replace(/\s+/g, ' ').slice(0, 300)}`);
    part('active tab', await text(page.locator('.tab.active')));
    part('quick input', await text(page.locator('.quick-input-widget')));
    part('hover', await text(page.locator('.monaco-hover-content')));
    const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    const busy = await frame
      .locator('#root[aria-busy]')
      .count()
      .catch(() => 0);
    const heading = await text(frame.locator('h1'));
    part('record panel', heading && `${heading}${busy ? ' (busy)' : ''}`);
    part('panel banner', await text(frame.locator('.banner, [role="alert"]')));
    const alerts = await page
      .locator('.monaco-aria-container .monaco-alert')
      .allTextContents()
      .catch(() => []);
    part('announced', alerts.slice(-3).join(' | '));
  }
  return lines.join('\n');
}

/** Moves the mouse off any hover and waits until none is shown. */
export async function dismissHover(s) {
  await s.page.mouse.move(2, 2);
  await s.page.keyboard.press('Escape');
  await until(async () => (await s.page.locator('.monaco-hover-content:visible').count()) === 0, 'the hover to close');
}

export async function setKeyThroughPalette(s, key = DEMO_KEY) {
  await s.runCommand('CareCycle: Set API Key');
  const input = s.page.locator('.quick-input-widget .quick-input-box input[type="password"]');
  await input.waitFor();
  await input.fill(key);
  await s.page.keyboard.press('Enter');
  await s.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Open Customer's input box: the active editor must not have an ID at its cursor (it would be taken instead). */
export async function openCustomerThroughPalette(s, id) {
  const input = await openCustomerInput(s);
  await input.fill(id);
  await s.page.keyboard.press('Enter');
}

/**
 * Shows the CareCycle side bar and returns its Recent Customers pane. The activity bar icon toggles:
 * it is clicked only when the pane is not already showing (an earlier test may have left it open).
 */
export async function showRecentCustomers(s) {
  const pane = s.page.locator('.pane', { hasText: 'Recent Customers' });
  if (!(await pane.isVisible())) await s.page.locator(CARECYCLE_ICON).first().click();
  await pane.waitFor();
  return pane;
}

/**
 * Runs Open Customer and returns its input once the palette has given way to it (the quick input
 * widget is one element: until its title says Open Customer, typing would land in the palette).
 */
export async function openCustomerInput(s) {
  await s.runCommand('CareCycle: Open Customer');
  await s.page.locator('.quick-input-widget .quick-input-title', { hasText: 'CareCycle: Open Customer' }).waitFor();
  return s.quickInput();
}

/** An action of the record panel's More actions menu, as a person reaches it: the menu, then the action. */
export async function panelMenuAction(s, name) {
  const wv = s.webview();
  const more = wv.getByRole('button', { name: 'More actions' });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  await wv.locator('#more-actions').getByRole('button', { name }).click();
}
