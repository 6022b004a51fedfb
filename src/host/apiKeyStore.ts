import * as vscode from 'vscode';
import { ContextKeys, SECRET_API_KEY } from '../constants';
import { CareCycleError } from '../core/api/errors';
import type { Log } from './log';

import type { KeyVerdict } from '../core/api/client';

export type KeyChecker = (key: string) => Promise<KeyVerdict>;

/**
 * The API key, kept only in VS Code's SecretStorage. Cached in memory after the first read; a key
 * set or cleared in another window arrives through onDidChange and takes effect here too.
 */
export class ApiKeyStore implements vscode.Disposable {
  private cached: string | undefined;
  private loaded = false;
  private readonly emitter = new vscode.EventEmitter<boolean>();
  /** Fires with whether a key is now set. */
  readonly onDidChange = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
    private readonly checker?: KeyChecker,
  ) {
    this.sub = secrets.onDidChange((e) => {
      if (e.key !== SECRET_API_KEY) return;
      const before = this.loaded ? this.cached : Symbol('unknown');
      this.loaded = false;
      void this.get().then(
        (k) => {
          // Our own set()/clear() already announced this change; only news from elsewhere fires.
          if (k === before) return;
          this.log.info(k ? 'API key changed (in another window)' : 'API key cleared (in another window)');
          this.emitter.fire(!!k);
        },
        () => undefined,
      );
    });
  }

  /** The key, or undefined when none is set. Throws a 'keystore' error when SecretStorage fails. */
  async get(): Promise<string | undefined> {
    if (this.loaded) return this.cached;
    try {
      const k = await this.secrets.get(SECRET_API_KEY);
      this.cached = k || undefined;
      this.loaded = true;
      this.log.setSecret(this.cached);
      await this.updateContext();
      return this.cached;
    } catch (err) {
      throw keystoreError(err, this.log);
    }
  }

  /** Asks the API whether the stored key works (one request, within the rate limit). */
  async check(): Promise<KeyVerdict> {
    const key = await this.get().catch(() => undefined);
    if (!key) return { type: 'unchecked', error: new CareCycleError('no-key', 'No CareCycle API key is set.', 'setApiKey') };
    if (!this.checker) return { type: 'unchecked', error: new CareCycleError('internal', 'The key cannot be checked here.', 'none') };
    return this.checker(key);
  }

  async set(key: string): Promise<void> {
    // Known before the store's own change event arrives, so that event is recognised as ours.
    const prev = { cached: this.cached, loaded: this.loaded };
    this.cached = key;
    this.loaded = true;
    try {
      await this.secrets.store(SECRET_API_KEY, key);
    } catch (err) {
      ({ cached: this.cached, loaded: this.loaded } = prev);
      throw keystoreError(err, this.log);
    }
    this.log.setSecret(key);
    await this.updateContext();
    this.emitter.fire(true);
  }

  async clear(): Promise<void> {
    const prev = { cached: this.cached, loaded: this.loaded };
    this.cached = undefined;
    this.loaded = true;
    try {
      await this.secrets.delete(SECRET_API_KEY);
    } catch (err) {
      ({ cached: this.cached, loaded: this.loaded } = prev);
      throw keystoreError(err, this.log);
    }
    await this.updateContext();
    this.emitter.fire(false);
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', ContextKeys.hasApiKey, !!this.cached);
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

function keystoreError(err: unknown, log: Log): CareCycleError {
  log.error('SecretStorage failed', err);
  const text = err instanceof Error ? err.message : String(err);
  const keyring = /keyring|secret service|libsecret|dbus|kwallet/i.test(text);
  const message = keyring
    ? 'VS Code could not reach the operating system keyring to keep the API key. On Linux, install and unlock a keyring (gnome-keyring or KWallet), or start VS Code with --password-store=basic, then try again.'
    : 'VS Code could not read or write its secret storage, where the API key is kept. See the log for details.';
  return new CareCycleError('keystore', message, 'showLog', { cause: err });
}
