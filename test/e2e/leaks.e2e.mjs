// The last file in the shared editor window: a stretch of work against a stand-in whose every error
// echoes the key (in every field, a new form each time: case, its bare part, broken by whitespace or
// invisible characters, at every offset of the cut), then a search of everything on screen and every
// file under the editor's user data and logs for it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, repoRoot } from '../host/paths.mjs';
import { DEMO_KEY, LEAK_CHECK_KEY } from '../support/constants.mjs';
import { editorSession } from './editorSession.mjs';
import { IDS, dismissHover, openCustomerThroughPalette, redrawnAfter, setKeyThroughPalette, until } from './harness.mjs';

const { leaksKey } = await import(path.join(repoRoot, 'out/test/fixtures/keyEchoes.js'));

/** Every file under `dir`, with its text read as UTF-8 and as UTF-16 (some stores write that). */
function* filesUnder(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(p);
    else if (entry.isFile()) yield p;
  }
}

describe('e2e: the key against a stand-in that echoes it in every error', function () {
  let s;
  before(async () => {
    s = await editorSession();
    await s.runCommand('View: Close All Editors');
    s.api.reset();
    s.api.addFault({ fault: { kind: 'echo-key', status: 500 } });
    // The key check after saving gets an echo too: its warning carries server text.
    await setKeyThroughPalette(s, LEAK_CHECK_KEY);
  });
  after(async () => {
    s.api.clearFaults();
    await setKeyThroughPalette(s, DEMO_KEY);
  });

  it('shows it nowhere on screen, and writes it to no file under the user data and logs', async () => {
    const seen = [];
    const screen = async (where) => {
      for (const f of s.page.frames()) {
        if (f.isDetached()) continue;
        seen.push([where, await f.evaluate(() => document.body?.innerText ?? '')]);
      }
    };
    await s.openFile('enrollment-sync.log');
    const hover = await s.hover(IDS.margaret);
    await hover.getByText(/internal error/).waitFor();
    await screen('a hover card');
    await dismissHover(s);
    await s.runCommand('View: Close Editor');
    await openCustomerThroughPalette(s, IDS.margaret);
    await s
      .webview()
      .getByText(/internal error/)
      .first()
      .waitFor();
    await screen('the panel after a 500');
    for (const status of [422, 401, 429]) {
      s.api.clearFaults();
      s.api.addFault({ fault: { kind: 'echo-key', status } });
      // The page drawn for this answer, not the last one's error page.
      await redrawnAfter(
        s,
        async () => {
          await s
            .webview()
            .getByRole('button', { name: /Try again/ })
            .first()
            .click();
          await until(() => s.api.requests.some((r) => r.status === status), `the ${status} answer`);
        },
        '.state.error, .banner.stale',
      );
      await screen(`the panel after a ${status}`);
    }
    await s.runCommand('CareCycle: Show Log');
    await s.page.locator('.output-view, .panel .monaco-editor').first().waitFor();
    await s.page
      .locator('.panel .view-line', { hasText: /retry|customer/ })
      .first()
      .waitFor();
    await screen('the log');
    await s.runCommand('Notifications: Show Notifications');
    await s.page.locator('.notifications-center .notification-list-item', { hasText: 'could not be checked' }).first().waitFor();
    await screen('the notifications');
    await s.page.keyboard.press('Escape');
    await s.shot('leaks-session.png');

    const onScreen = seen.filter(([, text]) => leaksKey(text, LEAK_CHECK_KEY)).map(([where]) => where);
    assert.deepEqual(onScreen, [], 'the key on screen');
    assert.ok(
      seen.some(([, text]) => /internal error \(500\)/.test(text)),
      'the server text itself was on screen',
    );

    // Everything the editor wrote for this window: settings, state, logs (the extension's among them),
    // caches and code-server's own log. The log is flushed a moment after it is written.
    const data = path.join(artifactsDir, 'e2e', 'editor', 'data');
    await until(() => {
      for (const f of filesUnder(data)) if (/CareCycle\.log$/.test(f) && /retry 2 of 2/.test(fs.readFileSync(f, 'utf8'))) return true;
      return false;
    }, "the extension's log on disk");
    const found = [];
    let files = 0;
    for (const f of filesUnder(data)) {
      const bytes = fs.readFileSync(f);
      files++;
      if (leaksKey(bytes.toString('latin1'), LEAK_CHECK_KEY) || leaksKey(bytes.toString('utf16le'), LEAK_CHECK_KEY))
        found.push(path.relative(data, f));
    }
    console.log(`      searched ${files} files under the user data and logs`);
    assert.ok(files > 20, `${files} files`);
    assert.deepEqual(found, [], 'files that hold the key');
  });
});
