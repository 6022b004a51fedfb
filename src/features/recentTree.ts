import * as vscode from 'vscode';
import { Commands, TreeItemContext, Views } from '../constants';
import { plainText } from '../core/plainText';
import { envKey } from '../core/environments';
import type { RecentEntry } from '../core/recent';
import { relativeTime } from '../core/summary';
import type { Environments } from '../host/environments';
import { Disposable } from '../host/lifecycle';
import type { RecentStore } from '../host/recentStore';

/** A heading over one environment's customers, when there is more than one environment. */
interface EnvGroup {
  readonly group: string;
  readonly count: number;
}
type Node = RecentEntry | EnvGroup;
const isGroup = (n: Node): n is EnvGroup => 'group' in n;

/**
 * The "Recent Customers" view: newest first, pinned on top, one click to reopen. With several
 * environments, grouped by environment (the active one first): the same ID in another
 * environment is another customer, and opening it switches to its environment.
 */
export class RecentCustomersProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly emitter = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly store: RecentStore,
    private readonly envs: Environments,
    /** The contact restrictions of a customer looked up this session (they are not kept across restarts). */
    private readonly restrictionsOf: (ref: RecentEntry) => readonly string[],
    /** Fires when a customer is looked up: restrictions may have become known. */
    onLookup: vscode.Event<unknown>,
  ) {
    super();
    this.register(onLookup(() => this.refresh()));
    this.register(store.onDidChange(() => this.refresh()));
    this.register(envs.onDidChangeActive(() => this.refresh()));
    this.register(envs.onDidChangeList(() => this.refresh()));
    const view = this.register(vscode.window.createTreeView(Views.recentCustomers, { treeDataProvider: this, showCollapseAll: false }));
    const badge = (): void => {
      view.description = store.entries.length ? `${store.entries.length}` : '';
    };
    badge();
    this.register(store.onDidChange(badge));
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  private grouped(): boolean {
    const names = new Set(this.store.entries.map((e) => envKey(e.env)));
    return this.envs.several || names.size > 1 || (names.size === 1 && !this.store.entries.some((e) => this.envs.isActive(e.env)));
  }

  getChildren(element?: Node): Node[] {
    const entries = this.store.entries;
    if (element) return isGroup(element) ? entries.filter((e) => envKey(e.env) === envKey(element.group)) : [];
    if (!this.grouped()) return [...entries];
    const counts = new Map<string, EnvGroup>();
    for (const e of entries) {
      const k = envKey(e.env);
      counts.set(k, { group: counts.get(k)?.group ?? e.env, count: (counts.get(k)?.count ?? 0) + 1 });
    }
    const first = (g: EnvGroup): number => Number(this.envs.isActive(g.group));
    return [...counts.values()].sort((a, b) => first(b) - first(a));
  }

  getTreeItem(n: Node): vscode.TreeItem {
    return isGroup(n) ? this.groupItem(n) : this.entryItem(n);
  }

  private groupItem(g: EnvGroup): vscode.TreeItem {
    const active = this.envs.isActive(g.group);
    const defined = this.envs.find(g.group);
    const item = new vscode.TreeItem(plainText(g.group, 40), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `env:${envKey(g.group)}`;
    item.description = `${g.count}${active ? ' · active' : defined ? '' : ' · not defined any more'}`;
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.tooltip = active
      ? `${g.group}: the active environment`
      : `${g.group}: opening one of these customers switches to ${g.group}${defined ? '' : ' (no longer defined in your settings)'}`;
    item.contextValue = 'recentEnvironment';
    return item;
  }

  private entryItem(e: RecentEntry): vscode.TreeItem {
    // Names and statuses came from the API: plain text only on this surface.
    const name = e.name === undefined ? undefined : plainText(e.name, 120);
    const status = e.status === undefined ? undefined : plainText(e.status, 40);
    const item = new vscode.TreeItem(name ?? e.id, vscode.TreeItemCollapsibleState.None);
    item.id = `${envKey(e.env)}/${e.id.toLowerCase()}`;
    const restrictions = this.restrictionsOf(e);
    // The restrictions beside the status, icon and words, as everywhere else: the first thing to know before a call.
    const description = [status ?? (name ? undefined : 'not loaded yet'), restrictions.length ? `⊘ ${restrictions.join(', ')}` : undefined]
      .filter(Boolean)
      .join(' · ');
    if (description) item.description = description;
    const tip = new vscode.MarkdownString(undefined, true);
    tip
      .appendMarkdown(`**`)
      .appendText(name ?? 'Customer')
      .appendMarkdown(`**${e.pinned ? ' $(pinned)' : ''}  \n`);
    tip.appendText(e.id).appendMarkdown('  \n');
    if (this.grouped()) tip.appendText(`Environment: ${e.env}`).appendMarkdown('  \n');
    if (status) tip.appendText(`Status: ${status}`).appendMarkdown('  \n');
    if (restrictions.length) tip.appendText(`Contact restrictions: ${restrictions.join(', ')}`).appendMarkdown('  \n');
    if (e.viewedAt) tip.appendText(`Viewed ${relativeTime(e.viewedAt, Date.now())} (${new Date(e.viewedAt).toLocaleString()})`);
    item.tooltip = tip;
    item.iconPath = new vscode.ThemeIcon(e.pinned ? 'pinned' : 'account');
    item.contextValue = e.pinned ? TreeItemContext.recentPinned : TreeItemContext.recent;
    item.command = { command: Commands.openCustomer, title: 'Open Customer', arguments: [e.id, e.env] };
    item.accessibilityInformation = {
      label: `${name ?? e.id}${status ? `, ${status}` : ''}${restrictions.length ? `, ${restrictions.join(', ')}` : ''}${e.pinned ? ', pinned' : ''}`,
    };
    return item;
  }
}
