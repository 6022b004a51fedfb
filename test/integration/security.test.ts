import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CareCycleError } from '../../src/core/api/errors';
import { ApiKeyStore } from '../../src/host/apiKeyStore';
import { closeAll, DEMO_KEY, freshState, getApi, IDS, mock, waitFor } from './helpers';

const FAULTS: Array<{ name: string; fault: unknown; expect: RegExp }> = [
  { name: '500', fault: { kind: 'status', status: 500 }, expect: /internal error \(500\)/ },
  { name: '400', fault: { kind: 'status', status: 400, body: { message: 'Bad request', code: 'BAD_REQUEST' } }, expect: /rejected the request \(400\)/ },
  { name: '403', fault: { kind: 'status', status: 403, body: { message: 'Forbidden', code: 'FORBIDDEN' } }, expect: /not allowed to read/ },
  { name: '422', fault: { kind: 'status', status: 422, body: { message: 'Validation failed', code: 'VALIDATION_ERROR', errors: [{ path: ['id'], message: 'Invalid uuid' }] } }, expect: /id: Invalid uuid/ },
  { name: '503 HTML page', fault: { kind: 'status', status: 503, body: '<html>down</html>' }, expect: /internal error \(503\)/ },
  { name: 'dropped connection', fault: { kind: 'drop' }, expect: /connection was dropped|Could not reach/ },
  { name: 'non-JSON body', fault: { kind: 'non-json' }, expect: /not JSON/ },
  { name: 'truncated JSON', fault: { kind: 'truncated' }, expect: /not JSON/ },
  { name: 'not a record', fault: { kind: 'body', body: [1, 2, 3] }, expect: /not a customer record/ },
  { name: 'slower than the timeout', fault: { kind: 'delay', ms: 5000 }, expect: /did not answer within 3 s/ },
  // Last: it holds every request back for its retryAfter.
  { name: '429 (longer than worth waiting)', fault: { kind: 'status', status: 429, body: { message: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 5 } }, expect: /try again in 5 s/ },
];

