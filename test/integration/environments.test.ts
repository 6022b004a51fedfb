import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { keyFingerprint, startMockApi, type MockApi } from '../mock-api/server';
import { playgroundCustomers } from '../mock-api/customers';
import { PLAYGROUND_KEY } from '../support/constants.mjs';
import { TestCommands } from './testCommands';
import { DEMO_KEY, freshState, IDS, panelShows, recent, shown, waitFor } from './helpers';

const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('carecycle');

async function activeIs(name: string): Promise<void> {
  await waitFor(async () => (await shown()).environment.name === name, `the active environment to be ${name}`);
}

/**
 * Two environments on two stand-ins, each with its own key and its own records. What is asserted is
 * what the stand-ins saw: which key (by fingerprint) reached which host.
 */
describe('environments (two stand-ins, two keys)', function () {
  let prod: MockApi;
  let play: MockApi;
  let workspaceChoice: unknown;

  before(async () => {
    workspaceChoice = cfg().inspect('environment')?.workspaceValue;
    prod = await startMockApi({ keys: [DEMO_KEY] });
    play = await startMockApi({ keys: [PLAYGROUND_KEY], customers: playgroundCustomers() });
  });
  beforeEach(async () => {
    await freshState();
    prod.reset();
    play.reset();
    await cfg().update(
      'environments',
      [
        { name: 'Staging', baseUrl: prod.url },
        { name: 'Playground', baseUrl: play.url, color: '#2a9d8f' },
      ],
      vscode.ConfigurationTarget.Global,
    );
    await cfg().update('environment', 'Staging', vscode.ConfigurationTarget.Global);
    await activeIs('Staging');
    await vscode.commands.executeCommand(TestCommands.setApiKey, DEMO_KEY, 'Staging');
    await vscode.commands.executeCommand(TestCommands.setApiKey, PLAYGROUND_KEY, 'Playground');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand(TestCommands.setApiKey, undefined, 'Staging').then(undefined, () => undefined);
    await vscode.commands.executeCommand(TestCommands.setApiKey, undefined, 'Playground').then(undefined, () => undefined);
    await cfg().update('environment', workspaceChoice, vscode.ConfigurationTarget.Workspace);
    await cfg().update('environment', undefined, vscode.ConfigurationTarget.Global);
    await cfg().update('environments', undefined, vscode.ConfigurationTarget.Global);
    await activeIs('Local');
  });
  after(async () => {
    await prod.close();
    await play.close();
  });

  it('switching sends the next request to the other host with the other key, and reloads the open panel', async () => {
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    const first = await panelShows(IDS.margaret, 'record', 'the Staging record');
    assert.match(first.html, /Margaret Okafor</);
    assert.match(first.html, /class="badge env"[^>]*>.*Staging/);

    await cfg().update('environment', 'Playground', vscode.ConfigurationTarget.Global);
    const second = await panelShows(IDS.margaret, 'record', 'the Playground record', (p) => p.html.includes('(playground)'));
    assert.match(second.html, /class="badge env"[^>]*>.*Playground/);
    assert.match(second.html, /Fetched from <strong>Playground<\/strong>/);

    // An ID the playground does not have is not found there, whatever Staging holds.
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.helen);
    await panelShows(IDS.helen, 'error', 'not found in the playground', (p) => p.error?.kind === 'not-found');

    // Each host saw only its own key: one environment's key never reaches the other's host.
    assert.ok(prod.requests.length >= 1 && play.requests.length >= 2, `${prod.requests.length} / ${play.requests.length}`);
    assert.deepEqual(new Set(prod.requests.map((r) => r.keyFingerprint)), new Set([keyFingerprint(DEMO_KEY)]));
    assert.deepEqual(new Set(play.requests.map((r) => r.keyFingerprint)), new Set([keyFingerprint(PLAYGROUND_KEY)]));

    // Opened again in the playground: the same ID is another customer in the recent list.
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    const rows = await waitFor(async () => {
      const r = (await recent()).filter((e) => e.id === IDS.margaret);
      return r.length === 2 && r.every((e) => e.name) && r;
    }, 'Margaret twice, once per environment');
    assert.deepEqual(rows.map((e) => [e.env, e.name]).sort(), [
      ['Playground', 'Margaret Okafor (playground)'],
      ['Staging', 'Margaret Okafor'],
    ]);
  });

  it('a hover says which environment answered; a record from a recent row of another environment switches back to it', async () => {
    await cfg().update('environment', 'Playground', vscode.ConfigurationTarget.Global);
    await activeIs('Playground');
    const doc = await vscode.workspace.openTextDocument({ content: `customer=${IDS.robert}\n`, language: 'plaintext' });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 12));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /Castillo \\\(playground\\\)/);
    assert.match(text, /From Playground/);

    // Open from the recent list as a click on a Staging row does: the environment comes with the ID.
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.robert, 'Staging');
    await activeIs('Staging');
    const p = await panelShows(IDS.robert, 'record', 'the Staging record', (x) => !x.html.includes('(playground)'));
    assert.match(p.html, /Staging/);
  });

  it('a workspace may name an environment the user defined, never define or redirect one', async () => {
    // The sample workspace's .vscode/settings.json defines "Local" and "Evil" at evil.example.com and names "Evil".
    assert.equal(workspaceChoice, 'Evil');
    const s = await shown();
    assert.deepEqual(
      s.environments.map((e) => [e.name, e.baseUrl]),
      [
        ['Staging', prod.url],
        ['Playground', play.url],
      ],
    );
    assert.equal(s.environment.name, 'Staging', 'the unknown name "Evil" is ignored');
    await cfg().update('environment', 'Playground', vscode.ConfigurationTarget.Workspace);
    await activeIs('Playground');
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    await panelShows(IDS.margaret, 'record', 'the Playground record', (p) => p.html.includes('(playground)'));
    assert.ok(play.requests.length >= 1);
    assert.ok(
      (await shown()).environments.every((e) => !e.baseUrl.includes('evil')),
      'nothing from the workspace',
    );
  });

  it('a key set for one environment is that environment’s only; the other keeps its own', async () => {
    await vscode.commands.executeCommand(TestCommands.setApiKey, undefined, 'Playground');
    await cfg().update('environment', 'Playground', vscode.ConfigurationTarget.Global);
    await activeIs('Playground');
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    const p = await panelShows(IDS.margaret, 'error', 'no key in the playground', (x) => x.error?.kind === 'no-key');
    assert.match(p.error?.message ?? '', /for Playground/);
    assert.equal(play.requests.length, 0, 'nothing was sent without a key');
    await cfg().update('environment', 'Staging', vscode.ConfigurationTarget.Global);
    await panelShows(IDS.margaret, 'record', 'Staging still has its key', (x) => x.html.includes('Margaret Okafor<'));
    assert.equal(play.requests.length, 0);
  });
});
