import * as vscode from 'vscode';
import { ContextKeys, SECRET_API_KEY } from '../constants';
import { CareCycleError } from '../core/api/errors';
import type { Log } from './log';

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

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Log) {
    this.sub = secrets.onDidChange((e) => {
      if (e.key !== SECRET_API_KEY) return;
      this.loaded = false;
      void this.get().then(
        (k) => {
          this.log.info(k ? 'API key changed (in this or another window)' : 'API key cleared (in this or another window)');
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

  async set(key: string): Promise<void> {
    try {
      await this.secrets.store(SECRET_API_KEY, key);
    } catch (err) {
      throw keystoreError(err, this.log);
    }
    this.cached = key;
    this.loaded = true;
    this.log.setSecret(key);
    await this.updateContext();
    this.emitter.fire(true);
  }

  async clear(): Promise<void> {
    try {
      await this.secrets.delete(SECRET_API_KEY);
    } catch (err) {
      throw keystoreError(err, this.log);
    }
    this.cached = undefined;
    this.loaded = true;
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
