import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import { findCustomerIds } from '../core/customerId';
import { RateLimiter } from '../core/limiter';
import { plainText } from '../core/plainText';
import { contactRestrictions, displayName } from '../core/summary';
import type { CustomerService } from '../core/customers';
import { DEFAULT_MAX_FILE_BYTES } from '../core/workspace/pool';
import { idsOf, type FileResult } from '../core/workspace/protocol';
import type { Log } from '../host/log';
import { guarded } from '../host/ui';
import type { WorkspaceSearch } from './workspaceSearch';

/** Distinct IDs listed at most; mentions of any further ones are counted, and said to be. */
export const MAX_LISTED_IDS = 5000;
/** Names are looked up for the most mentioned customers within the view's own share: 5 a minute. */
const share = new RateLimiter(5, 60_000);

interface Entry {
  readonly id: string;
  count: number;
  /** File path → mentions in it. */
  readonly files: Map<string, number>;
}

export type Node =
  | { readonly kind: 'customer'; readonly entry: Entry }
  | { readonly kind: 'file'; readonly entry: Entry; readonly file: string; readonly count: number }
  | { readonly kind: 'mention'; readonly file: string; readonly line: number; readonly character: number }
  | { readonly kind: 'note'; readonly label: string; readonly detail?: string };

/**
 * "Customers in Workspace": every distinct customer ID of the workspace's files, most mentioned first,
 * with the files and lines where each appears, names looked up within the view's own share of the
 * rate limit, contact restrictions marked. The scan streams in while it runs (a progress bar, a Cancel
 * button in the view's title); a changed, created or deleted file is scanned again on its own.
 */
