// Entry point for the extension host (code-server or @vscode/test-electron): runs every
// *.test.js beside this file with mocha and resolves when they pass.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { TEST_MS } from '../support/deadline.cjs';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: TEST_MS, color: false, reporter: 'spec', slow: 2000 });
  // CARECYCLE_GREP=<text> runs only the tests whose title holds it (a quick local loop; CI runs all).
  if (process.env.CARECYCLE_GREP) mocha.grep(process.env.CARECYCLE_GREP);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const selftest = process.env.CARECYCLE_SELFTEST;
  if (selftest === 'fail' || selftest === 'hang') mocha.addFile(path.join(__dirname, 'selftest.js'));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
