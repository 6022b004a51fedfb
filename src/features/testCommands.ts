import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../constants';
import type { CareCycleClient } from '../core/api/client';
import type { CustomerService } from '../core/customers';
import type { ApiKeyStore } from '../host/apiKeyStore';
import type { Environments } from '../host/environments';
import type { RecentStore } from '../host/recentStore';
import type { CustomerPanels } from './customerPanel';

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
} as const;

export function registerTestCommands(d: {
  readonly panels: CustomerPanels;
  readonly recent: RecentStore;
  readonly keys: ApiKeyStore;
  readonly envs: Environments;
  readonly customers: CustomerService;
  readonly client: Pick<CareCycleClient, 'resetLimits'>;
  readonly logUri: vscode.Uri;
}): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(TestCommands.state, () => ({
      panels: d.panels.snapshot(),
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
      d.client.resetLimits();
    }),
    vscode.commands.registerCommand(TestCommands.clearRecent, () => d.recent.clear()),
    vscode.commands.registerCommand(TestCommands.restorePanel, (id: string) => {
      const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, `Customer ${id.slice(0, 8)}`, {
        viewColumn: vscode.ViewColumn.Active,
        preserveFocus: true,
      });
      d.panels.restore(panel, id);
    }),
    vscode.commands.registerCommand(TestCommands.checkKey, async () => {
      const v = await d.keys.check();
      return v.type === 'unchecked' ? { type: v.type, error: { kind: v.error.kind, message: v.error.message } } : v;
    }),
  ];
}
