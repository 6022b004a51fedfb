import fetch from 'node-fetch';
import * as vscode from 'vscode';
import { PRODUCT } from './constants';
import { API_RATE_LIMIT, CareCycleClient, SEND_MARGIN_MS } from './core/api/client';
import { CareCycleError } from './core/api/errors';
import { OffThreadClassifier } from './core/api/offThread';
import { ScanPool } from './core/workspace/pool';
import { registerDebugValues } from './features/debugValues';
import { WorkspaceCustomers } from './features/workspaceCustomers';
import { registerReferences, WorkspaceSearch } from './features/workspaceSearch';
import { CustomerService } from './core/customers';
import { legacyName, PRODUCTION_URL } from './core/environments';
import { RateLimiter } from './core/limiter';
import { settingsImpact } from './core/settings';
import { contactRestrictions, displayName, statusLine } from './core/summary';
import { ApiKeyStore } from './host/apiKeyStore';
import { Config } from './host/config';
import { describe as describeEnvironment, Environments } from './host/environments';
import { Log } from './host/log';
import { PointerTracker } from './host/pointer';
import { RecentStore } from './host/recentStore';
import type { KeyPrompts } from './host/ui';
import { registerCommands } from './features/commands';
import { CustomerPanels } from './features/customerPanel';
import { registerEnvironments } from './features/environments';
import { registerHover } from './features/hover';
import { InlineNames } from './features/inlineNames';
import { CustomerJsonProvider } from './features/jsonDocument';
import { KeyDiagnostics } from './features/keyDiagnostics';
import { CustomerLinks } from './features/links';
import { registerListInFile } from './features/listInFile';
import { RecentCustomersProvider } from './features/recentTree';

/** Nothing is exported to other extensions: the key store, the log and the records stay inside. */
export function activate(context: vscode.ExtensionContext): void {
  start(context);
}

/** The services activation built, for the test build of the extension (test/integration/extension.ts). */
export type Services = ReturnType<typeof compose>;

/** Builds and registers everything; an activation failure is shown to the person, then rethrown. */
export function start(context: vscode.ExtensionContext): Services {
  const log = new Log();
  context.subscriptions.push(log);
  try {
    return compose(context, log);
  } catch (err) {
    log.error('Activation failed', err);
    void vscode.window
      .showErrorMessage(`${PRODUCT} could not start: ${err instanceof Error ? err.message : String(err)}`, 'Show Log')
      .then((pick) => pick && log.show());
    throw err;
  }
}

