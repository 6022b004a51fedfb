import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CareCycleError } from '../../src/core/api/errors';
import { ApiKeyStore } from '../../src/host/apiKeyStore';
import { secretNameFor } from '../../src/core/environments';
import { Config } from '../../src/host/config';
import { Environments } from '../../src/host/environments';
import { Log } from '../../src/host/log';
import { closeAll, DEMO_KEY, forget, freshState, IDS, mock, panelShows, recent, setKey, shown, waitFor } from './helpers';
import { leaksKey } from '../fixtures/keyEchoes';

const FAULTS: Array<{ name: string; fault: unknown; expect: RegExp; timeoutMs?: number }> = [
  { name: '500', fault: { kind: 'status', status: 500 }, expect: /internal error \(500\)/ },
  {
    name: '400',
    fault: { kind: 'status', status: 400, body: { message: 'Bad request', code: 'BAD_REQUEST' } },
    expect: /rejected the request \(400\)/,
  },
  { name: '403', fault: { kind: 'status', status: 403, body: { message: 'Forbidden', code: 'FORBIDDEN' } }, expect: /not allowed to read/ },
  {
    name: '422',
    fault: {
      kind: 'status',
      status: 422,
      body: { message: 'Validation failed', code: 'VALIDATION_ERROR', errors: [{ path: ['id'], message: 'Invalid uuid' }] },
    },
    expect: /id: Invalid uuid/,
  },
  { name: '503 HTML page', fault: { kind: 'status', status: 503, body: '<html>down</html>' }, expect: /internal error \(503\)/ },
  { name: 'dropped connection', fault: { kind: 'drop' }, expect: /connection was dropped|Could not reach/ },
  { name: 'non-JSON body', fault: { kind: 'non-json' }, expect: /not JSON/ },
  { name: 'truncated JSON', fault: { kind: 'truncated' }, expect: /not JSON/ },
  { name: 'not a record', fault: { kind: 'body', body: [1, 2, 3] }, expect: /not a customer record/ },
  {
    name: 'slower than the timeout',
    fault: { kind: 'delay', ms: 5000 },
    expect: /did not answer within 1 s/,
    // The shortest limit a person can set: the wait is the test's only cost.
    timeoutMs: 1000,
  },
  // Last: it holds every request back for its retryAfter.
  {
    name: '429 (longer than worth waiting)',
    fault: { kind: 'status', status: 429, body: { message: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 4 } },
    expect: /try again in 4 s/,
  },
];

