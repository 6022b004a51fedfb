import * as vscode from 'vscode';
import { Commands, TreeItemContext, Views } from '../constants';
import { plainText } from '../core/api/errors';
import type { RecentEntry } from '../core/recent';
import { relativeTime } from '../core/render/format';
import type { RecentStore } from '../host/recentStore';

/** The "Recent Customers" view: newest first, pinned on top, one click to reopen. */
export class RecentCustomersProvider implements vscode.TreeDataProvider<RecentEntry>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RecentEntry | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly store: RecentStore) {
    this.sub = store.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  getChildren(element?: RecentEntry): RecentEntry[] {
    return element ? [] : [...this.store.entries];
  }

  getTreeItem(e: RecentEntry): vscode.TreeItem {
    // Names and statuses came from the API: plain text only on this surface.
    const name = e.name === undefined ? undefined : plainText(e.name, 120);
    const status = e.status === undefined ? undefined : plainText(e.status, 40);
    const item = new vscode.TreeItem(name ?? e.id, vscode.TreeItemCollapsibleState.None);
    item.id = e.id.toLowerCase();
    const description = status ?? (name ? undefined : 'not loaded yet');
    if (description !== undefined) item.description = description;
    const tip = new vscode.MarkdownString(undefined, true);
    tip
      .appendMarkdown(`**`)
      .appendText(e.name ?? 'Customer')
      .appendMarkdown(`**${e.pinned ? ' $(pinned)' : ''}  \n`);
    tip.appendText(e.id).appendMarkdown('  \n');
    if (e.status) tip.appendText(`Status: ${e.status}`).appendMarkdown('  \n');
    if (e.viewedAt) tip.appendText(`Viewed ${relativeTime(e.viewedAt, Date.now())} (${new Date(e.viewedAt).toLocaleString()})`);
    item.tooltip = tip;
    item.iconPath = new vscode.ThemeIcon(e.pinned ? 'pinned' : 'account');
    item.contextValue = e.pinned ? TreeItemContext.recentPinned : TreeItemContext.recent;
    item.command = { command: Commands.openCustomer, title: 'Open Customer', arguments: [e.id] };
    item.accessibilityInformation = { label: `${name ?? e.id}${status ? `, ${status}` : ''}${e.pinned ? ', pinned' : ''}` };
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

export function registerRecentTree(store: RecentStore): vscode.Disposable[] {
  const provider = new RecentCustomersProvider(store);
  const view = vscode.window.createTreeView(Views.recentCustomers, { treeDataProvider: provider, showCollapseAll: false });
  const badge = (): void => {
    view.description = store.entries.length ? `${store.entries.length}` : '';
  };
  badge();
  return [provider, view, store.onDidChange(badge)];
}
