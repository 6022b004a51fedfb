import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MAX_LINKS_PER_DOCUMENT } from '../../src/core/customerId';
import { syntheticLog } from '../support/syntheticLog';
import { CustomerJsonProvider } from '../../src/features/jsonDocument';
import { closeAll, freshState, IDS, mock, panelShows, waitFor, workspaceFile } from './helpers';

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

describe('Ctrl+click on every ID of a log with more IDs than get links (in a real extension host)', function () {
  const uri = workspaceFile('big.log');
  let doc: vscode.TextDocument;
  let content: string;

  before(async () => {
    // About 9,000 customer IDs, past the 5,000 a document gets links for: what a 20 MB log proves about
    // links and definitions, this one proves too (how long they take on 20 MB is the bench's to say).
    const { text, customerIds } = syntheticLog(2 * MB, 11);
    assert.ok(customerIds > MAX_LINKS_PER_DOCUMENT + 1000, `${customerIds} IDs`);
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

    // The last ID, past the cap: no link, a definition whose target opens the record.
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

describe('a huge record (in a real extension host)', function () {
  beforeEach(freshState);

  it('is read off the host thread and drawn from a bounded copy whose counts are the whole record’s; Open JSON has all of it', async () => {
    const rec: Record<string, unknown> = { id: IDS.george, firstName: 'Huge', lastName: 'Record', doNotCall: true };
    rec.policies = Array.from({ length: 1_200 }, (_, i) => ({
      id: `pol-${i}`,
      status: 'Cancelled',
      carrierName: 'Humana',
      planName: `Plan ${i}`,
    }));
    // Over the 1 MB that sends an answer to the worker, with thousands of keys past what is drawn.
    for (let i = 0; i < 80_000; i++) rec[`k${i}`] = `v${i}`;
    await mock('/__control/customer', rec);
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.george);
    const p = await panelShows(IDS.george, 'record', 'the 1.5 MB record');
    assert.match(p.html, /Huge Record/);
    assert.match(p.html, /Do not call/);
    assert.match(p.html, /Showing the first 500 of 1,200 policies/);
    assert.match(p.html, /79,800 more fields/);
    assert.ok(p.html.length < 2_000_000, `${p.html.length} characters of HTML`);
    // Open JSON shows the whole record, not the copy the panel drew from.
    const doc = await vscode.workspace.openTextDocument(CustomerJsonProvider.uri(IDS.george));
    assert.ok(doc.getText().includes('"k79999"'), 'the last key is in the JSON');
    assert.ok(doc.getText().includes('"pol-1199"'), 'the last policy is in the JSON');
  });
});
