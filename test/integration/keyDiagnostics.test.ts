import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO_KEY, freshState, IDS, panelShows, setKey, waitFor } from './helpers';

async function keyDiagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'CareCycle');
    return d.length > 0 && d;
  }, 'the key diagnostic');
}

describe('a CareCycle key written in a file (in a real extension host)', function () {
  beforeEach(freshState);

  it('is flagged, without the key in the message, with both fixes in TypeScript', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: `const apiKey = '${DEMO_KEY}';\nexport default apiKey;\n`,
    });
    await vscode.window.showTextDocument(doc);
    const [d] = await keyDiagnostics(doc.uri);
    assert.ok(d);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(!d.message.includes(DEMO_KEY));
    assert.equal(doc.getText(d.range), DEMO_KEY);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Store as the CareCycle API key (and remove it from this file)'), titles.join(' | '));
    const replace = actions.find((a) => a.title === 'Replace with process.env.CARECYCLE_API_KEY');
    assert.ok(replace?.edit);
    await vscode.workspace.applyEdit(replace.edit);
    assert.equal(doc.getText(), 'const apiKey = process.env.CARECYCLE_API_KEY;\nexport default apiKey;\n');
    await waitFor(
      () => vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'CareCycle').length === 0,
      'the diagnostic to go',
    );
  });

  it('stores the key in secret storage and removes it from the text', async () => {
    await setKey();
    const doc = await vscode.workspace.openTextDocument({ language: 'properties', content: `CARECYCLE_API_KEY=${DEMO_KEY}\n` });
    await vscode.window.showTextDocument(doc);
    const [d] = await keyDiagnostics(doc.uri);
    assert.ok(d);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const store = actions.find((a) => a.command?.command === 'carecycle.storeKeyFromDocument');
    assert.ok(store?.command);
    await vscode.commands.executeCommand(store.command.command, ...(store.command.arguments ?? []));
    assert.equal(doc.getText(), 'CARECYCLE_API_KEY=\n');
    // The stored key works: a record loads with it.
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    await panelShows(IDS.margaret, 'record', 'a record read with the stored key');
  });
});
