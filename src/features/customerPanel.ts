import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands, PANEL_VIEW_TYPE } from '../constants';
import { wholeRecord } from '../core/api/classify';
import { CareCycleError, toCareCycleError } from '../core/api/errors';
import { cacheKey, type CustomerService } from '../core/customers';
import { displayName, statusLine } from '../core/summary';
import { deidentify } from '../core/deidentify';
import { maskIdentifiers } from '../core/mask';
import {
  createPanel,
  isBusy,
  noReveals,
  reduce,
  revealReduce,
  type PanelEffect,
  type PanelEvent,
  type PanelState,
  type RevealEvent,
  type RevealState,
  type Snapshot,
} from '../core/panelState';
import { omittedOf, type OmittedCounts } from '../core/prune';
import { panelStateSchema, parseFromWebview, type FromWebview, type ToWebview } from '../core/panelProtocol';
import { plainText } from '../core/plainText';
import { settingId } from '../core/settings';
import { createFormatter } from '../core/render/format';
import { renderDocument } from '../core/render/document';
import { renderCustomerBody, renderError, renderLoading } from '../core/render/panel';
import type { ApiKeyStore } from '../host/apiKeyStore';
import type { Environments } from '../host/environments';
import type { Config } from '../host/config';
import { Disposable } from '../host/lifecycle';
import type { Log } from '../host/log';
import type { RecentStore } from '../host/recentStore';
import { promptForApiKey, type KeyPrompts } from '../host/ui';

export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly customers: CustomerService;
  readonly config: Config;
  readonly log: Log;
  readonly keys: ApiKeyStore;
  /** Asking for a key (no key, or the key was refused) and checking it. */
  readonly prompts: KeyPrompts;
  readonly envs: Environments;
  readonly recent: RecentStore;
  /** Opens the record as JSON in a read-only, in-memory editor. */
  readonly openJson: (id: string) => Promise<void>;
  /** Where the panel's display choices are remembered (globalState): nothing of any record. */
  readonly memento: vscode.Memento;
}

const SHOW_EMPTY = 'carecycle.panel.showEmptyFields';

type RenderMessage = Extract<ToWebview, { type: 'render' }>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One webview panel per customer; opening a customer whose panel is open reveals it. */
export class CustomerPanels extends Disposable {
  private readonly panels = new Map<string, CustomerPanel>();
  /** Whether the person confirmed copying identifiers in clear (asked once per session). */
  identifiersCopyConfirmed = false;