export class WorkspaceCustomers implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly entries = new Map<string, Entry>();
  /** Per file, the listed IDs it mentions and how often: what a rescan of the file takes back. */
  private readonly byFile = new Map<string, Map<string, number>>();
  private unlisted = 0;
  private mentions = 0;
  private skipped = new Map<string, string>();
  private searched = 0;
  private state: 'idle' | 'scanning' | 'done' | 'cancelled' | 'failed' = 'idle';
  private failure = '';
  private scan: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private redraw: ReturnType<typeof setTimeout> | undefined;
  private pendingFiles = new Set<string>();
  /** Every file of the last listing (on disk, excludes and ignore files applied). */
  private listed = new Set<string>();
  private relist = false;
  private watching = false;
  private rescanTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly search: WorkspaceSearch,
    private readonly customers: CustomerService,
    private readonly log: Log,
  ) {
    this.view = vscode.window.createTreeView(Views.workspaceCustomers, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      vscode.commands.registerCommand(
        Commands.listCustomersInWorkspace,
        guarded(log, Commands.listCustomersInWorkspace, async () => {
          await vscode.commands.executeCommand(`${Views.workspaceCustomers}.focus`);
          await this.run();
        }),
      ),
      vscode.commands.registerCommand(Commands.cancelWorkspaceScan, () => this.scan?.abort()),
      customers.onDidFetch(() => this.soon()),
    );
    this.disposables.push({ dispose: () => (clearTimeout(this.redraw), clearTimeout(this.rescanTimer), this.scan?.abort()) });
    this.describe();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /**
   * From the first scan on, what changes is read again: a file saved or edited in the workspace's
   * listing is read alone; a file created or deleted makes the listing be taken again (it may be
   * excluded or ignored), once for all the changes of that moment. Nothing is watched before.
   */
  private watchChanges(): void {
    if (this.watching) return;
    this.watching = true;
    const touched = (uri: vscode.Uri, relist: boolean): void => {
      if (this.state !== 'done' || uri.scheme !== 'file') return;
      if (relist || !this.listed.has(uri.fsPath)) this.relist = true;
      this.pendingFiles.add(uri.fsPath);
      clearTimeout(this.rescanTimer);
      this.rescanTimer = setTimeout(() => void this.rescanChanged(), 300);
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidChange((u) => touched(u, false)),
      watcher.onDidCreate((u) => touched(u, true)),
      watcher.onDidDelete((u) => touched(u, true)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.listed.has(e.document.uri.fsPath)) touched(e.document.uri, false);
      }),
    );
  }

  /** What the view says above its rows (progress, totals, a failure). */
  get message(): string | undefined {
    return this.view.message;
  }

  /** Scans the whole workspace again, cancelling a scan under way. */
  async run(): Promise<void> {
    this.scan?.abort();
    const ctl = new AbortController();
    this.scan = ctl;
    this.entries.clear();
    this.byFile.clear();
    this.skipped = new Map();
    this.unlisted = 0;
    this.mentions = 0;
    this.searched = 0;
    this.failure = '';
    this.state = 'scanning';
    void vscode.commands.executeCommand('setContext', 'carecycle.workspaceScanning', true);
    this.describe();
    this.changed.fire(undefined);
    const started = Date.now();
    try {
      await vscode.window.withProgress({ location: { viewId: Views.workspaceCustomers } }, async () => {
        const {
          files,
          editors: unsaved,
          listed,
        } = await this.search.scan({ mode: 'count', maxFileBytes: DEFAULT_MAX_FILE_BYTES }, (rs) => this.add(rs), ctl.signal);
        this.listed = new Set(listed);
        for (const d of unsaved) this.addText(d);
        this.searched = files + unsaved.length;
      });
      this.state = 'done';
      this.watchChanges();
      this.log.info(
        `customers in workspace: ${this.entries.size} IDs listed, ${this.mentions + this.unlisted} mentions, ${this.searched} files, ${Date.now() - started} ms`,
      );
      this.lookUpNames();
    } catch (err) {
      if (ctl.signal.aborted) {
        if (this.scan === ctl) this.state = 'cancelled';
      } else {
        this.state = 'failed';
        this.failure = err instanceof Error ? err.message : String(err);
        this.log.error(`customers in workspace: ${this.failure}`);
      }
    } finally {
      if (this.scan === ctl) void vscode.commands.executeCommand('setContext', 'carecycle.workspaceScanning', false);
    }
    this.describe();
    this.changed.fire(undefined);
  }

  getTreeItem(n: Node): vscode.TreeItem {
    if (n.kind === 'note') {
      const item = new vscode.TreeItem(n.label);
      item.iconPath = new vscode.ThemeIcon('info');
      if (n.detail) item.tooltip = n.detail;
      return item;
    }
    if (n.kind === 'customer') {
      const e = n.entry;
      const got = this.customers.peek(e.id);
      const missing = this.customers.knownMissing(e.id);
      const restricted = got ? contactRestrictions(got.record) : [];
      const item = new vscode.TreeItem(got ? plainText(displayName(got.record), 80) : e.id, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `c:${e.id}`;
      item.description = `${got ? `${e.id.slice(0, 8)}… · ` : ''}${e.count}× in ${e.files.size} file${e.files.size === 1 ? '' : 's'}${missing ? ' · not a customer' : ''}${restricted.length ? ` · ${restricted.join(', ').toLowerCase()}` : ''}`;
      item.iconPath = new vscode.ThemeIcon(missing ? 'question' : restricted.length ? 'circle-slash' : got ? 'account' : 'symbol-key');
      item.tooltip = `${e.id}\n${e.count} mentions in ${e.files.size} files${restricted.length ? `\nContact restrictions: ${restricted.join(', ')}` : ''}`;
      item.contextValue = 'carecycle.workspaceCustomer';
      // A click opens the record; the twisty shows the files.
      item.command = { command: Commands.openCustomer, title: 'Open Customer', arguments: [e.id] };
      return item;
    }
    if (n.kind === 'file') {
      const uri = vscode.Uri.file(n.file);
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(uri), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `f:${n.entry.id}:${n.file}`;
      item.resourceUri = uri;
      item.description = `${n.count}×`;
      return item;
    }
    const uri = vscode.Uri.file(n.file);
    const item = new vscode.TreeItem(`Line ${n.line + 1}, column ${n.character + 1}`);
    item.command = {
      command: 'vscode.open',
      title: 'Go to mention',
      arguments: [uri, { selection: new vscode.Range(n.line, n.character, n.line, n.character + 36) }],
    };
    item.iconPath = new vscode.ThemeIcon('location');
    return item;
  }

  async getChildren(n?: Node): Promise<Node[]> {
    if (!n) {
      const rows: Node[] = [...this.entries.values()]
        .sort((a, b) => b.count - a.count || b.files.size - a.files.size)
        .map((entry) => ({ kind: 'customer', entry }));
      if (this.unlisted)
        rows.push({
          kind: 'note',
          label: `${this.unlisted.toLocaleString()} more mentions of IDs not listed (the first ${MAX_LISTED_IDS.toLocaleString()} distinct IDs are)`,
        });
      for (const [file, reason] of [...this.skipped].slice(0, 50))
        rows.push({ kind: 'note', label: `Skipped (${reason}): ${vscode.workspace.asRelativePath(file)}`, detail: file });
      return rows;
    }
    if (n.kind === 'customer')
      return [...n.entry.files].sort((a, b) => b[1] - a[1]).map(([file, count]) => ({ kind: 'file', entry: n.entry, file, count }));
    if (n.kind === 'file') return this.mentionsIn(n.entry.id, n.file);
    return [];
  }

  private async mentionsIn(id: string, file: string): Promise<Node[]> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file && d.isDirty);
    if (doc)
      return findCustomerIds(doc.getText())
        .filter((m) => m.id.toLowerCase() === id)
        .map((m) => {
          const p = doc.positionAt(m.start);
          return { kind: 'mention', file, line: p.line, character: p.character };
        });
    const out: Node[] = [];
    await this.search.pool.scan([file], { mode: 'positions', only: id, maxFileBytes: DEFAULT_MAX_FILE_BYTES }, (rs) => {
      for (const r of rs) for (const [line, character] of r.positions ?? []) out.push({ kind: 'mention', file, line, character });
    });
    return out;
  }

  private add(results: readonly FileResult[]): void {
    for (const r of results) {
      if (r.skipped) {
        this.skipped.set(r.file, r.skipped === 'too large' ? `over ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024} MB` : r.skipped);
        continue;
      }
      const ids = idsOf(r);
      ids.forEach((id, i) => this.count(r.file, id, r.counts[i] ?? 0));
    }
    this.soon();
  }

  private addText(d: vscode.TextDocument): void {
    for (const m of findCustomerIds(d.getText()))
      this.count(d.uri.scheme === 'file' ? d.uri.fsPath : d.uri.toString(), m.id.toLowerCase(), 1);
  }

  private count(file: string, id: string, n: number): void {
    this.mentions += n;
    let e = this.entries.get(id);
    if (!e) {
      if (this.entries.size >= MAX_LISTED_IDS) {
        this.unlisted += n;
        return;
      }
      e = { id, count: 0, files: new Map() };
      this.entries.set(id, e);
    }
    e.count += n;
    e.files.set(file, (e.files.get(file) ?? 0) + n);
    let f = this.byFile.get(file);
    if (!f) {
      f = new Map<string, number>();
      this.byFile.set(file, f);
    }
    f.set(id, (f.get(id) ?? 0) + n);
  }

  /** Takes back what changed files said, and reads them again (only them). */
  private async rescanChanged(): Promise<void> {
    const files = [...this.pendingFiles];
    this.pendingFiles.clear();
    for (const file of files) {
      for (const [id, n] of this.byFile.get(file) ?? []) {
        const e = this.entries.get(id);
        if (!e) continue;
        e.count -= n;
        this.mentions -= n;
        e.files.delete(file);
        if (e.count <= 0) this.entries.delete(id);
      }
      this.byFile.delete(file);
      this.skipped.delete(file);
    }
    if (this.relist) {
      this.relist = false;
      this.listed = new Set(await this.search.list(new AbortController().signal));
    }
    const listed = files.filter((f) => this.listed.has(f));
    const editors = this.search.editors(listed).filter((d) => d.uri.scheme === 'file');
    const held = new Set(editors.map((d) => d.uri.fsPath));
    const disk = listed.filter((f) => !held.has(f));
    for (const d of editors) this.addText(d);
    await this.search.pool.scan(disk, { mode: 'count', maxFileBytes: DEFAULT_MAX_FILE_BYTES }, (rs) => this.add(rs));
    this.log.info(`customers in workspace: ${files.length} changed, ${disk.length} read again from disk`);
    this.describe();
    this.changed.fire(undefined);
  }

  /** Redraws at most every 150 ms while results stream in. */
  private soon(): void {
    if (this.redraw) return;
    this.redraw = setTimeout(() => {
      this.redraw = undefined;
      this.describe();
      this.changed.fire(undefined);
    }, 150);
  }

  private describe(): void {
    const ids = this.entries.size;
    const skipped = this.skipped.size ? ` · ${this.skipped.size} skipped` : '';
    const what = `${ids.toLocaleString()}${this.unlisted ? '+' : ''} distinct ID${ids === 1 ? '' : 's'}, ${(this.mentions + this.unlisted).toLocaleString()} mentions`;
    this.view.message =
      this.state === 'idle'
        ? vscode.workspace.workspaceFolders?.length
          ? 'Find every customer ID in this workspace: the search button above, or "CareCycle: Customers in Workspace".'
          : 'Open a folder to find the customers its files mention.'
        : this.state === 'scanning'
          ? `Scanning the workspace's files… ${what} so far`
          : this.state === 'cancelled'
            ? `Cancelled: ${what} so far (incomplete).`
            : this.state === 'failed'
              ? `The scan failed: ${plainText(this.failure, 200)}`
              : ids === 0
                ? `No customer IDs in ${this.searched.toLocaleString()} files${skipped}.`
                : `${what} in ${this.searched.toLocaleString()} files${skipped}.`;
  }

  /** Names for the most mentioned IDs, within the view's own share of the rate limit. */
  private lookUpNames(): void {
    const ctl = this.scan;
    const top = [...this.entries.values()].sort((a, b) => b.count - a.count).slice(0, 20);
    for (const e of top) {
      if (this.customers.peek(e.id) || this.customers.knownMissing(e.id)) continue;
      if (!share.tryAcquire()) break;
      void this.customers.get(e.id, ctl ? { signal: ctl.signal } : {}).catch(() => undefined);
    }
  }
}
