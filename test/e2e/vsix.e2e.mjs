// The packaged .vsix, installed into code-server the way a user installs it (not the development
// folder): it activates, hovers and opens records.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { codeServerEntry, nodeBin, repoRoot, artifactsDir } from '../host/paths.mjs';
import { IDS, editorText, openCustomerThroughPalette, setKeyThroughPalette, startSession } from './harness.mjs';

describe('e2e: the packaged .vsix', function () {
  let s;
  const dir = path.join(artifactsDir, 'e2e', 'vsix-install');
  before(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'test/host/package.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    const vsix = out.match(/^(carecycle-vscode-[\d.]+\.vsix):/m)?.[1];
    assert.ok(vsix, `package printed its file name:\n${out}`);
    execFileSync(
      nodeBin,
      [
        codeServerEntry,
        '--extensions-dir',
        path.join(dir, 'extensions'),
        '--user-data-dir',
        path.join(dir, 'user-data'),
        '--install-extension',
        path.join(repoRoot, vsix),
      ],
      { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'xdg'), XDG_DATA_HOME: path.join(dir, 'xdg') } },
    );
    s = await startSession('vsix', { extensionsDir: path.join(dir, 'extensions') });
  });
  after(async () => {
    await s?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await s?.shot(`FAILED-vsix-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}.png`);
  });

  it('is installed as carecycle.carecycle-vscode, not loaded from the development folder', async () => {
    const installed = fs.readdirSync(path.join(dir, 'extensions'));
    assert.ok(
      installed.some((d) => d.startsWith('carecycle.carecycle-vscode-')),
      installed.join(', '),
    );
    assert.ok(!(await s.page.title()).includes('Extension Development Host'));
  });

  it('hovers and opens a customer', async () => {
    await setKeyThroughPalette(s);
    await s.openFile('enrollment-sync.log');
    const hover = await s.hover(IDS.robert);
    await hover.getByText('Robert Castillo').waitFor();
    await hover.getByRole('link', { name: 'Open record' }).click();
    await s.webview().locator('h1#customer-name', { hasText: 'Robert Castillo' }).waitFor();
    await s.shot('vsix-installed.png');
  });

  it('reads a huge record with the worker it ships, and says how much more there is', async () => {
    // 80,000 fields and 1,200 policies (1.5 MB, over the 1 MB that goes to the worker): read off the
    // host thread by the dist/classifyWorker.js the package ships.
    const rec = { id: IDS.george, firstName: 'Huge', lastName: 'Record' };
    rec.policies = Array.from({ length: 1200 }, (_, i) => ({ id: `pol-${i}`, status: 'Active', planName: `Plan ${i}` }));
    for (let i = 0; i < 80_000; i++) rec[`k${i}`] = `v${i}`;
    s.api.customers.set(IDS.george, rec);
    await openCustomerThroughPalette(s, IDS.george);
    await s.webview().locator('h1#customer-name', { hasText: 'Huge Record' }).waitFor();
    await s.webview().getByText('Showing the first 500 of 1,200 policies').waitFor();
    await s
      .webview()
      .getByText(/79,800 more fields/)
      .waitFor();
  });
  // Last: its name lookups fill the cache (George's among them) that the huge record test needs empty.
  it('finds every mention of a customer across the workspace (Shift+F12) and lists its customers, with the scanner it ships', async () => {
    await s.openFile('enrollment-sync.log');
    await editorText(s.page, IDS.robert).click();
    await s.page.keyboard.press('Shift+F12');
    const peek = s.page.locator('.peekview-widget');
    // The log, the JSON fixture and the sample README mention Robert: read by dist/scanWorker.js.
    await peek.locator('.peekview-title', { hasText: /References \(3\)/ }).waitFor();
    for (const file of ['enrollment-sync.log', 'customers.fixture.json', 'README'])
      await peek.locator('.monaco-list-row', { hasText: file }).first().waitFor();
    await s.shot('references-peek.png');
    await s.page.keyboard.press('Escape');
    // The cursor off the ID: Open Customer (the next test) takes the ID under it.
    await s.page.keyboard.press('Control+Home');
    await s.runCommand('CareCycle: Customers in Workspace');
    const pane = s.page.locator('.pane', { hasText: 'Customers in Workspace' });
    // Looked up already (the hover above): the row has the name; the message counts what was read.
    await pane.locator('.monaco-list-row', { hasText: 'Robert Castillo' }).waitFor();
    await pane.getByText(/distinct IDs, .* mentions in \d+ files/).waitFor();
    await s.shot('customers-in-workspace.png');
  });
});
