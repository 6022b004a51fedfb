import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID, waitFor } from './helpers';

describe('activation', () => {
  it('activates, and gives other extensions nothing to call (no key store, no log, no records)', async () => {
    await activate();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.isActive, true);
    assert.equal(ext.exports, undefined);
  });

  it('registers every command named in the contract', async () => {
    // Once it has started (on startup finished): not only when an earlier test happened to start it.
    await activate();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of [
      'carecycle.openCustomer',
      'carecycle.setApiKey',
      'carecycle.clearApiKey',
      'carecycle.showLog',
      'carecycle.refreshCustomer',
      'carecycle.copyCustomerId',
      'carecycle.clearRecentCustomers',
      'carecycle.listCustomersInFile',
    ])
      assert.ok(all.has(id), `${id} is registered`);
    // The test-only commands exist here because this window loads the test build of the extension.
    assert.ok(all.has('carecycle.test.state'));
  });

  it('contributes every command with the CareCycle category', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: Array<{ command: string; category: string }> };
    };
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'CareCycle', c.command);
  });

  it('"Show Log" opens the CareCycle log channel', async () => {
    await vscode.commands.executeCommand('carecycle.showLog');
    const doc = await waitFor(
      () =>
        vscode.workspace.textDocuments.find(
          (d) => d.uri.scheme === 'output' && /CareCycle/.test(d.uri.path) && d.getText().includes('starting'),
        ),
      'the CareCycle log to open',
    );
    assert.match(doc.getText(), /CareCycle \d+\.\d+\.\d+ starting/);
    assert.match(doc.getText(), /Environment: Local at http:\/\/127\.0\.0\.1:\d+/, 'the log names where requests go');
  });

  it('ships the webview assets the panel loads', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    for (const f of ['dist/webview/panel.js', 'media/panel.css', 'media/carecycle.svg']) assert.ok(fs.existsSync(path.join(root, f)), f);
  });
});
