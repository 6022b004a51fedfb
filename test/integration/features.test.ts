import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAll,
  DEMO_KEY,
  freshState,
  hoverText,
  IDS,
  openFile,
  panel,
  panelShows,
  positionOf,
  requests,
  requestsTo,
  setKey,
  shown,
  waitFor,
  workspaceFile,
} from './helpers';

/** Accepts the quick input the command opens, as soon as it is open (retrying until the command ends). */
async function acceptWhenShown(done: Thenable<unknown>): Promise<void> {
  let finished = false;
  void Promise.resolve(done).finally(() => {
    finished = true;
  });
  await waitFor(async () => {
    if (!finished) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return finished;
  }, 'the command to take the accepted item');
}

async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hoverText(hovers ?? []);
}

describe('hover, links and the open command (in a real extension host)', function () {
  beforeEach(freshState);

  it('shows the summary card on a sample ID in a log file', async () => {
    const editor = await openFile('enrollment-sync.log');
    const text = await hoverAt(editor.document, positionOf(editor.document, IDS.margaret));
    assert.match(text, /\*\*Margaret Okafor\*\*/);
    assert.match(text, /Columbus, OH 43215/);
    assert.match(text, /3 policies/);
    assert.match(text, /command:carecycle\.openCustomer\?/);
    assert.match(text, /command:carecycle\.copyCustomerId\?/);
  });

  it('masks identifiers on the card (the workspace cannot turn masking off)', async () => {
    const editor = await openFile('enrollment-sync.log');
    const text = await hoverAt(editor.document, positionOf(editor.document, IDS.margaret));
    // Masked, an identifier is not on the card at all: a row of dots says nothing a person can use.
    assert.doesNotMatch(text, /MBI|DOB|••••/);
    assert.ok(!text.includes('1EG4TE5MK73'));
  });

  it("sends requests to the user-set host, never to the workspace's", async () => {
    const raw = await vscode.workspace.fs.readFile(workspaceFile('.vscode/settings.json'));
    assert.match(Buffer.from(raw).toString('utf8'), /evil\.example\.com/, 'the test workspace does try to redirect the key');
    const editor = await openFile('enrollment-sync.log');
    await hoverAt(editor.document, positionOf(editor.document, IDS.robert));
    assert.equal(await requestsTo(IDS.robert), 1);
  });

  it('says quietly that a valid UUID is not a customer', async () => {
    const editor = await openFile('enrollment-sync.log');
    const text = await hoverAt(editor.document, positionOf(editor.document, IDS.unknown));
    assert.match(text, /no customer has this ID/);
  });

  it('shows nothing from CareCycle on other text', async () => {
    const editor = await openFile('enrollment-sync.log');
    for (const probe of ['duration_ms', 'deadbeefcafebabe', 'trace=7f3a9c2e1b4d', 'carrier=Aetna']) {
      const text = await hoverAt(editor.document, positionOf(editor.document, probe));
      assert.ok(!/CareCycle|\*\*/.test(text), `no card on ${probe}: ${text}`);
    }
    assert.equal((await requests()).length, 0, 'no request was made');
  });

  it('offers to set a key when none is set', async () => {
    await setKey();
    const editor = await openFile('enrollment-sync.log');
    const text = await hoverAt(editor.document, positionOf(editor.document, IDS.margaret));
    assert.match(text, /set an API key/);
    assert.match(text, /command:carecycle\.setApiKey/);
  });

  it('says why when the key is refused', async () => {
    await setKey('cc_wrong_key_123');
    const editor = await openFile('enrollment-sync.log');
    const text = await hoverAt(editor.document, positionOf(editor.document, IDS.margaret));
    assert.match(text, /refused the API key \\?\(401\\?\)/);
    assert.ok(!text.includes('cc_wrong_key_123'));
  });

  it('works in untitled documents and JSON, for upper-case IDs too', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: `see "${IDS.margaret.toUpperCase()}" here`, language: 'plaintext' });
    await vscode.window.showTextDocument(doc);
    assert.match(await hoverAt(doc, new vscode.Position(0, 10)), /Margaret Okafor/);
    const json = await openFile('customers.fixture.json');
    assert.match(await hoverAt(json.document, positionOf(json.document, IDS.robert)), /Robert/);
  });

  it('stops when carecycle.hover.enabled is off', async () => {
    const cfg = vscode.workspace.getConfiguration('carecycle');
    await cfg.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const editor = await openFile('enrollment-sync.log');
      const text = await hoverAt(editor.document, positionOf(editor.document, IDS.margaret));
      assert.ok(!text.includes('Margaret'));
    } finally {
      await cfg.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('makes every ID a document link that opens the record', async () => {
    const editor = await openFile('enrollment-sync.log');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    const ours = links.filter((l) => l.target?.scheme === 'command' && l.target.path === 'carecycle.openCustomer');
    const ids = ours.map((l) => editor.document.getText(l.range));
    assert.deepEqual(ids, [
      IDS.margaret,
      IDS.robert,
      IDS.dorothy,
      '0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19',
      IDS.linda,
      IDS.unknown,
      IDS.margaret,
      'a7c1e3f5-0b2d-4e6f-8a1c-3e5f7a9b1c2d',
      IDS.george,
      IDS.margaret,
    ]);
    assert.equal(decodeURIComponent(ours[0]!.target!.query), JSON.stringify([IDS.margaret]));
  });

  it('opens the record panel from the command with an argument', async () => {
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    const p = await panelShows(IDS.margaret, 'record', 'the record to load');
    assert.equal(p.title, 'Margaret Okafor');
    assert.match(p.html, /Policies/);
  });

  it('opens the ID under the cursor, and the one in the selection', async () => {
    const editor = await openFile('renewal.ts');
    const pos = positionOf(editor.document, IDS.dorothy);
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('carecycle.openCustomer');
    await panelShows(IDS.dorothy, 'record', "Dorothy's panel");

    const ed2 = await openFile('renewal.ts');
    const start = positionOf(ed2.document, IDS.george).translate(0, -3);
    ed2.selection = new vscode.Selection(start.translate(0, -1), start.translate(0, 37));
    await vscode.commands.executeCommand('carecycle.openCustomer');
    await panelShows(IDS.george, 'record', "George's panel");
  });

  it('asks for an ID when there is none, pre-filled from the clipboard', async () => {
    await closeAll();
    await vscode.env.clipboard.writeText(`  "${IDS.linda}" `);
    await acceptWhenShown(vscode.commands.executeCommand('carecycle.openCustomer'));
    await panelShows(IDS.linda, 'record', "Linda's panel");
  });

  it('takes the ID out of pasted text: an argument with key=value or a URL, and a copied log line', async () => {
    await vscode.commands.executeCommand('carecycle.openCustomer', `customer=${IDS.dorothy}`);
    await panelShows(IDS.dorothy, 'record', 'Dorothy from key=value');
    await vscode.commands.executeCommand('carecycle.openCustomer', `https://app.carecycle.ai/customers/${IDS.george}?tab=policies`);
    await panelShows(IDS.george, 'record', 'George from a URL');
    await closeAll();
    await vscode.env.clipboard.writeText(`2026-11-27T09:15:11.004Z ERROR dialer.call customer=${IDS.linda} dnc=true`);
    await acceptWhenShown(vscode.commands.executeCommand('carecycle.openCustomer'));
    await panelShows(IDS.linda, 'record', 'Linda from a copied log line');
  });

  it('drops the link from an ID the API said is no customer', async () => {
    const editor = await openFile('enrollment-sync.log');
    const linked = async (): Promise<string[]> =>
      (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri)).map((l) =>
        editor.document.getText(l.range),
      );
    assert.ok((await linked()).includes(IDS.unknown), 'linked while nothing is known');
    assert.match(await hoverAt(editor.document, positionOf(editor.document, IDS.unknown)), /no customer has this ID/);
    assert.ok(!(await linked()).includes(IDS.unknown), 'no link once the API said so');
    // The links are computed again (the provider registered anew): the other IDs keep theirs.
    await waitFor(async () => (await linked()).includes(IDS.margaret), "Margaret's link after the recomputation");
  });

  it('refuses an invalid ID argument without a request', async () => {
    // The command has ended when this resolves; a panel would have been created by then.
    await vscode.commands.executeCommand('carecycle.openCustomer', 'not-a-customer-id');
    assert.equal((await shown()).panels.length, 0);
    assert.equal((await requests()).length, 0);
  });

  it('lists the customers in a file, in order, and opens the chosen one at its first mention', async () => {
    const editor = await openFile('enrollment-sync.log');
    await acceptWhenShown(vscode.commands.executeCommand('carecycle.listCustomersInFile'));
    await waitFor(() => panel(IDS.margaret), "the first customer's panel");
    assert.equal(
      editor.document.getText(vscode.window.visibleTextEditors.find((e) => e.document === editor.document)!.selection),
      IDS.margaret,
    );
    // Names within the list's share (5 a minute), whatever the file holds, plus the one opened.
    const reqs = (await requests()).length;
    assert.ok(reqs <= 6, `${reqs} requests`);
    // The record opened beside the file: the jump stays in sight.
    assert.ok(
      vscode.window.visibleTextEditors.some((e) => e.document === editor.document),
      'the log is still visible',
    );
  });
});

describe('IDs in output channels (in a real extension host)', function () {
  it("gives an output channel's document the same links and hover", async () => {
    await setKey(DEMO_KEY);
    const channel = vscode.window.createOutputChannel('CareCycle test output');
    channel.appendLine(`job finished for customer ${IDS.margaret}`);
    channel.show(true);
    const doc = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.getText().includes(IDS.margaret)),
      'the output document',
    );
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    assert.ok(links.some((l) => l.target?.path === 'carecycle.openCustomer' && doc.getText(l.range) === IDS.margaret));
    const text = await hoverAt(doc, positionOf(doc, IDS.margaret));
    assert.match(text, /Margaret Okafor/);
    channel.dispose();
  });
});