  constructor(private readonly deps: PanelDeps) {
    super();
    this.register(
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const parsed = panelStateSchema.safeParse(typeof state === 'string' ? safeJson(state) : state);
          deps.log.info(`restoring a customer panel (${parsed.success ? 'state ok' : `state unusable: ${typeof state}`})`);
          if (!parsed.success) {
            panel.dispose();
            return;
          }
          this.restore(panel, parsed.data.id);
          await Promise.resolve();
        },
      }),
    );
  }

  /** A person opens a customer: a view (the recent list counts it). */
  show(
    id: string,
    o: {
      refresh?: boolean | undefined;
      preserveFocus?: boolean | undefined;
      beside?: boolean | undefined;
      column?: vscode.ViewColumn | undefined;
    } = {},
  ): void {
    const existing = this.panels.get(cacheKey(id));
    // Beside: the editor the person is looking at (a jump just made in it) stays in sight.
    const besideOf = o.beside ? vscode.window.activeTextEditor?.viewColumn : undefined;
    if (existing) {
      const covers = besideOf !== undefined && existing.panel.viewColumn === besideOf;
      existing.panel.reveal(covers ? vscode.ViewColumn.Beside : undefined, o.preserveFocus);
      existing.dispatch({ type: o.refresh ? 'refresh' : 'open' });
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      `Customer ${id.slice(0, 8)}`,
      { viewColumn: o.column ?? (o.beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active), preserveFocus: o.preserveFocus === true },
      this.webviewOptions(),
    );
    const p = this.adopt(panel, id, 'open');
    if (o.refresh) p.dispatch({ type: 'refresh' });
  }

  /** The key was set, replaced or cleared: every panel follows (errors heal, records go). */
  keyChanged(hasKey: boolean): void {
    for (const p of this.panels.values()) p.dispatch({ type: 'keyChanged', hasKey });
  }

  /** Requests go elsewhere now: every panel loads again from there. */
  endpointChanged(): void {
    for (const p of this.panels.values()) p.dispatch({ type: 'endpointChanged' });
  }

  /** How records are drawn changed (masking): draw again, no request. */
  redraw(): void {
    for (const p of this.panels.values()) p.render();
  }

  get active(): CustomerPanel | undefined {
    for (const p of this.panels.values()) if (p.panel.active) return p;
    return undefined;
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      enableCommandUris: false,
      localResourceRoots: [
        vscode.Uri.joinPath(this.deps.extensionUri, 'media'),
        vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview'),
      ],
    };
  }

  /**
   * A panel VS Code brings back after a reload (its tab shown for the first time). If the customer
   * was opened again meanwhile, there is already a panel for them: the restored one is a duplicate.
   */
  restore(panel: vscode.WebviewPanel, id: string): void {
    this.adopt(panel, id, 'restore');
  }

  /**
   * One panel per customer: registering is idempotent. A second panel for a customer already shown
   * is merged into the first (closed, and the first revealed where it is); a panel that closes
   * removes its own entry only, never another's.
   */
  private adopt(panel: vscode.WebviewPanel, id: string, reason: 'open' | 'restore'): CustomerPanel {
    const key = cacheKey(id);
    const existing = this.panels.get(key);
    if (existing && existing.panel !== panel) {
      this.deps.log.info(`customer ${id}: a second panel was merged into the open one`);
      panel.dispose();
      existing.panel.reveal(existing.panel.viewColumn);
      return existing;
    }
    panel.webview.options = this.webviewOptions();
    const p: CustomerPanel = new CustomerPanel(this.deps, this, panel, id, reason, () => {
      if (this.panels.get(key) === p) this.panels.delete(key);
    });
    this.panels.set(key, p);
    return p;
  }

  override dispose(): void {
    for (const p of [...this.panels.values()]) p.panel.dispose();
    super.dispose();
  }
}

/** Runs one panel's state machine: effects out, events in, and the page drawn from the state. */
export class CustomerPanel extends Disposable {
  private model: PanelState;
  private ctl: AbortController | undefined;
  /** The masked identifiers of the record on screen and which are revealed (../core/panelState.ts). */
  private reveals: RevealState = noReveals;
  private ready = false;
  private watch: ReturnType<typeof setTimeout> | undefined;
  private reloads = 0;
  /** The last page sent (sent again when the page says it is ready). */
  private current: RenderMessage | undefined;