describe('hostile input and faults (in a real extension host)', function () {
  this.timeout(60_000);

  beforeEach(freshState);

  it('ends every documented error and fault in a clear message, keeps the recent list, and recovers', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    await waitFor(() => api.panels.get(IDS.margaret)?.state === 'record', 'a first good record');
    const recentBefore = JSON.stringify(api.recent.entries.map((e) => e.id));
    for (const f of FAULTS) {
      await closeAll();
      api.customers.invalidate();
      await mock('/__control/reset', {});
      await mock('/__control/fault', { fault: f.fault, id: IDS.robert });
      await vscode.commands.executeCommand('carecycle.openCustomer', IDS.robert);
      const p = await waitFor(() => api.panels.get(IDS.robert)?.state === 'error' && api.panels.get(IDS.robert), `the error state for ${f.name}`, 20_000);
      assert.match(p.lastError?.message ?? '', f.expect, f.name);
      assert.match(p.lastBody, /role="alert"/);
      assert.equal(JSON.stringify(api.recent.entries.map((e) => e.id)), recentBefore, `recent list intact after ${f.name}`);
    }
    await closeAll();
    await mock('/__control/reset', {});
    api.customers.invalidate();
    await new Promise((r) => setTimeout(r, 5200)); // the 429's retryAfter
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.robert);
    await waitFor(() => api.panels.get(IDS.robert)?.state === 'record', 'the next good response');
  });

  it('shows a drifted record (missing, renamed, wrong-typed fields, new enum values) with a notice', async () => {
    const api = await getApi();
    await mock('/__control/fault', {
      id: IDS.linda,
      fault: { kind: 'body', body: { id: IDS.linda, first_name: 'Linda', lastName: 7, status: 'Archived', policies: 'none', totalCalls: '5', newThing: { a: [1] } } },
    });
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.linda);
    const p = await waitFor(() => api.panels.get(IDS.linda)?.state === 'record' && api.panels.get(IDS.linda), 'the drifted record');
    assert.match(p.lastBody, /differs from the documented shape in 3 places/);
    for (const v of ['first_name', 'Archived', 'newThing']) assert.ok(p.lastBody.includes(v), v);
  });

  it('loads an enormous record', async () => {
    const api = await getApi();
    await mock('/__control/fault', { id: IDS.george, fault: { kind: 'huge', mb: 12 } });
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.george);
    const p = await waitFor(() => api.panels.get(IDS.george)?.state === 'record' && api.panels.get(IDS.george), 'the enormous record', 30_000);
    assert.ok((p.customerRecord?.policies?.length ?? 0) > 10_000);
  });

  it('keeps the key out of every log line, setting and state after a session of lookups and errors', async () => {
    const api = await getApi();
    await api.keys.set('cc_wrong_but_secret_123');
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.dorothy);
    await waitFor(() => api.panels.get(IDS.dorothy)?.state === 'error', 'the 401');
    await api.keys.set(DEMO_KEY);
    await vscode.commands.executeCommand('carecycle.refreshCustomer', IDS.dorothy);
    await waitFor(() => api.panels.get(IDS.dorothy)?.state === 'record', 'the record');
    await new Promise((r) => setTimeout(r, 1500)); // the log flushes to disk
    const files = await vscode.workspace.fs.readDirectory(api.logUri);
    let text = '';
    for (const [name] of files) text += Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(api.logUri, name))).toString('utf8');
    assert.match(text, /open customer/, 'the log was found and read');
    for (const secret of [DEMO_KEY, 'cc_wrong_but_secret_123']) {
      assert.ok(!text.includes(secret), 'no key in the log');
      assert.ok(!JSON.stringify(api.recent.entries).includes(secret), 'no key in state');
      assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('carecycle')).includes(secret), 'no key in settings');
      for (const p of api.panels.all) assert.ok(!p.panel.webview.html.includes(secret) && !p.lastBody.includes(secret), 'no key in a webview');
    }
    assert.ok(!text.includes('Margaret') && !text.includes('1EG4TE5MK73') && !text.includes('Kowalski'), 'no record contents in the log');
  });

  it('takes a key set or cleared elsewhere (another window) through SecretStorage\'s change event', async () => {
    const api = await getApi();
    const values = new Map<string, string>();
    const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
    const shared = {
      get: (k: string) => Promise.resolve(values.get(k)),
      store: (k: string, v: string) => { values.set(k, v); return Promise.resolve(); },
      delete: (k: string) => { values.delete(k); return Promise.resolve(); },
      keys: () => Promise.resolve([...values.keys()]),
      onDidChange: changed.event,
    } as unknown as vscode.SecretStorage;
    const store = new ApiKeyStore(shared, api.log);
    assert.equal(await store.get(), undefined);
    const seen: boolean[] = [];
    store.onDidChange((has) => seen.push(has));
    // Another window writes the same secret storage, which fires the change event here.
    values.set('carecycle.apiKey', 'cc_from_another_window');
    changed.fire({ key: 'carecycle.apiKey' });
    await waitFor(() => seen.length === 1, 'the change to arrive');
    assert.equal(await store.get(), 'cc_from_another_window');
    values.delete('carecycle.apiKey');
    changed.fire({ key: 'carecycle.apiKey' });
    await waitFor(() => seen.length === 2, 'the clear to arrive');
    assert.deepEqual(seen, [true, false]);
    assert.equal(await store.get(), undefined);
    store.dispose();
    // The real store's cached key is unaffected by this one.
    assert.equal(await api.keys.get(), DEMO_KEY);
  });

  it('explains a failing SecretStorage (no keyring) instead of crashing', async () => {
    const api = await getApi();
    const failing: vscode.SecretStorage = {
      get: () => Promise.reject(new Error('An OS keyring couldn\'t be identified for storing the encryption related data in your current desktop environment.')),
      store: () => Promise.reject(new Error('An OS keyring couldn\'t be identified')),
      delete: () => Promise.reject(new Error('An OS keyring couldn\'t be identified')),
      keys: () => Promise.resolve([]),
      onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
    } as vscode.SecretStorage;
    const store = new ApiKeyStore(failing, api.log);
    for (const op of [() => store.get(), () => store.set('cc_x_123456'), () => store.clear()]) {
      await assert.rejects(op(), (e: CareCycleError) => e.kind === 'keystore' && /keyring/.test(e.message) && /--password-store=basic/.test(e.message));
    }
    store.dispose();
  });
});
