import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { startMockApi } from '../mock-api/server';
import { SAMPLE_CUSTOMERS } from '../mock-api/customers';
import { TestCommands } from './testCommands';
import { DEMO_KEY, freshState, IDS, logText, mock, panel, panelShows, recent, requestsTo, setKey, waitFor } from './helpers';

/** Points carecycle.apiBaseUrl somewhere else for the length of `body`, then back. */
async function withBaseUrl(url: string, body: () => Promise<void>): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('carecycle');
  const before = cfg.inspect<string>('apiBaseUrl')?.globalValue;
  await cfg.update('apiBaseUrl', url, vscode.ConfigurationTarget.Global);
  try {
    await body();
  } finally {
    await cfg.update('apiBaseUrl', before, vscode.ConfigurationTarget.Global);
  }
}

async function closedPort(): Promise<number> {
  const srv = http.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('one honest request path (in a real extension host)', function () {
  beforeEach(freshState);

  it('logs each request with its status and timing (as the README says Show Log does), and nothing of the record', async () => {
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    await panelShows(IDS.margaret, 'record', 'the record');
    const text = await waitFor(async () => {
      const t = await logText();
      return new RegExp(`GET /v2/customers/${IDS.margaret} -> 200 in \\d+ ms \\(\\d+ bytes\\)`).test(t) && t;
    }, 'the request line in the log on disk');
    assert.ok(!/Okafor|Columbus|1EG4TE5MK73|Humana/.test(text), 'no record contents in the log');
  });

  it('defect 5: panels in error heal when the right key is set, and lose the record when the key is cleared', async () => {
    await setKey('cc_wrong_key_123');
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.dorothy);
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.robert);
    await panelShows(IDS.dorothy, 'error', 'Dorothy refused', (p) => p.error?.kind === 'unauthorized');
    await panelShows(IDS.robert, 'error', 'Robert refused', (p) => p.error?.kind === 'unauthorized');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await setKey(DEMO_KEY);
    // No "Try again": both panels follow the key.
    await panelShows(IDS.dorothy, 'record', 'Dorothy healed');
    await panelShows(IDS.robert, 'record', 'Robert healed');
    await setKey();
    const gone = await panelShows(IDS.dorothy, 'error', 'no key, no record', (p) => p.error?.kind === 'no-key');
    assert.match(gone.html, /No API key/);
    assert.match(gone.html, /data-action="setApiKey"/);
    assert.ok(!gone.html.includes('Kowalski') || /Dorothy Kowalski, customer ID/.test(gone.html), 'no record contents, at most the name');
    assert.ok(!/Policies|Medicare/.test(gone.html));
  });

  it('defect 5: a new base URL reloads every panel from there (errors heal, records follow)', async () => {
    const other = await startMockApi({
      customers: SAMPLE_CUSTOMERS.map((c) => (c.id === IDS.margaret ? { ...c, firstName: 'Marge', lastName: 'Elsewhere' } : c)),
    });
    try {
      await mock('/__control/fault', { fault: { kind: 'status', status: 500 }, id: IDS.linda });
      await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
      await panelShows(IDS.margaret, 'record', 'Margaret from the first host', (p) => p.title === 'Margaret Okafor');
      await vscode.commands.executeCommand('carecycle.openCustomer', IDS.linda);
      await panelShows(IDS.linda, 'error', 'Linda failing on the first host');
      await withBaseUrl(other.url, async () => {
        await panelShows(IDS.margaret, 'record', 'Margaret from the second host', (p) => p.title === 'Marge Elsewhere');
        await panelShows(IDS.linda, 'record', 'Linda healed on the second host');
        assert.equal(other.requests.filter((r) => r.id === IDS.margaret).length, 1);
        const log = await waitFor(async () => {
          const t = await logText();
          return t.includes(`Environment: Local at ${other.url}`) && t;
        }, 'the log to name the new base URL');
        assert.ok(log);
      });
    } finally {
      await other.close();
    }
  });

  it('defect 6: a network error names the base URL and offers Try again and Open Settings', async () => {
    const port = await closedPort();
    await withBaseUrl(`http://127.0.0.1:${port}`, async () => {
      await vscode.commands.executeCommand('carecycle.openCustomer', IDS.george);
      const p = await panelShows(IDS.george, 'error', 'the refused connection');
      assert.match(
        p.error?.message ?? '',
        new RegExp(`Could not reach the CareCycle API at http://127\\.0\\.0\\.1:${port}: the connection was refused`),
      );
      assert.match(p.html, /data-action="retry"/);
      assert.match(p.html, /data-action="openSettings"/);
    });
  });

  it('#34: a base URL that answers HTML 404s is not "no such customer": the panel and the hover say so and name it, links stay, the key is not called accepted', async () => {
    const srv = http.createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body><h1>404 Not Found</h1><hr>nginx</body></html>');
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    try {
      await withBaseUrl(url, async () => {
        await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
        const p = await panelShows(IDS.margaret, 'error', 'the panel to say what answered', (x) => x.error?.kind === 'not-api');
        assert.match(
          p.error?.message ?? '',
          new RegExp(`^${url.replace(/\./g, '\\.')} does not answer as the CareCycle API \\(HTTP 404, text/html`),
        );
        assert.match(p.html, /data-action="openSettings"/);
        assert.doesNotMatch(p.html, /No customer has/);
        const doc = await vscode.workspace.openTextDocument({ content: `customer=${IDS.robert} status=200`, language: 'log' });
        const at = doc.positionAt(doc.getText().indexOf(IDS.robert) + 3);
        const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
        const text = hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        assert.match(text, /does not answer as the CareCycle API/);
        assert.doesNotMatch(text, /no customer has this ID/);
        const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
        assert.ok(
          links.some((l) => doc.getText(l.range) === IDS.robert),
          'the ID keeps its link',
        );
        const verdict = await vscode.commands.executeCommand<{ type: string; error?: { kind: string } }>(TestCommands.checkKey);
        assert.deepEqual([verdict.type, verdict.error?.kind], ['unchecked', 'not-api'], 'Set API Key cannot call the key accepted');
      });
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  it('defect 4: a setting that does not move requests keeps the cache', async () => {
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    await panelShows(IDS.margaret, 'record', 'the record');
    const cfg = vscode.workspace.getConfiguration('carecycle');
    await cfg.update('recentCustomers.max', 20, vscode.ConfigurationTarget.Global);
    await cfg.update('recentCustomers.max', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    await panelShows(IDS.margaret, 'record', 'the record again');
    assert.equal(await requestsTo(IDS.margaret), 1, 'served from the cache');
  });

  it('defect 7: Remove from Recent sticks through a refresh of the open panel', async () => {
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.margaret);
    await panelShows(IDS.margaret, 'record', 'the record');
    await waitFor(async () => (await recent()).some((e) => e.id === IDS.margaret), 'Margaret in the recent list');
    await vscode.commands.executeCommand('carecycle.removeRecentCustomer', { id: IDS.margaret });
    await vscode.commands.executeCommand('carecycle.refreshCustomer', IDS.margaret);
    await waitFor(async () => (await requestsTo(IDS.margaret)) === 2 && !(await panel(IDS.margaret))?.busy, 'the refresh to finish');
    assert.ok(!(await recent()).some((e) => e.id === IDS.margaret), 'still removed');
  });

  it('defect 8: an enormous record is not kept once its panel is closed; small ones are', async () => {
    await mock('/__control/fault', { id: IDS.george, fault: { kind: 'huge', mb: 8 } });
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.george);
    await panelShows(IDS.george, 'record', 'the 8 MB record');
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.robert);
    await panelShows(IDS.robert, 'record', 'a small record');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.george);
    await panelShows(IDS.george, 'record', 'the 8 MB record again');
    await vscode.commands.executeCommand('carecycle.openCustomer', IDS.robert);
    await panelShows(IDS.robert, 'record', 'the small record again');
    assert.equal(await requestsTo(IDS.george), 2, 'the large record was fetched again');
    assert.equal(await requestsTo(IDS.robert), 1, 'the small record came from the cache');
  });

  it('defect 9: checks a saved key with one request for the nil UUID and says what the API thinks of it', async () => {
    const nil = '00000000-0000-0000-0000-000000000000';
    const check = () =>
      vscode.commands.executeCommand<{ type: string; status?: number; error?: { message: string } }>('carecycle.test.checkKey');
    assert.deepEqual(await check(), { type: 'accepted' });
    assert.equal(await requestsTo(nil), 1, 'exactly one request, for the nil UUID');
    await setKey('cc_wrong_key_123');
    assert.deepEqual(await check(), { type: 'refused', status: 401 });
    const port = await closedPort();
    await withBaseUrl(`http://127.0.0.1:${port}`, async () => {
      const v = await check();
      assert.equal(v.type, 'unchecked');
      assert.match(v.error?.message ?? '', /connection was refused/);
    });
  });
});
