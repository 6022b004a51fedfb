// Root hooks for the e2e run (mocha --require): the shared editor window closes after the last file;
// screenshots of failures from an earlier run are cleared first, so those left are this run's (npm test
// clears them once itself: its e2e groups run side by side and must not clear each other's).
import fs from 'node:fs';
import path from 'node:path';
import { closeEditorSession } from './editorSession.mjs';
import { SHOTS, describeScreens } from './harness.mjs';

export const mochaHooks = {
  beforeAll() {
    if (process.env.CARECYCLE_KEEP_SHOTS || !fs.existsSync(SHOTS)) return;
    for (const f of fs.readdirSync(SHOTS)) if (f.startsWith('FAILED-')) fs.rmSync(path.join(SHOTS, f));
  },
  // A failure says what the screen showed at that moment (a wait's own message says what it waited for).
  async afterEach() {
    const err = this.currentTest?.state === 'failed' ? this.currentTest.err : undefined;
    if (!err) return;
    const seen = await describeScreens().catch(() => '');
    if (seen) err.message = `${err.message}\nOn screen when it failed:\n${seen}`;
  },
  async afterAll() {
    await closeEditorSession();
  },
};
