import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands, PANEL_VIEW_TYPE } from '../constants';
import { CareCycleError, toCareCycleError } from '../core/api/errors';
import type { CustomerRecord } from '../core/api/schema';
import { cacheKey, type CustomerService } from '../core/customers';
import { displayName, statusLine } from '../core/display';
import { parsePanelMessage, panelStateSchema, type PanelMessage } from '../core/panelMessages';
import { clip } from '../core/render/escape';
import { createFormatter } from '../core/render/format';
import { renderCustomerBody, renderDocument, renderError, renderLoading } from '../core/render/panel';
import type { ApiKeyStore } from '../host/apiKeyStore';
import type { Config } from '../host/config';
import type { Log } from '../host/log';
import type { RecentStore } from '../host/recentStore';
import { promptForApiKey, showError } from '../host/ui';

export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly customers: CustomerService;
  readonly config: Config;
  readonly log: Log;
  readonly keys: ApiKeyStore;
  readonly recent: RecentStore;
  /** Opens the record as JSON in a read-only, in-memory editor. */
  readonly openJson: (id: string) => Promise<void>;
}

type Outgoing =
  | { type: 'render'; id: string; html: string; state: 'loading' | 'error' | 'record' }
  | { type: 'revealed'; items: Array<{ maskId: string; text: string }> }
  | { type: 'busy'; busy: boolean };

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One webview panel per customer; opening a customer whose panel is open reveals it. */
export class CustomerPanels implements vscode.Disposable {
  private readonly panels = new Map<string, CustomerPanel>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly deps: PanelDeps) {
    this.subs.push(
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const parsed = panelStateSchema.safeParse(typeof state === 'string' ? safeJson(state) : state);
          deps.log.info(`restoring a customer panel (${parsed.success ? 'state ok' : `state unusable: ${typeof state}`})`);
          if (!parsed.success) {
            panel.dispose();
            return;
          }
          this.adopt(panel, parsed.data.id, false);
          await Promise.resolve();
        },
      }),
      deps.config.onDidChange(() => {
        for (const p of this.panels.values()) p.rerender();
      }),
    );
  }

  show(id: string, o: { refresh?: boolean; preserveFocus?: boolean } = {}): CustomerPanel {
    const existing = this.panels.get(cacheKey(id));
    if (existing) {
      existing.panel.reveal(undefined, o.preserveFocus);
      if (o.refresh) void existing.load(true, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, `Customer ${id.slice(0, 8)}`, { viewColumn: vscode.ViewColumn.Active, preserveFocus: o.preserveFocus }, this.webviewOptions());
    return this.adopt(panel, id, true);
  }

  get active(): CustomerPanel | undefined {
    for (const p of this.panels.values()) if (p.panel.active) return p;
    return undefined;
  }

  get(id: string): CustomerPanel | undefined {
    return this.panels.get(cacheKey(id));
  }

  get all(): CustomerPanel[] {
    return [...this.panels.values()];
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, id: string, interactive: boolean): CustomerPanel {
    panel.webview.options = this.webviewOptions();
    const p = new CustomerPanel(this.deps, panel, id, () => this.panels.delete(cacheKey(id)));
    this.panels.set(cacheKey(id), p);
    void p.load(false, interactive);
    return p;
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
    for (const s of this.subs) s.dispose();
  }
}

export class CustomerPanel {
  private record: CustomerRecord | undefined;
  private warnings: readonly string[] = [];
  private masked: ReadonlyMap<string, string> = new Map();
  private current: Outgoing | undefined;
  private ready = false;
  private seq = 0;
  private inflight: AbortController | undefined;
  private readonly subs: vscode.Disposable[] = [];
  /** The body last sent to the webview (integration tests read it). */
  lastBody = '';
  state: 'loading' | 'error' | 'record' = 'loading';
  lastError: CareCycleError | undefined;

