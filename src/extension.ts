import fetch from 'node-fetch';
import * as vscode from 'vscode';
import { PRODUCT } from './constants';
import { CareCycleClient } from './core/api/client';
import { CareCycleError } from './core/api/errors';
import { CustomerService } from './core/customers';
import { displayName, statusLine } from './core/display';
import { ApiKeyStore } from './host/apiKeyStore';
import { Config } from './host/config';
import { Log } from './host/log';
import { RecentStore } from './host/recentStore';
import { registerCommands } from './features/commands';
import { CustomerPanels } from './features/customerPanel';
import { registerHover } from './features/hover';
import { registerJsonDocuments } from './features/jsonDocument';
import { registerLinks, registerTerminalLinks } from './features/links';
import { registerListInFile } from './features/listInFile';
import { registerRecentTree } from './features/recentTree';

/** What activate() returns: the live services, for the integration tests and for other extensions. */
export interface CareCycleApi {
  readonly customers: CustomerService;
  readonly client: CareCycleClient;
  readonly recent: RecentStore;
  readonly panels: CustomerPanels;
  readonly keys: ApiKeyStore;
  readonly log: Log;
  /** Where the log channel writes (tests read it to prove the key is never there). */
  readonly logUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): CareCycleApi {
  const log = new Log();
  context.subscriptions.push(log);
  try {
    return compose(context, log);
  } catch (err) {
    log.error('Activation failed', err);
    void vscode.window.showErrorMessage(`${PRODUCT} could not start: ${err instanceof Error ? err.message : String(err)}`, 'Show Log').then((pick) => pick && log.show());
    throw err;
  }
}

function compose(context: vscode.ExtensionContext, log: Log): CareCycleApi {
  const pkgVersion = (context.extension.packageJSON as { version?: unknown }).version;
  const version = typeof pkgVersion === 'string' ? pkgVersion : '0.0.0';
  log.info(`${PRODUCT} ${version} starting (VS Code ${vscode.version})`);
  const config = new Config();
  const keys = new ApiKeyStore(context.secrets, log);
  const client = new CareCycleClient({
    fetch: fetch,
    getApiKey: () => keys.get(),
    settings: () => ({ baseUrl: config.values.apiBaseUrl, timeoutMs: config.values.requestTimeoutMs }),
    userAgent: `carecycle-vscode/${version} vscode/${vscode.version}`,
    log: (level, msg) => log[level](msg),
  });
  const customers = new CustomerService(client);
  const recent = new RecentStore(context.globalState, () => config.values.recentMax, log);
  const json = registerJsonDocuments(customers);
  const panels = new CustomerPanels({ extensionUri: context.extensionUri, customers, config, log, keys, recent, openJson: json.open });
  const openPanel = (id: string, o?: { refresh?: boolean }): void => void panels.show(id, o);

  context.subscriptions.push(
    config, keys, recent, panels, ...json.disposables,
    ...registerCommands({ keys, recent, log, openPanel, activePanelId: () => panels.active?.id }),
    registerHover({ customers, config, log }),
    registerLinks(),
    registerTerminalLinks(openPanel),
    registerListInFile({ customers, log, openPanel }),
    ...registerRecentTree(recent),
    // Names in the recent list follow what the API says now (hover, panel or refresh).
    customers.onDidFetch((id, result) => {
      if (!(result instanceof CareCycleError)) void recent.updateInfo(id, displayName(result.record), statusLine(result.record));
    }),
    // A new key (here or in another window) may see other customers: forget what the old one saw.
    keys.onDidChange(() => customers.invalidate()),
    config.onDidChange(() => {
      customers.invalidate();
      void recent.recap();
    }),
  );
  void keys.get().catch(() => undefined);
  return { customers, client, recent, panels, keys, log, logUri: context.logUri };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
