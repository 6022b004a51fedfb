import * as vscode from 'vscode';
import { explainInvalidApiKey, normaliseApiKeyInput } from '../core/apiKey';
import { CareCycleError, isReachabilityError, toCareCycleError } from '../core/api/errors';
import { plainText } from '../core/plainText';
import { settingId } from '../core/settings';
import type { KeyVerdict } from '../core/api/client';
import type { Environment } from '../core/environments';
import type { ApiKeyStore } from './apiKeyStore';
import type { Log } from './log';

/**
 * What asking for a key and checking it take: the store, the log, and the API's verdict on a key
 * (one request for the nil UUID, ../core/api/client.ts checkKey). The store itself never calls the API.
 */
export interface KeyPrompts {
  readonly keys: ApiKeyStore;
  readonly log: Log;
  readonly checkKey: (key: string, baseUrl: string) => Promise<KeyVerdict>;
}

/** Asks the environment's API whether its stored key works (one request, within the rate limit). */
export async function checkStoredKey(k: KeyPrompts, env: Environment = k.keys.environment): Promise<KeyVerdict> {
  const key = await k.keys.get(env).catch(() => undefined);
  if (!key) return { type: 'unchecked', error: new CareCycleError('no-key', `No CareCycle API key is set for ${env.name}.`, 'setApiKey') };
  return k.checkKey(key, env.baseUrl);
}

/**
 * Asks for the API key in a password box, validated as typed (surrounding whitespace from a paste
 * is trimmed), stores it, then checks it with one request and says what the API thinks of it.
 * Returns whether a key was stored.
 */
export async function promptForApiKey(k: KeyPrompts, reason?: string): Promise<boolean> {
  const { keys, log } = k;
  // The environment is fixed when the box opens: the key goes to the one named in its title.
  const env = keys.environment;
  const value = await vscode.window.showInputBox({
    title: `CareCycle: Set API Key for ${env.name}`,
    prompt:
      reason ??
      (env.problem
        ? `Paste your CareCycle API key for ${env.name} (it begins with cc_). It is kept in VS Code's secret storage and sent nowhere until this environment's base URL is fixed: ${env.problem}`
        : `Paste your CareCycle API key for ${env.name} (it begins with cc_). It is sent only to ${env.baseUrl} and kept in VS Code's secret storage only.`),
    placeHolder: 'cc_…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => explainInvalidApiKey(normaliseApiKeyInput(v)),
  });
  if (value === undefined) return false;
  const key = normaliseApiKeyInput(value);
  try {
    await keys.set(key, env);
  } catch (err) {
    await showError(toCareCycleError(err), log);
    return false;
  }
  log.info(`API key set for ${env.name}`);
  void reportKeyCheck(k, env);
  return true;
}

/** Asks the API about the stored key and tells the person what it said. */
export async function reportKeyCheck(k: KeyPrompts, env: Environment = k.keys.environment): Promise<void> {
  const { log } = k;
  const verdict = await checkStoredKey(k, env);
  const saved = `API key for ${env.name} saved`;
  switch (verdict.type) {
    case 'accepted':
      log.info(`API key for ${env.name} checked: accepted`);
      void vscode.window.showInformationMessage(`CareCycle: ${saved} in VS Code's secret storage. The API accepts it.`);
      return;
    case 'refused': {
      log.info(`API key for ${env.name} checked: refused (${verdict.status ?? '?'})`);
      const pick = await vscode.window.showErrorMessage(
        `CareCycle: ${saved}, but the API refused it (${verdict.status ?? 'unknown status'}); it may be wrong or expired.`,
        'Replace API Key',
      );
      if (pick) await promptForApiKey(k, `The ${env.name} API refused the stored key. Paste a new key:`);
      return;
    }
    case 'unchecked':
      log.info(`API key for ${env.name} saved, not checked: ${verdict.error.kind}`);
      void vscode.window.showWarningMessage(`CareCycle: ${saved}, but it could not be checked: ${plainText(verdict.error.message)}`);
      return;
  }
}

const SETTINGS = 'Open Settings';
const RETRY = 'Retry';

/**
 * Tells the user about an error with the buttons that help. Server text in the message is made
 * inert for the notification (no command links, no icons). `retry`, when given, is offered for
 * errors worth retrying. Resolves to true when the user fixed the key.
 */
export async function showError(err: CareCycleError, log: Log, prompts?: KeyPrompts, retry?: () => void): Promise<boolean> {
  if (err.kind === 'cancelled') return false;
  const show = err.kind === 'not-found' || err.kind === 'invalid-id' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  const text = `CareCycle: ${plainText(err.message, 400)}`;
  if (isReachabilityError(err)) {
    const pick = await show(text, ...(retry ? [RETRY] : []), SETTINGS);
    if (pick === SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', settingId('environments'));
    if (pick === RETRY) retry?.();
    return false;
  }
  switch (err.action) {
    case 'setApiKey': {
      const label = err.kind === 'unauthorized' ? 'Replace API Key' : 'Set API Key';
      const pick = await show(text, label);
      if (pick === label && prompts)
        return promptForApiKey(
          prompts,
          err.kind === 'unauthorized' ? 'The API refused the stored key (it may have expired). Paste a new key:' : undefined,
        );
      return false;
    }
    case 'openSettings': {
      const pick = await show(text, SETTINGS);
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', settingId('environments'));
      return false;
    }
    case 'showLog': {
      const pick = await show(text, 'Show Log');
      if (pick) log.show();
      return false;
    }
    default:
      void show(text);
      return false;
  }
}

/** Runs a command body and reports any failure instead of letting it vanish. */
export function guarded<A extends unknown[]>(
  log: Log,
  name: string,
  body: (...args: A) => Promise<unknown>,
): (...args: A) => Promise<void> {
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
