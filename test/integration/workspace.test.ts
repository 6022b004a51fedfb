import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { TestCommands } from './testCommands';
import { activate, freshState, IDS, logText, panelShows, waitFor, workspaceFile } from './helpers';

// IDs that appear nowhere else in the test workspace.
const ID = 'c0ffee00-1234-4abc-9def-0123456789ab';
const OTHER = 'c0ffee00-5678-4abc-8def-0123456789ab';

interface Row {
  readonly label: string;
  readonly description?: string;
  readonly children?: Row[];
}
const view = (expand?: string): Thenable<{ message?: string; rows: Row[] }> =>
  vscode.commands.executeCommand(TestCommands.workspaceCustomers, expand);

function write(rel: string, body: string | Buffer): void {
  const p = workspaceFile(path.join('mentions', rel)).fsPath;
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, body);
}
const rel = (l: vscode.Location): string => vscode.workspace.asRelativePath(l.uri);

describe('every mention across the workspace (Find All References, Customers in Workspace, the debugger)', function () {
  let autoSave: unknown;
  before(async () => {
    await activate();
    // VS Code for the web saves after a delay by default: an edit must stay unsaved here.
    autoSave = vscode.workspace.getConfiguration('files').inspect('autoSave')?.globalValue;
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    write('a.log', `first customer=${ID}\nagain "${ID}" and ${OTHER}\n`);
    write('b.json', `{\n  "customerId": "${ID.toUpperCase()}"\n}\n`);
    write('café.md', `Ünïcödé before ${ID} on this line\n`);
    // What a search leaves out: node_modules (search.exclude), a git-ignored file, a binary file.
    write('node_modules/lib/x.log', `${ID}\n`);
    write('.gitignore', 'ignored.log\n');
    write('ignored.log', `${ID}\n`);
    write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(` ${ID} `)]));
    write('d.txt', `on disk ${ID}\n`);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(workspaceFile('mentions').fsPath, { recursive: true, force: true });
  });

  it('Find All References on an ID: every mention in any case, excludes and ignore files honoured, unsaved text over the disk', async () => {
    // d.txt open with one more mention, unsaved: its editor's text counts, not the disk's.
    const d = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('mentions/d.txt')));
    await d.edit((e) => e.insert(new vscode.Position(1, 0), `unsaved ${ID}\n`));
    const untitled = await vscode.workspace.openTextDocument({ content: `pasted ${ID.toUpperCase()}` });
    const a = await vscode.workspace.openTextDocument(workspaceFile('mentions/a.log'));
    const refs = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      a.uri,
      new vscode.Position(0, 20),
    );
    const byFile = new Map<string, vscode.Range[]>();
    for (const l of refs) byFile.set(rel(l), [...(byFile.get(rel(l)) ?? []), l.range]);
    assert.deepEqual(
      [...byFile.keys()].sort(),
      [
        'mentions/a.log',
        'mentions/b.json',
        'mentions/café.md',
        'mentions/d.txt',
        rel(new vscode.Location(untitled.uri, new vscode.Position(0, 0))),
      ].sort(),
    );
    assert.deepEqual(
      byFile.get('mentions/a.log')!.map((r) => [r.start.line, r.start.character, r.end.character]),
      [
        [0, 15, 51],
        [1, 7, 43],
      ],
    );
    assert.deepEqual(byFile.get('mentions/d.txt')!.length, 2, 'the unsaved mention counts');
    assert.equal(fs.readFileSync(workspaceFile('mentions/d.txt').fsPath, 'utf8').split(ID).length - 1, 1, 'the disk has one');
    assert.ok(d.document.isDirty);
    // The character as the editor counts it (UTF-16), past accented letters.
    const cafe = await vscode.workspace.openTextDocument(workspaceFile('mentions/café.md'));
    assert.equal(cafe.getText(byFile.get('mentions/café.md')![0]), ID);
    const json = await vscode.workspace.openTextDocument(workspaceFile('mentions/b.json'));
    assert.equal(json.getText(byFile.get('mentions/b.json')![0]), ID.toUpperCase());
    // Back to what is on disk, and the untitled editor closed unsaved: the next test reads the disk.
    await vscode.window.showTextDocument(d.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.window.showTextDocument(untitled);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.ok(!d.document.isDirty && vscode.workspace.textDocuments.every((x) => !x.isDirty), 'nothing left unsaved');
  });

  it('Customers in Workspace lists each ID with its files and lines, and scans a changed file again (only it)', async () => {
    await freshState();
    await vscode.commands.executeCommand('carecycle.listCustomersInWorkspace');
    const done = await waitFor(async () => {
      const v = await view(ID);
      return /distinct IDs?, .* mentions in .* files/.test(v.message ?? '') && v;
    }, 'the scan to finish');
    const row = done.rows.find((r) => r.label === ID);
    assert.ok(row, JSON.stringify(done.rows.slice(0, 5)));
    assert.match(row.description ?? '', /^5× in 4 files/, JSON.stringify(row.children));
    assert.ok(
      done.rows.some((r) => /Skipped \(binary\): mentions\/blob\.bin/.test(r.label)),
      'the binary file is named, with the reason',
    );
    assert.ok(!done.rows.some((r) => /ignored\.log|node_modules/.test(JSON.stringify(r))), 'nothing from ignored files');
    assert.deepEqual(row.children!.map((f) => `${f.label} ${String(f.description)}`).sort(), [
      'mentions/a.log 2×',
      'mentions/b.json 1×',
      'mentions/café.md 1×',
      'mentions/d.txt 1×',
    ]);
    const lines = row.children!.find((f) => f.label === 'mentions/a.log')!.children!.map((l) => l.label);
    assert.deepEqual(lines, ['Line 1, column 16', 'Line 2, column 8']);

    // A file appears on disk with two more mentions: the view follows, reading that file only.
    write('new.log', `${ID} ${ID}\n`);
    await waitFor(async () => {
      const v = await view();
      return v.rows.some((r) => r.label === ID && /^7× in 5 files/.test(r.description ?? '')) || undefined;
    }, 'the new file to be counted');
    // That file alone was read again, not the workspace.
    await waitFor(async () => /customers in workspace: 1 changed, 1 read again from disk/.test(await logText()), 'the log to say so');
  });

  it('Open CareCycle Customer on a variable of a real debug session (Node, stopped at a breakpoint)', async function () {
    await freshState();
    const program = workspaceFile('mentions/debuggee.js').fsPath;
    fs.writeFileSync(
      program,
      `const customerId = '${IDS.margaret}';\nconst other = { id: 42 };\ndebugger;\nconsole.log(customerId, other);\n`,
    );
    const stopped = new Promise<vscode.DebugSession>((resolve) => {
      const sub = vscode.debug.registerDebugAdapterTrackerFactory('*', {
        createDebugAdapterTracker: (session) => ({
          onDidSendMessage: (m: { type?: string; event?: string }) => {
            if (m.type === 'event' && m.event === 'stopped') {
              sub.dispose();
              resolve(session);
            }
          },
        }),
      });
    });
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], {
      type: 'node',
      request: 'launch',
      name: 'debuggee',
      program,
      console: 'internalConsole',
    });
    assert.ok(started, 'the debug session started');
    try {
      const session = await stopped;
      // The Variables view's context menu hands the command { sessionId, container, variable }.
      const threads = (await session.customRequest('threads')) as { threads: Array<{ id: number }> };
      const stack = (await session.customRequest('stackTrace', { threadId: threads.threads[0]!.id })) as {
        stackFrames: Array<{ id: number }>;
      };
      const scopes = (await session.customRequest('scopes', { frameId: stack.stackFrames[0]!.id })) as {
        scopes: Array<{ name: string; variablesReference: number }>;
      };
      let variable: { name: string; value: string } | undefined;
      let container: unknown;
      for (const scope of scopes.scopes) {
        const vars = (await session.customRequest('variables', { variablesReference: scope.variablesReference })) as {
          variables: Array<{ name: string; value: string }>;
        };
        variable = vars.variables.find((v) => v.name === 'customerId');
        container = scope;
        if (variable) break;
      }
      assert.ok(variable, 'the debugger shows customerId');
      await vscode.commands.executeCommand('carecycle.openCustomerFromDebugValue', { sessionId: session.id, container, variable });
      await panelShows(IDS.margaret, 'record', 'the record of the ID the variable holds');
    } finally {
      await vscode.debug.stopDebugging();
    }
    const pkg = vscode.extensions.all.find((e) => e.id === 'carecycle.carecycle-vscode')!.packageJSON as {
      contributes: { menus: Record<string, Array<{ command: string }>> };
    };
    for (const menu of ['debug/variables/context', 'debug/watch/context'])
      assert.ok(
        pkg.contributes.menus[menu]?.some((m) => m.command === 'carecycle.openCustomerFromDebugValue'),
        menu,
      );
  });
});