  constructor(
    private readonly deps: PanelDeps,
    readonly panel: vscode.WebviewPanel,
    readonly id: string,
    onDispose: () => void,
  ) {
    const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
    panel.iconPath = vscode.Uri.joinPath(media, 'carecycle.svg');
    const nonce = randomBytes(16).toString('base64');
    panel.webview.html = renderDocument({
      title: `Customer ${id}`,
      customerId: id,
      body: renderLoading(id),
      nonce,
      cspSource: panel.webview.cspSource,
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css')).toString(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.js')).toString(),
    });
    this.subs.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parsePanelMessage(raw);
        if (!msg) {
          deps.log.warn('Ignored a malformed message from the customer panel');
          return;
        }
        void this.onMessage(msg).catch((err: unknown) => deps.log.error(`panel action ${msg.type} failed`, err));
      }),
      panel.onDidDispose(() => {
        this.inflight?.abort();
        for (const s of this.subs) s.dispose();
        onDispose();
      }),
    );
  }

  async load(refresh: boolean, interactive: boolean): Promise<void> {
    const seq = ++this.seq;
    this.inflight?.abort();
    const ctl = new AbortController();
    this.inflight = ctl;
    if (this.record) this.post({ type: 'busy', busy: true });
    else this.send({ type: 'render', id: this.id, html: renderLoading(this.id), state: 'loading' });
    try {
      const got = await this.deps.customers.get(this.id, { refresh, signal: ctl.signal });
      if (seq !== this.seq) return;
      this.record = got.record;
      this.warnings = got.warnings;
      this.lastError = undefined;
      this.rerender();
      void this.deps.recent.add({ id: this.id, name: displayName(got.record), status: statusLine(got.record), viewedAt: Date.now() });
    } catch (err) {
      if (seq !== this.seq) return;
      const e = toCareCycleError(err);
      if (e.kind === 'cancelled') return;
      this.lastError = e;
      this.deps.log.info(`customer ${this.id}: ${e.kind}${e.status ? ` (${e.status})` : ''}`);
      if (this.record && e.kind !== 'not-found') {
        // Keep what the user is reading; say why the refresh failed.
        this.post({ type: 'busy', busy: false });
        void showError(e, this.deps.log, this.deps.keys).then((fixed) => (fixed ? this.load(true, true) : undefined));
        return;
      }
      this.record = undefined;
      this.send({ type: 'render', id: this.id, html: renderError(this.id, e), state: 'error' });
      this.panel.title = `Customer ${this.id.slice(0, 8)}`;
      if (interactive && e.kind === 'no-key') {
        if (await promptForApiKey(this.deps.keys, this.deps.log)) await this.load(false, true);
      } else if (interactive && e.kind === 'unauthorized') {
        if (await showError(e, this.deps.log, this.deps.keys)) await this.load(true, true);
      }
    } finally {
      if (this.inflight === ctl) this.inflight = undefined;
    }
  }

  /** Renders the record again (after a setting change such as masking). */
  rerender(): void {
    if (!this.record) return;
    const cfg = this.deps.config.values;
    const rendered = renderCustomerBody(this.record, {
      mask: cfg.maskIdentifiers,
      fmt: createFormatter(vscode.env.language),
      now: Date.now(),
      warnings: this.warnings,
    });
    this.masked = rendered.masked;
    this.state = 'record';
    this.panel.title = clip(displayName(this.record), 60);
    this.send({ type: 'render', id: this.id, html: rendered.html, state: 'record' });
  }

  private send(msg: Extract<Outgoing, { type: 'render' }>): void {
    this.current = msg;
    this.lastBody = msg.html;
    this.state = msg.state;
    if (this.ready) void this.panel.webview.postMessage(msg);
  }

  private post(msg: Outgoing): void {
    if (this.ready) void this.panel.webview.postMessage(msg);
  }

  get customerRecord(): CustomerRecord | undefined {
    return this.record;
  }

  private async onMessage(msg: PanelMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (this.current) await this.panel.webview.postMessage(this.current);
        return;
      case 'reveal': {
        const text = this.masked.get(msg.maskId);
        if (text !== undefined) this.post({ type: 'revealed', items: [{ maskId: msg.maskId, text }] });
        return;
      }
      case 'revealAll':
        this.post({ type: 'revealed', items: [...this.masked].map(([maskId, text]) => ({ maskId, text })) });
        return;
      case 'refresh':
      case 'retry':
        await this.load(true, true);
        return;
      case 'copyId':
        await vscode.commands.executeCommand(Commands.copyCustomerId, this.record?.id ?? this.id);
        return;
      case 'copyJson':
        if (this.record) {
          await vscode.env.clipboard.writeText(JSON.stringify(this.record, null, 2));
          void vscode.window.setStatusBarMessage('$(check) Customer record copied as JSON', 3000);
        }
        return;
      case 'openJson':
        await this.deps.openJson(this.id);
        return;
      case 'setApiKey':
        if (await promptForApiKey(this.deps.keys, this.deps.log)) await this.load(true, true);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'carecycle');
        return;
      case 'showLog':
        this.deps.log.show();
        return;
    }
  }
}