/** Builds the services, registers the features, and hands every disposable to VS Code. Nothing else. */
function compose(context: vscode.ExtensionContext, log: Log) {
  const own = <T extends vscode.Disposable>(d: T): T => (context.subscriptions.push(d), d);
  const pkgVersion = (context.extension.packageJSON as { version?: unknown }).version;
  const version = typeof pkgVersion === 'string' ? pkgVersion : '0.0.0';
  log.info(`${PRODUCT} ${version} starting (VS Code ${vscode.version})`);

  const config = own(new Config());
  const envs = own(new Environments(config, log));
  log.info(`Environment: ${describeEnvironment(envs.active)}${envs.source === 'legacy' ? ' (from carecycle.apiBaseUrl)' : ''}`);
  const { legacyBaseUrl } = config.environmentSources;
  const keys = own(new ApiKeyStore(context.secrets, log, envs, legacyBaseUrl));
  // Huge answers are read in a worker thread: the host stays responsive (a hover answers meanwhile).
  const offThread = new OffThreadClassifier(vscode.Uri.joinPath(context.extensionUri, 'dist', 'classifyWorker.js').fsPath);
  own({ dispose: () => offThread.dispose() });
  const limiter = new RateLimiter(API_RATE_LIMIT.limit, API_RATE_LIMIT.windowMs + SEND_MARGIN_MS);
  const client = new CareCycleClient({
    classifyLarge: (raw, ctx, signal) => offThread.classify(raw, ctx, signal),
    fetch: fetch,
    // Host and key read together, at the last moment (../host/apiKeyStore.ts endpoint).
    endpoint: () => keys.endpoint(),
    timeoutMs: () => config.requestTimeoutMs,
    limiter,
    userAgent: `carecycle-vscode/${version} vscode/${vscode.version}`,
    log: (level, msg) => log[level](msg),
  });
  const prompts: KeyPrompts = { keys, log, checkKey: (key, baseUrl) => client.checkKey(key, baseUrl) };
  const customers = new CustomerService(client);
  const recent = own(
    new RecentStore(
      context.globalState,
      () => config.recentMax,
      log,
      legacyName(typeof legacyBaseUrl === 'string' ? legacyBaseUrl : PRODUCTION_URL),
    ),
  );
  const json = own(new CustomerJsonProvider(customers, config));
  const panels = own(
    new CustomerPanels({
      extensionUri: context.extensionUri,
      customers,
      config,
      log,
      keys,
      prompts,
      envs,
      recent,
      openJson: (id) => json.open(id),
      memento: context.globalState,
    }),
  );
  const openPanel = (id: string, o?: { refresh?: boolean; beside?: boolean; column?: vscode.ViewColumn }): void => panels.show(id, o);

  own(registerEnvironments({ envs, keys, prompts, log }));
  own(
    registerCommands({
      keys,
      prompts,
      envs,
      recent,
      log,
      openPanel,
      activePanelId: () => panels.active?.id,
      nameOf: (id) => {
        const got = customers.peek(id);
        return got && displayName(got.record);
      },
    }),
  );
  const pointer = own(new PointerTracker());
  own(registerHover({ customers, config, log, envs, pointer }));
  own(new KeyDiagnostics(prompts));
  own(new InlineNames(customers, config, log, pointer));
  own(new CustomerLinks(customers, openPanel, log));
  own(registerListInFile({ customers, log, openPanel }));
  // Every mention across the workspace: files listed and read in worker threads (both cores).
  const scanPool = new ScanPool(vscode.Uri.joinPath(context.extensionUri, 'dist', 'scanWorker.js').fsPath);
  own({ dispose: () => scanPool.dispose() });
  const workspaceSearch = new WorkspaceSearch(scanPool, log);
  own(registerReferences(workspaceSearch));
  const workspaceCustomers = own(new WorkspaceCustomers(workspaceSearch, customers, log));
  own(
    registerDebugValues({
      log,
      openPanel,
      nameOf: (id) => {
        const got = customers.peek(id);
        return got && displayName(got.record);
      },
    }),
  );
  own(
    new RecentCustomersProvider(
      recent,
      envs,
      (e) => {
        const got = envs.isActive(e.env) ? customers.peek(e.id) : undefined;
        return got ? contactRestrictions(got.record) : [];
      },
      (listener: (e: unknown) => unknown) => customers.onDidFetch(() => void listener(undefined)),
    ),
  );
  // Names in the recent list follow what the API says now; this adds nobody to the list.
  own(
    customers.onDidFetch((id, result) => {
      if (!(result instanceof CareCycleError))
        void recent.updateInfo({ id, env: result.environment ?? envs.active.name }, displayName(result.record), statusLine(result.record));
    }),
  );
  // A new key (here or in another window) may see other customers: forget what the old one saw, and
  // let every panel follow (errors heal; records read with the old key go).
  own(
    keys.onDidChange((hasKey) => {
      customers.invalidate();
      panels.keyChanged(hasKey);
    }),
  );
  // Another environment (or the active one pointed elsewhere): its records are other customers.
  own(
    envs.onDidChangeActive(() => {
      customers.invalidate();
      panels.endpointChanged();
    }),
  );
  own(
    config.onDidChange((e) => {
      const impact = settingsImpact((id) => e.affectsId(id));
      if (impact.display) panels.redraw();
      if (impact.recentMax) void recent.recap();
    }),
  );
  void keys.get().catch(() => undefined);
  return { panels, recent, keys, prompts, envs, customers, limiter, workspaceCustomers };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
