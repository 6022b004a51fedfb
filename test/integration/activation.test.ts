import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi } from './helpers';

describe('activation', () => {
  it('activates and exposes its services', async () => {
    const api = await getApi();
    assert.ok(api.customers && api.panels && api.recent && api.keys);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('registers every command named in the contract', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of [
      'carecycle.openCustomer', 'carecycle.setApiKey', 'carecycle.clearApiKey', 'carecycle.showLog',
      'carecycle.refreshCustomer', 'carecycle.copyCustomerId', 'carecycle.clearRecentCustomers', 'carecycle.listCustomersInFile',
    ]) assert.ok(all.has(id), `${id} is registered`);
  });

  it('contributes every command with the CareCycle category', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string; category: string }> } };
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'CareCycle', c.command);
  });

  it('"Show Log" opens the CareCycle log channel', async () => {
    await vscode.commands.executeCommand('carecycle.showLog');
    const api = await getApi();
    assert.equal(api.log.channel.name, 'CareCycle');
  });

  it('ships the webview assets the panel loads', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    for (const f of ['media/panel.js', 'media/panel.css', 'media/carecycle.svg']) assert.ok(fs.existsSync(path.join(root, f)), f);
  });
});