describe('hostile input and faults (in a real extension host)', function () {
  beforeEach(freshState);

  it('ends every documented error and fault in a clear message, keeps the recent list, and recovers', async () => {
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    await panelShows(IDS.margaret, 'record', 'a first good record');
    const recentBefore = JSON.stringify((await recent()).map((e) => e.id));
    for (const f of FAULTS) {
      await closeAll();
      await forget();
      await mock('/__control/reset', {});
      await mock('/__control/fault', { fault: f.fault, id: IDS.robert });
      const config = vscode.workspace.getConfiguration('carecycle');
      const timeoutBefore = config.inspect<number>('requestTimeoutMs')?.globalValue;
      if (f.timeoutMs) await config.update('requestTimeoutMs', f.timeoutMs, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('carecycle.openCustomer', IDS.robert);
      const p = await panelShows(IDS.robert, 'error', `the error state for ${f.name}`);
      if (f.timeoutMs) await config.update('requestTimeoutMs', timeoutBefore, vscode.ConfigurationTarget.Global);
      assert.match(p.error?.message ?? '', f.expect, f.name);
      assert.match(p.html, /role="alert"/);
      assert.equal(JSON.stringify((await recent()).map((e) => e.id)), recentBefore, `recent list intact after ${f.name}`);
    }
    await closeAll();
    await mock('/__control/reset', {});
    // The 429 holds requests back for its retryAfter (4 s): ask again until the API answers.
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.robert);
    await waitFor(async () => {
      await vscode.commands.executeCommand('carecycle.refreshCustomer', IDS.robert);
      return (await shown()).panels.find((p) => p.id === IDS.robert)?.view === 'record';
    }, 'the next good response after the 429');
  });

  it('shows a drifted record (missing, renamed, wrong-typed fields, new enum values) with a notice', async () => {
    await mock('/__control/fault', {
      id: IDS.linda,
      fault: {
        kind: 'body',
        body: {
          id: IDS.linda,
          first_name: 'Linda',
          lastName: 7,
          status: 'Archived',
          policies: 'none',
          totalCalls: '5',
          newThing: { a: [1] },
        },
      },
    });
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.linda);
    const p = await panelShows(IDS.linda, 'record', 'the drifted record');
    assert.match(p.html, /differs from the documented shape in 3 places/);
    for (const v of ['first_name', 'Archived', 'newThing']) assert.ok(p.html.includes(v), v);
  });

  it('loads an enormous record', async () => {
    await mock('/__control/fault', { id: IDS.george, fault: { kind: 'huge', mb: 12 } });
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.george);
    const p = await panelShows(IDS.george, 'record', 'the enormous record');
    assert.match(p.html, /Showing the first 500 of [\d,]+ policies/);
  });

  it('keeps the key out of every log line, setting and state after a session of lookups and errors', async () => {
    await setKey('cc_wrong_but_secret_123');
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.dorothy);
    await panelShows(IDS.dorothy, 'error', 'the 401');
    await setKey(DEMO_KEY);
    await panelShows(IDS.dorothy, 'record', 'the record');
    const state = await shown();
    const logUri = vscode.Uri.parse(state.logUri);
    const readLog = async (): Promise<string> => {
      let all = '';
      for (const [name] of await vscode.workspace.fs.readDirectory(logUri))
        all += Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(logUri, name))).toString('utf8');
      return all;
    };
    // The log reaches the disk a moment after it is written.
    const text = await waitFor(async () => {
      const t = await readLog();
      return /open customer/.test(t) && /customer .*: unauthorized/.test(t) && t;
    }, 'the log on disk');
    for (const secret of [DEMO_KEY, 'cc_wrong_but_secret_123']) {
      assert.ok(!text.includes(secret), 'no key in the log');
      assert.ok(!JSON.stringify(state.recent).includes(secret), 'no key in state');
      assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('carecycle')).includes(secret), 'no key in settings');
      for (const p of state.panels) assert.ok(!p.html.includes(secret), 'no key in a webview');
    }
    assert.ok(!text.includes('Margaret') && !text.includes('1EG4TE5MK73') && !text.includes('Kowalski'), 'no record contents in the log');
  });

  it('defect 1: the key is in no log file and on no panel after every path that logs, against a stand-in that echoes it in every field', async () => {
    await freshState();
    const logUri = vscode.Uri.parse((await shown()).logUri);
    const readLog = async (): Promise<string> => {
      let all = '';
      for (const [name] of await vscode.workspace.fs.readDirectory(logUri))
        all += Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(logUri, name))).toString('utf8');
      return all;
    };
    const doc = await vscode.workspace.openTextDocument({ content: `customer=${IDS.william}\n` });
    // Each path that logs, each answer echoing the key in another form: a 500's retries and their
    // log lines, a 429, a 422's problems, a 401; the panel and a hover. (Every status
    // and every form goes through the gate in the unit tests.)
    for (const status of [500, 429, 422, 401]) {
      await forget();
      await mock('/__control/reset', {});
      await mock('/__control/fault', { fault: { kind: 'echo-key', status } });
      await vscode.commands.executeCommand('carecycle.openCustomer', IDS.william);
      await panelShows(IDS.william, 'error', `the ${status} answer`);
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 12));
      const p = await panelShows(IDS.william, 'error', 'the panel');
      assert.ok(!leaksKey(p.html, DEMO_KEY), `the ${status} panel shows no key`);
      assert.ok(!leaksKey(p.title, DEMO_KEY), `the ${status} tab title`);
    }
    await forget();
    await mock('/__control/reset', {});
    // Every line has reached the disk once the last one has (the hover's, written last).
    const text = await waitFor(async () => {
      const t = await readLog();
      return (t.match(/retry 2 of 2/g) ?? []).length >= 2 && /hover [^ ]+: (server|rate-limited|bad-request|validation)/.test(t) && t;
    }, 'the log on disk');
    assert.ok(!leaksKey(text, DEMO_KEY), `the key is in the log: ${text.split('\n').find((l) => leaksKey(l, DEMO_KEY)) ?? ''}`);
  });

  it("takes a key set or cleared elsewhere (another window) through SecretStorage's change event", async () => {
    const values = new Map<string, string>();
    const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
    const shared = {
      get: (k: string) => Promise.resolve(values.get(k)),
      store: (k: string, v: string) => {
        values.set(k, v);
        return Promise.resolve();
      },
      delete: (k: string) => {
        values.delete(k);
        return Promise.resolve();
      },
      keys: () => Promise.resolve([...values.keys()]),
      onDidChange: changed.event,
    } as unknown as vscode.SecretStorage;
    const log = new Log('CareCycle (test store)');
    const config = new Config();
    const envs = new Environments(config, log);
    const store = new ApiKeyStore(shared, log, envs, undefined);
    assert.equal(await store.get(), undefined);
    const seen: boolean[] = [];
    store.onDidChange((has) => seen.push(has));
    // Another window writes the same secret storage, which fires the change event here.
    const name = secretNameFor(envs.active);
    values.set(name, 'cc_from_another_window');
    changed.fire({ key: name });
    await waitFor(() => seen.length === 1, 'the change to arrive');
    assert.equal(await store.get(), 'cc_from_another_window');
    // Another environment's key changing is not news for this one.
    values.set(secretNameFor({ name: 'Elsewhere' }), 'cc_other_environment');
    changed.fire({ key: secretNameFor({ name: 'Elsewhere' }) });
    values.delete(name);
    changed.fire({ key: name });
    await waitFor(() => seen.length === 2, 'the clear to arrive');
    assert.deepEqual(seen, [true, false]);
    assert.equal(await store.get(), undefined);
    store.dispose();
    envs.dispose();
    config.dispose();
    log.dispose();
    // The extension's own key is unaffected by this store.
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    await panelShows(IDS.margaret, 'record', "a record read with the extension's own key");
  });

  it('moves the key stored before environments to the environment it was sent to, and to no other', async () => {
    const sharedStore = (init: Record<string, string>) => {
      const values = new Map(Object.entries(init));
      const storage = {
        get: (k: string) => Promise.resolve(values.get(k)),
        store: (k: string, v: string) => (values.set(k, v), Promise.resolve()),
        delete: (k: string) => (values.delete(k), Promise.resolve()),
        keys: () => Promise.resolve([...values.keys()]),
        onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
      } as unknown as vscode.SecretStorage;
      return { values, storage };
    };
    const log = new Log('CareCycle (test store)');
    const config = new Config();
    const envs = new Environments(config, log);
    // Sent to where the active environment points: it becomes that environment's key.
    const a = sharedStore({ 'carecycle.apiKey': 'cc_from_before_environments' });
    const moved = new ApiKeyStore(a.storage, log, envs, envs.active.baseUrl);
    assert.equal(await moved.get(), 'cc_from_before_environments');
    assert.deepEqual([...a.values.keys()], [secretNameFor(envs.active)]);
    // Sent somewhere no environment points: left where it was, and not used.
    const b = sharedStore({ 'carecycle.apiKey': 'cc_for_another_host' });
    const kept = new ApiKeyStore(b.storage, log, envs, 'https://somewhere-else.example');
    assert.equal(await kept.get(), undefined);
    assert.deepEqual([...b.values.keys()], ['carecycle.apiKey']);
    for (const d of [moved, kept, envs, log]) d.dispose();
  });

  it('defect 7: a key SecretStorage has not saved serves no request, and one it failed to save is never used', async () => {
    const stored = new Map<string, string>();
    let failWrite: ((e: Error) => void) | undefined;
    const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
    const held: vscode.SecretStorage = {
      get: (k) => Promise.resolve(stored.get(k)),
      // The write is held, then fails (a keyring that goes away mid-write).
      store: () =>
        new Promise<void>((_resolve, reject) => {
          failWrite = reject;
        }),
      delete: (k) => Promise.resolve(void stored.delete(k)),
      keys: () => Promise.resolve([...stored.keys()]),
      onDidChange: changed.event,
    } as vscode.SecretStorage;
    const log = new Log('CareCycle (test store 2)');
    const config = new Config();
    const envs = new Environments(config, log);
    const store = new ApiKeyStore(held, log, envs, undefined);
    stored.set(secretNameFor(envs.active), 'cc_old_saved_key_1');
    const fired: boolean[] = [];
    store.onDidChange((has) => fired.push(has));
    const setting = store.set('cc_new_unsaved_key_2');
    await waitFor(() => failWrite, 'the write to start');
    assert.equal((await store.endpoint()).key, 'cc_old_saved_key_1', 'while the write is under way, requests use the saved key');
    failWrite?.(new Error('The keyring was locked'));
    await assert.rejects(setting, (e: CareCycleError) => e.kind === 'keystore');
    assert.equal((await store.endpoint()).key, 'cc_old_saved_key_1', 'after it failed, still the saved key');
    assert.deepEqual(fired, [], 'nobody was told the key changed');
    store.dispose();
    envs.dispose();
    config.dispose();
    log.dispose();
    changed.dispose();
  });

  it('explains a failing SecretStorage (no keyring) instead of crashing', async () => {
    const failing: vscode.SecretStorage = {
      get: () =>
        Promise.reject(
          new Error("An OS keyring couldn't be identified for storing the encryption related data in your current desktop environment."),
        ),
      store: () => Promise.reject(new Error("An OS keyring couldn't be identified")),
      delete: () => Promise.reject(new Error("An OS keyring couldn't be identified")),
      keys: () => Promise.resolve([]),
      onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
    } as vscode.SecretStorage;
    const log = new Log('CareCycle (test store)');
    const config = new Config();
    const envs = new Environments(config, log);
    const store = new ApiKeyStore(failing, log, envs, undefined);
    for (const op of [() => store.get(), () => store.set('cc_x_123456'), () => store.clear()]) {
      await assert.rejects(
        op(),
        (e: CareCycleError) => e.kind === 'keystore' && /keyring/.test(e.message) && /--password-store=basic/.test(e.message),
      );
    }
    store.dispose();
    envs.dispose();
    config.dispose();
    log.dispose();
  });
});
