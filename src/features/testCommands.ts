import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../constants';
import type { RateLimiter } from '../core/limiter';
import type { PanelState } from '../core/panelState';
import type { CustomerService } from '../core/customers';
import type { ApiKeyStore } from '../host/apiKeyStore';
import { checkStoredKey, type KeyPrompts } from '../host/ui';
import type { Environments } from '../host/environments';
import type { RecentStore } from '../host/recentStore';
import { isBusy } from '../core/panelState';
import type { CustomerPanel, CustomerPanels } from './customerPanel';
import type { WorkspaceCustomers } from './workspaceCustomers';

/** What a panel shows, as a person sees it: read by the integration tests through TestCommands.state. */
export interface PanelSnapshot {
  readonly id: string;
  readonly title: string;
  readonly view: PanelState['view']['kind'];
  readonly busy: boolean;
  readonly stale?: string | undefined;
  readonly error?: { readonly kind: string; readonly message: string } | undefined;
  /** The body last sent to the page. */
  readonly html: string;
}

function snapshot(p: CustomerPanel): PanelSnapshot {
  const v = p.state.view;
  return {
    id: p.id,
    title: p.panel.title,
    view: v.kind,
    busy: isBusy(p.state),
    stale: v.kind === 'record' && v.stale ? v.stale.error.message : undefined,
    error: v.kind === 'error' ? { kind: v.error.kind, message: v.error.message } : undefined,
    html: p.body,
  };
}

/** Commands the integration tests use to look and to set up; registered only in ExtensionMode.Test. */
export const TestCommands = {
  /** What the panels show (the body last sent to each page), the recent list, where the log is. */
  state: 'carecycle.test.state',
  /** Stores a key (or clears it, with no argument) without the password box; for the active environment or the one named. */
  setApiKey: 'carecycle.test.setApiKey',
  /** Empties the cache, as a new key would, and gives the rate limiter a clean slate. */
  forget: 'carecycle.test.forget',
  clearRecent: 'carecycle.test.clearRecent',
  /** What the API says of the stored key (the check Set API Key runs after saving). */
  checkKey: 'carecycle.test.checkKey',
  /** Hands a new panel of the record panel's type to the registry as VS Code's deserializer does after a reload. */
  restorePanel: 'carecycle.test.restorePanel',
  /** Customers in Workspace as the view draws it: its message, and each top-level row's label and description (a customer's files with `expand`). */
  workspaceCustomers: 'carecycle.test.workspaceCustomers',
} as const;

export function registerTestCommands(d: {
  readonly panels: CustomerPanels;
  readonly recent: RecentStore;
  readonly keys: ApiKeyStore;
  readonly prompts: KeyPrompts;
  readonly envs: Environments;
  readonly customers: CustomerService;
  /** The client's rate limiter: a clean slate between tests, as the stand-in's reset gives it one. */
  readonly limiter: Pick<RateLimiter, 'reset'>;
  readonly logUri: vscode.Uri;
  readonly workspaceCustomers: WorkspaceCustomers;
}): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(TestCommands.state, () => ({
      panels: d.panels.all().map(snapshot),
      recent: d.recent.entries,
      logUri: d.logUri.toString(),
      environment: d.envs.active,
      environments: d.envs.list,
    })),
    vscode.commands.registerCommand(TestCommands.setApiKey, (key?: string, envName?: string) => {
      const env = envName === undefined ? d.envs.active : d.envs.find(envName);
      if (!env) throw new Error(`no environment ${envName ?? ''}`);
      return key ? d.keys.set(key, env) : d.keys.clear(env);
    }),
    vscode.commands.registerCommand(TestCommands.forget, () => {
      d.customers.invalidate();
      d.limiter.reset();
    }),
    vscode.commands.registerCommand(TestCommands.clearRecent, () => d.recent.clear()),
    vscode.commands.registerCommand(TestCommands.workspaceCustomers, async (expand?: string) => {
      const w = d.workspaceCustomers;
      const draw = async (n?: Parameters<WorkspaceCustomers['getTreeItem']>[0]): Promise<unknown[]> =>
        Promise.all(
          (await w.getChildren(n)).map(async (c) => {
            const item = w.getTreeItem(c);
            const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
            const open =
              expand !== undefined &&
              c.kind !== 'note' &&
              ((typeof item.tooltip === 'string' && item.tooltip.startsWith(expand)) || c.kind === 'file');
            return { label, description: item.description, children: open ? await draw(c) : undefined };
          }),
        );
      return { message: w.message, rows: await draw() };
    }),
    vscode.commands.registerCommand(TestCommands.restorePanel, (id: string) => {
      const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, `Customer ${id.slice(0, 8)}`, {
        viewColumn: vscode.ViewColumn.Active,
        preserveFocus: true,
      });
      d.panels.restore(panel, id);
    }),
    vscode.commands.registerCommand(TestCommands.checkKey, async () => {
      const v = await checkStoredKey(d.prompts);
      return v.type === 'unchecked' ? { type: v.type, error: { kind: v.error.kind, message: v.error.message } } : v;
    }),
  );
}
