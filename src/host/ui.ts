import * as vscode from 'vscode';
import { explainInvalidApiKey } from '../core/apiKey';
import { CareCycleError, toCareCycleError } from '../core/api/errors';
import type { ApiKeyStore } from './apiKeyStore';
import type { Log } from './log';

/** Asks for the API key in a password box, validated as typed. Returns whether a key was stored. */
export async function promptForApiKey(keys: ApiKeyStore, log: Log, reason?: string): Promise<boolean> {
  const value = await vscode.window.showInputBox({
    title: 'CareCycle: Set API Key',
    prompt: reason ?? 'Paste your CareCycle API key (it begins with cc_). It is kept in VS Code\'s secret storage only.',
    placeHolder: 'cc_…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => explainInvalidApiKey(v),
  });
  if (value === undefined) return false;
  try {
    await keys.set(value);
  } catch (err) {
    await showError(toCareCycleError(err), log);
    return false;
  }
  log.info('API key set');
  void vscode.window.setStatusBarMessage('$(key) CareCycle API key saved', 3000);
  return true;
}

/**
 * Tells the user about an error with the button that helps. Resolves to true when the user fixed
 * the key (so the caller can try again).
 */
export async function showError(err: CareCycleError, log: Log, keys?: ApiKeyStore): Promise<boolean> {
  if (err.kind === 'cancelled') return false;
  const show = err.kind === 'not-found' || err.kind === 'invalid-id' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  switch (err.action) {
    case 'setApiKey': {
      const label = err.kind === 'unauthorized' ? 'Replace API Key' : 'Set API Key';
      const pick = await show(`CareCycle: ${err.message}`, label);
      if (pick === label && keys) return promptForApiKey(keys, log, err.kind === 'unauthorized' ? 'The API refused the stored key (it may have expired). Paste a new key:' : undefined);
      return false;
    }
    case 'openSettings': {
      const pick = await show(`CareCycle: ${err.message}`, 'Open Settings');
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'carecycle.apiBaseUrl');
      return false;
    }
    case 'showLog': {
      const pick = await show(`CareCycle: ${err.message}`, 'Show Log');
      if (pick) log.show();
      return false;
    }
    default:
      void show(`CareCycle: ${err.message}`);
      return false;
  }
}

/** Runs a command body and reports any failure instead of letting it vanish. */
export function guarded<A extends unknown[]>(log: Log, name: string, body: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (err) {
      const e = toCareCycleError(err);
      if (e.kind === 'cancelled') return;
      log.error(`${name} failed: ${e.kind}`, err instanceof CareCycleError ? undefined : err);
      await showError(e, log);
    }
  };
}

