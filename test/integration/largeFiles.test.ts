import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MAX_LINKS_PER_DOCUMENT } from '../../src/core/customerId';
import { syntheticLog } from '../support/syntheticLog';
import { closeAll, freshState, IDS, panelShows, waitFor, workspaceFile } from './helpers';

const MB = 1024 * 1024;

/** What Ctrl/Cmd+click on `pos` would follow: the document link there, else the definition. */
async function ctrlClickTarget(uri: vscode.Uri, pos: vscode.Position): Promise<{ link?: vscode.Uri; definition?: vscode.Uri }> {
  const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri, 1_000_000);
  const link = links.find((l) => l.range.contains(pos))?.target;
  const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider',
    uri,
    pos,
  );
  const d = defs[0];
  const definition = d === undefined ? undefined : 'targetUri' in d ? d.targetUri : d.uri;
  return { ...(link ? { link } : {}), ...(definition ? { definition } : {}) };
}

describe('Ctrl+click on every ID of a 20 MB log (in a real extension host)', function () {
  this.timeout(180_000);
  const uri = workspaceFile('big-20mb.log');
  let doc: vscode.TextDocument;
  let content: string;

  before(async () => {
    const { text } = syntheticLog(20 * MB, 11);
    content = `customer=${IDS.margaret} first line\n${text}\ncustomer=${IDS.helen} last line\n`;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(content));
    doc = await vscode.workspace.openTextDocument(uri);
  });
  beforeEach(freshState);
  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(uri);
  });

  it('links the first IDs, gives every later one a definition, and one click opens one record', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri, 1_000_000);
    assert.equal(links.length, MAX_LINKS_PER_DOCUMENT, 'links for the first IDs only: the editor stays responsive');

    // The first ID: a link, and no definition (so a click opens the record once).
    const first = await ctrlClickTarget(uri, doc.positionAt(content.indexOf(IDS.margaret) + 3));
    assert.ok(first.link, 'the first ID is a link');
    assert.equal(first.definition, undefined);

    // The last ID, 20 MB in: no link, a definition whose target opens the record.
    const lastPos = doc.positionAt(content.lastIndexOf(IDS.helen) + 3);
    const last = await ctrlClickTarget(uri, lastPos);
    assert.equal(last.link, undefined);
    assert.ok(last.definition, 'the last ID has a definition');
    // Go to Definition (Ctrl+click, F12) opens the target; the record panel takes its place.
    await vscode.commands.executeCommand('vscode.open', last.definition);
    await panelShows(IDS.helen, 'record', "Helen's record, from the last line of the log");
    await waitFor(
      () => !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputCustom),
      'the placeholder editor to close',
    );
  });

  it('gives an ID the API said is no customer neither a link nor a definition', async () => {
    const text = `first ${IDS.unknown}\n`;
    const small = await vscode.workspace.openTextDocument({ content: text, language: 'log' });
    const pos = small.positionAt(text.indexOf(IDS.unknown) + 3);
    await vscode.commands.executeCommand('vscode.executeHoverProvider', small.uri, pos);
    const defs = await vscode.commands.executeCommand<unknown[]>('vscode.executeDefinitionProvider', small.uri, pos);
    assert.deepEqual(defs, []);
  });
});
