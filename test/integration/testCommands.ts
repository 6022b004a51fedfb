// Commands the integration tests use to look and to set up. They exist only in the test build of the
// extension (./extension.ts), never in the shipped bundle: what they read that the extension keeps to
// itself (the panels it holds, the page each one sent last, the limiter's window) is reached through
// `internals` below, which fails loudly if the extension's code moved.
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../../src/constants';
import type { RateLimiter } from '../../src/core/limiter';
import type { PanelState } from '../../src/core/panelState';
import type { CustomerService } from '../../src/core/customers';
import type { ApiKeyStore } from '../../src/host/apiKeyStore';
import { checkStoredKey, type KeyPrompts } from '../../src/host/ui';
import type { Environments } from '../../src/host/environments';
import type { RecentStore } from '../../src/host/recentStore';
import { isBusy } from '../../src/core/panelState';
import type { CustomerPanel, CustomerPanels } from '../../src/features/customerPanel';
import type { WorkspaceCustomers } from '../../src/features/workspaceCustomers';

/** A private field of the extension's, read by name: a test build's way in, checked so that a rename fails here. */
function internal<T>(owner: object, field: string): T {
  if (!(field in owner)) throw new Error(`the test build reads ${owner.constructor.name}.${field}, which the extension no longer has`);
  return (owner as Record<string, T>)[field] as T;
}

const internals = {
  /** Every panel open (one per customer). */
  panels: (p: CustomerPanels): CustomerPanel[] => [...internal<Map<string, CustomerPanel>>(p, 'panels').values()],
  /** The body last sent to a panel's page. */
  body: (p: CustomerPanel): string => internal<{ html: string } | undefined>(p, 'current')?.html ?? '',
  /** A clean slate for the client's rate limiter, as the stand-in's reset gives it one. */
  resetLimiter(l: RateLimiter): void {
    internal<number[]>(l, 'starts').length = 0;
    internal<number>(l, 'blockedUntil');
    (l as unknown as { blockedUntil: number }).blockedUntil = 0;
    internal<() => void>(l, 'pump').call(l);
  },
};

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
    html: internals.body(p),
  };
}

/** Commands the integration tests use to look and to set up. */
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
  readonly limiter: RateLimiter;
  readonly logUri: vscode.Uri;
  readonly workspaceCustomers: WorkspaceCustomers;
}): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(TestCommands.state, () => ({
      panels: internals.panels(d.panels).map(snapshot),
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
      internals.resetLimiter(d.limiter);
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