  constructor(
    private readonly deps: PanelDeps,
    private readonly owner: CustomerPanels,
    readonly panel: vscode.WebviewPanel,
    readonly id: string,
    reason: 'open' | 'restore',
    onDispose: () => void,
  ) {
    super();
    const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
    panel.iconPath = vscode.Uri.joinPath(media, 'carecycle.svg');
    const name = deps.recent.find({ id, env: deps.envs.active.name })?.name;
    this.load(renderLoading(id, name));
    this.register(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseFromWebview(raw);
        if (!msg) {
          deps.log.warn('Ignored a malformed message from the customer panel');
          return;
        }
        void this.onMessage(msg).catch((err: unknown) => deps.log.error(`panel action ${msg.type} failed`, err));
      }),
    );
    this.register(
      panel.onDidChangeViewState(() => {
        if (panel.visible && !this.ready) this.watchStart();
      }),
    );
    this.register({ dispose: () => clearTimeout(this.watch) });
    this.register(
      panel.onDidDispose(() => {
        this.ctl?.abort();
        this.dispose();
        onDispose();
      }),
    );
    const t = createPanel(id, reason, name);
    this.model = t.state;
    this.render();
    for (const e of t.effects) this.run(e);
  }

  /**
   * The page, with `body` drawn in it until its script takes over. A page that has not said it is
   * ready within a few seconds of being shown is loaded again (seen on a loaded machine: a page whose
   * script never started kept "Loading…" on screen after the record had arrived), at most three times.
   */
  private load(body: string): void {
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    const webview = this.panel.webview;
    webview.html = renderDocument({
      title: `Customer ${this.id}`,
      customerId: this.id,
      body,
      nonce: randomBytes(16).toString('base64'),
      cspSource: webview.cspSource,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview', 'panel.js')).toString(),
    });
    this.watchStart();
  }

  private watchStart(): void {
    clearTimeout(this.watch);
    if (this.ready || this.isDisposed || this.reloads >= 3) return;
    this.watch = setTimeout(
      () => {
        if (this.ready || this.isDisposed) return;
        // A hidden page does not run: it is watched again once it is shown.
        if (!this.panel.visible) return;
        this.reloads++;
        this.deps.log.warn(`The page of the customer panel did not start; loading it again (${this.reloads} of 3)`);
        this.load(this.current?.html ?? renderLoading(this.id));
      },
      5000 * 2 ** this.reloads,
    );
  }

  /** What the panel shows: loading, a record (busy, stale) or an error. */
  get state(): PanelState {
    return this.model;
  }

  dispatch(event: PanelEvent): void {
    if (this.isDisposed) return;
    const t = reduce(this.model, event);
    const changed = t.state !== this.model;
    this.model = t.state;
    for (const e of t.effects) this.run(e);
    if (changed) this.render();
  }

  private run(effect: PanelEffect): void {
    switch (effect.type) {
      case 'fetch': {
        const ctl = new AbortController();
        this.ctl = ctl;
        const { seq } = effect;
        this.deps.customers.get(this.id, { refresh: effect.refresh, signal: ctl.signal }).then(
          (got) =>
            this.dispatch({
              type: 'loaded',
              seq,
              data: {
                record: got.record,
                warnings: got.warnings,
                fetchedAt: got.fetchedAt,
                environment: got.environment,
                partial: got.partial,
              },
              stale: got.stale,
            }),
          (err: unknown) => {
            const error = toCareCycleError(err);
            if (error.kind === 'internal')
              this.deps.log.error(`customer ${this.id}: unexpected failure`, err instanceof CareCycleError ? error.details.cause : err);
            else if (error.kind !== 'cancelled')
              this.deps.log.info(`customer ${this.id}: ${error.kind}${error.status ? ` (${error.status})` : ''}`);
            this.dispatch({ type: 'failed', seq, error, at: Date.now() });
          },
        );
        return;
      }
      case 'cancel':
        this.ctl?.abort();
        this.ctl = undefined;
        return;
      case 'recordView':
        void this.deps.recent.add({
          id: this.id,
          env: effect.data.environment ?? this.deps.envs.active.name,
          name: displayName(effect.data.record),
          status: statusLine(effect.data.record),
          viewedAt: Date.now(),
        });
        return;
      case 'promptForKey':
        // A key set here reaches every panel through the key store's change event.
        void promptForApiKey(this.deps.prompts);
        return;
    }
  }

  /** Draws the state into the page (and the tab title). */
  render(): void {
    const v = this.state.view;
    const busy = isBusy(this.state);
    let html: string;
    let masked: ReadonlyMap<string, string> = new Map();
    if (v.kind === 'record') {
      const rendered = renderCustomerBody(v.data.record, {
        mask: this.deps.config.maskIdentifiers,
        fmt: createFormatter(vscode.env.language),
        now: Date.now(),
        warnings: v.data.warnings,
        fetchedAt: v.data.fetchedAt,
        environment: this.environmentShown(v.data.environment),
        omitted: this.omittedFor(v.data),
        busy,
        stale: v.stale,
        previous: v.previous?.record,
      });
      masked = rendered.masked;
      html = rendered.html;
      this.panel.title = plainText(displayName(v.data.record), 60);
    } else {
      const environment = v.kind === 'error' && this.deps.envs.several ? v.error.details.environment : undefined;
      html =
        v.kind === 'loading'
          ? renderLoading(this.id, v.name)
          : renderError(this.id, v.error, { name: v.name, environment, seenIn: this.state.seenIn });
      // The tab says what it shows: not the customer, where they are not.
      const who = v.name ? plainText(v.name, 50) : `Customer ${this.id.slice(0, 8)}`;
      this.panel.title =
        v.kind === 'error' && v.error.kind === 'not-found' && environment ? `Not in ${plainText(environment, 30)}: ${who}` : who;
    }
    this.current = {
      type: 'render',
      id: this.id,
      html,
      view: v.kind,
      busy,
      showEmpty: this.deps.memento.get<boolean>(SHOW_EMPTY) === true,
    };
    this.post(this.current);
    this.reveal({ type: 'drawn', masked, of: v.kind === 'record' ? v.data : undefined });
  }

  private reveal(event: RevealEvent): void {
    const t = revealReduce(this.reveals, event);
    this.reveals = t.state;
    if (t.show.length) this.post({ type: 'revealed', items: [...t.show] });
    if (t.cover.length) this.post({ type: 'hidden', maskIds: [...t.cover] });
  }

  /** The record's environment, named when there is more than one to confuse it with. */
  private environmentShown(name: string | undefined): { name: string; production: boolean } | undefined {
    if (name === undefined || !this.deps.envs.several) return undefined;
    return { name, production: this.deps.envs.find(name)?.production ?? false };
  }

  private post(msg: ToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(msg);
  }

  /** The whole record on screen, for what leaves the panel (Copy, the fixture): a huge one is read again from its body. */
  private record(): unknown {
    return this.state.view.kind === 'record' ? wholeRecord(this.state.view.data) : undefined;
  }

  /** What a cut-down copy of a huge record left out, by object (a few hundred entries at most: cheap to rebuild). */
  private omittedFor(data: Snapshot): { index: WeakMap<object, OmittedCounts>; skippedValues: number } | undefined {
    const index = omittedOf(data);
    return index && data.partial ? { index, skippedValues: data.partial.skippedValues } : undefined;
  }

  private async onMessage(msg: FromWebview): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (this.current) this.post(this.current);
        this.reveal({ type: 'drawn', masked: this.reveals.masked, of: this.reveals.of });
        return;
      case 'reveal':
      case 'hide':
        this.reveal({ type: msg.type, maskId: msg.maskId });
        return;
      case 'revealAll':
      case 'hideAll':
        this.reveal({ type: msg.type });
        return;
      case 'refresh':
      case 'retry':
        this.dispatch({ type: 'refresh' });
        return;
      case 'copyId':
        await vscode.commands.executeCommand(Commands.copyCustomerId, this.id);
        return;
      case 'toggleEmpty':
        // The page has already flipped; remember the choice for every panel from now on.
        await this.deps.memento.update(SHOW_EMPTY, this.deps.memento.get<boolean>(SHOW_EMPTY) !== true);
        this.owner.redraw();
        return;
      case 'copyJson': {
        const record = this.record();
        if (record === undefined) return;
        const masking = this.deps.config.maskIdentifiers;
        await vscode.env.clipboard.writeText(JSON.stringify(masking ? maskIdentifiers(record) : record, null, 2));
        void vscode.window.setStatusBarMessage(
          masking
            ? '$(check) Copied as JSON without MBI, Medicaid, VA, SSN and birth dates (names, addresses and contacts are in it)'
            : '$(check) Record copied as JSON (masking is off: every identifier is in it)',
          4000,
        );
        return;
      }
      case 'copyJsonWithIdentifiers': {
        const record = this.record();
        if (record === undefined) return;
        if (!this.owner.identifiersCopyConfirmed) {
          const pick = await vscode.window.showWarningMessage(
            'Copy this record including its identifiers?',
            {
              modal: true,
              detail:
                'The copy holds Medicare (MBI), Medicaid, VA and Social Security numbers and dates of birth in clear. Anything you paste it into keeps them. You will not be asked again this session.',
            },
            'Copy Including Identifiers',
          );
          if (pick !== 'Copy Including Identifiers') return;
          this.owner.identifiersCopyConfirmed = true;
        }
        await vscode.env.clipboard.writeText(JSON.stringify(record, null, 2));
        void vscode.window.setStatusBarMessage('$(warning) Record copied as JSON including identifiers', 4000);
        return;
      }
      case 'copyDeidentified': {
        const record = this.record();
        if (record === undefined) return;
        await vscode.env.clipboard.writeText(JSON.stringify(deidentify(record as Record<string, unknown>), null, 2));
        void vscode.window.setStatusBarMessage(
          '$(check) Copied a de-identified copy of the record (Safe Harbor identifiers replaced)',
          4000,
        );
        return;
      }
      case 'openJson':
        await this.deps.openJson(this.id);
        return;
      case 'setApiKey':
        await promptForApiKey(this.deps.prompts);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', settingId('environments'));
        return;
      case 'showLog':
        this.deps.log.show();
        return;
      case 'switchBack': {
        // Back to where the record was last shown; every panel reloads from there.
        const seenIn = this.state.seenIn;
        if (seenIn && this.deps.envs.find(seenIn)) await this.deps.envs.switchTo(seenIn);
        return;
      }
    }
  }
}
