import fetch from 'node-fetch';
import * as vscode from 'vscode';
import { PRODUCT } from './constants';
import { CareCycleClient } from './core/api/client';
import { checkBaseUrl } from './core/api/baseUrl';
import { CareCycleError } from './core/api/errors';
import { CustomerService } from './core/customers';
import { displayName, statusLine } from './core/display';
import { settingsImpact } from './core/settingsChange';
import { ApiKeyStore } from './host/apiKeyStore';
import { Config } from './host/config';
import { Log } from './host/log';
import { RecentStore } from './host/recentStore';
import { registerCommands } from './features/commands';
import { CustomerPanels } from './features/customerPanel';
import { registerHover } from './features/hover';
import { registerJsonDocuments } from './features/jsonDocument';
import { InlineNames } from './features/inlineNames';
import { KeyDiagnostics } from './features/keyDiagnostics';
import { registerLinks, registerTerminalLinks } from './features/links';
import { registerListInFile } from './features/listInFile';
import { registerRecentTree } from './features/recentTree';
import { registerTestCommands } from './features/testCommands';

/**
 * Nothing is exported to other extensions: the key store, the log and the records stay inside.
 * (Tests look through commands registered only in ExtensionMode.Test.)
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  context.subscriptions.push(log);
  try {
    compose(context, log);
  } catch (err) {
    log.error('Activation failed', err);
    void vscode.window
      .showErrorMessage(`${PRODUCT} could not start: ${err instanceof Error ? err.message : String(err)}`, 'Show Log')
      .then((pick) => pick && log.show());
    throw err;
  }
}

function describeEndpoint(raw: string): string {
  const c = checkBaseUrl(raw);
  return c.ok ? c.url : `an unusable base URL (${c.reason})`;
}

function compose(context: vscode.ExtensionContext, log: Log): void {
  const pkgVersion = (context.extension.packageJSON as { version?: unknown }).version;
  const version = typeof pkgVersion === 'string' ? pkgVersion : '0.0.0';
  log.info(`${PRODUCT} ${version} starting (VS Code ${vscode.version})`);
  const config = new Config();
  log.info(`API base URL: ${describeEndpoint(config.values.apiBaseUrl)}`);
  const keyRef: { store?: ApiKeyStore } = {};
  const client = new CareCycleClient({
    fetch: fetch,
    getApiKey: () => keyRef.store?.get() ?? Promise.resolve(undefined),
    settings: () => ({ baseUrl: config.values.apiBaseUrl, timeoutMs: config.values.requestTimeoutMs }),
    userAgent: `carecycle-vscode/${version} vscode/${vscode.version}`,
    log: (level, msg) => log[level](msg),
  });
  const keys = new ApiKeyStore(context.secrets, log, (key) => client.checkKey(key));
  keyRef.store = keys;
  const customers = new CustomerService(client);
  const recent = new RecentStore(context.globalState, () => config.values.recentMax, log);
  const json = registerJsonDocuments(customers, config);
  const panels = new CustomerPanels({
    extensionUri: context.extensionUri,
    customers,
    config,
    log,
    keys,
    recent,
    openJson: json.open,
    memento: context.globalState,
  });
  const openPanel = (id: string, o?: { refresh?: boolean; beside?: boolean }): void => panels.show(id, o);

  context.subscriptions.push(
    keys,
    recent,
    panels,
    ...json.disposables,
    ...registerCommands({ keys, recent, log, openPanel, activePanelId: () => panels.active?.id }),
    registerHover({ customers, config, log }),
    new KeyDiagnostics(keys, log),
    new InlineNames(customers, config, log),
    registerLinks(customers),
    registerTerminalLinks(openPanel),
    registerListInFile({ customers, log, openPanel }),
    ...registerRecentTree(recent),
    // Names in the recent list follow what the API says now; this adds nobody to the list.
    customers.onDidFetch((id, result) => {
      if (!(result instanceof CareCycleError)) void recent.updateInfo(id, displayName(result.record), statusLine(result.record));
    }),
    // A new key (here or in another window) may see other customers: forget what the old one saw,
    // and let every panel follow (errors heal; no key, no record).
    keys.onDidChange((hasKey) => {
      customers.invalidate();
      panels.keyChanged(hasKey);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      const impact = settingsImpact((s) => e.affectsConfiguration(s));
      if (impact.endpoint) {
        log.info(`API base URL changed: ${describeEndpoint(config.values.apiBaseUrl)}`);
        customers.invalidate();
        panels.endpointChanged();
      }
      if (impact.display) panels.redraw();
      if (impact.recentMax) void recent.recap();
    }),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(...registerTestCommands({ panels, recent, keys, customers, client, logUri: context.logUri }));
  }
  void keys.get().catch(() => undefined);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
