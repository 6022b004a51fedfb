import fetch from 'node-fetch';
import * as vscode from 'vscode';
import { PRODUCT, Settings } from './constants';
import { CareCycleClient } from './core/api/client';
import { OffThreadClassifier } from './core/api/offThread';
import { CareCycleError } from './core/api/errors';
import { CustomerService } from './core/customers';
import { displayName, statusLine } from './core/display';
import { legacyName, PRODUCTION_URL } from './core/environments';
import { settingsImpact } from './core/settingsChange';
import { ApiKeyStore } from './host/apiKeyStore';
import { Config } from './host/config';
import { describe as describeEnvironment, Environments } from './host/environments';
import { Log } from './host/log';
import { RecentStore } from './host/recentStore';
import { registerCommands } from './features/commands';
import { registerEnvironments } from './features/environments';
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

function compose(context: vscode.ExtensionContext, log: Log): void {
  const pkgVersion = (context.extension.packageJSON as { version?: unknown }).version;
  const version = typeof pkgVersion === 'string' ? pkgVersion : '0.0.0';
  log.info(`${PRODUCT} ${version} starting (VS Code ${vscode.version})`);
  const config = new Config();
  const envs = new Environments(log);
  log.info(`Environment: ${describeEnvironment(envs.active)}${envs.source === 'legacy' ? ' (from carecycle.apiBaseUrl)' : ''}`);
  const keyRef: { store?: ApiKeyStore } = {};
  // Huge answers are read in a worker thread: the host stays responsive (a hover answers meanwhile).
  const offThread = new OffThreadClassifier(vscode.Uri.joinPath(context.extensionUri, 'dist', 'classifyWorker.js').fsPath);
  context.subscriptions.push({ dispose: () => offThread.dispose() });
  const client = new CareCycleClient({
    classifyLarge: (raw, ctx, signal) => offThread.classify(raw, ctx, signal),
    fetch: fetch,
    endpoint: () => keyRef.store?.endpoint() ?? Promise.resolve({ baseUrl: envs.active.baseUrl, key: undefined }),
    timeoutMs: () => config.values.requestTimeoutMs,
    userAgent: `carecycle-vscode/${version} vscode/${vscode.version}`,
    log: (level, msg) => log[level](msg),
  });
  const legacyBaseUrl = vscode.workspace.getConfiguration(Settings.section).inspect<unknown>(Settings.apiBaseUrl)?.globalValue;
  const keys = new ApiKeyStore(context.secrets, log, envs, legacyBaseUrl, (key, baseUrl) => client.checkKey(key, baseUrl));
  keyRef.store = keys;
  const customers = new CustomerService(client);
  const recent = new RecentStore(
    context.globalState,
    () => config.values.recentMax,
    log,
    legacyName(typeof legacyBaseUrl === 'string' ? legacyBaseUrl : PRODUCTION_URL),
  );
  const json = registerJsonDocuments(customers, config);
  const panels = new CustomerPanels({
    extensionUri: context.extensionUri,
    customers,
    config,
    log,
    keys,
    envs,
    recent,
    openJson: json.open,
    memento: context.globalState,
  });
  const openPanel = (id: string, o?: { refresh?: boolean; beside?: boolean }): void => panels.show(id, o);

  context.subscriptions.push(
    envs,
    keys,
    recent,
    ...registerEnvironments({ envs, keys, log }),
    panels,
    ...json.disposables,
    ...registerCommands({ keys, envs, recent, log, openPanel, activePanelId: () => panels.active?.id }),
    registerHover({ customers, config, log, envs }),
    new KeyDiagnostics(keys, log),
    new InlineNames(customers, config, log),
    ...registerLinks(customers),
    registerTerminalLinks(openPanel),
    registerListInFile({ customers, log, openPanel }),
    ...registerRecentTree(recent, envs),
    // Names in the recent list follow what the API says now; this adds nobody to the list.
    customers.onDidFetch((id, result) => {
      if (!(result instanceof CareCycleError))
        void recent.updateInfo({ id, env: result.environment ?? envs.active.name }, displayName(result.record), statusLine(result.record));
    }),
    // A new key (here or in another window) may see other customers: forget what the old one saw,
    // and let every panel follow (errors heal; no key, no record).
    keys.onDidChange((hasKey) => {
      customers.invalidate();
      panels.keyChanged(hasKey);
    }),
    // Another environment (or the active one pointed elsewhere): its records are other customers.
    envs.onDidChangeActive(() => {
      customers.invalidate();
      panels.endpointChanged();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      const impact = settingsImpact((s) => e.affectsConfiguration(s));
      if (impact.display) panels.redraw();
      if (impact.recentMax) void recent.recap();
    }),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(...registerTestCommands({ panels, recent, keys, envs, customers, client, logUri: context.logUri }));
  }
  void keys.get().catch(() => undefined);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
