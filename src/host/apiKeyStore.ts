import * as vscode from 'vscode';
import { ContextKeys, LEGACY_SECRET_API_KEY } from '../constants';
import { legacyKeyOwner, secretNameFor, type Endpoint, type Environment } from '../core/environments';
import type { Environments } from './environments';
import { CareCycleError } from '../core/api/errors';
import { Disposable } from './lifecycle';
import type { Log } from './log';

const KEY_PREFIX = secretNameFor({ name: '' });

/**
 * The API keys, one per environment, kept only in VS Code's SecretStorage under a name that
 * includes the environment. Read once and then held in memory; a key set or cleared in another
 * window arrives through onDidChange and takes effect here too. Every method acts on the active
 * environment unless it is given another.
 */
export class ApiKeyStore extends Disposable {
  /** Secret name -> key (undefined: none), for the entries read so far. */
  private readonly cache = new Map<string, string | undefined>();
  /** Secret name -> the value being written by this window (its change event is ours). */
  private readonly writing = new Map<string, string | undefined>();
  private readonly emitter = this.register(new vscode.EventEmitter<boolean>());
  /** Fires with whether the active environment now has a key, when its key changes. */
  readonly onDidChange = this.emitter.event;
  private readonly ready: Promise<void>;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
    private readonly envs: Environments,
    legacyBaseUrl: unknown,
  ) {
    super();
    this.ready = this.migrateLegacyKey(legacyBaseUrl);
    this.register(
      secrets.onDidChange((e) => {
        if (!e.key.startsWith(KEY_PREFIX) || this.writing.has(e.key)) return;
        const before = this.cache.has(e.key) ? this.cache.get(e.key) : Symbol('unknown');
        this.cache.delete(e.key);
        const env = this.envs.active;
        if (e.key !== secretNameFor(env)) return;
        void this.get(env).then(
          (k) => {
            // Our own set()/clear() already announced this change; only news from elsewhere fires.
            if (k === before) return;
            this.log.info(`API key for ${env.name} ${k ? 'changed' : 'cleared'} (in another window)`);
            this.emitter.fire(!!k);
          },
          () => undefined,
        );
      }),
    );
    this.register(envs.onDidChangeActive(() => void this.get().then(undefined, () => undefined)));
  }

  /** The active environment: what get/set/clear/check act on by default. */
  get environment(): Environment {
    return this.envs.active;
  }

  /** The key of the active environment (or of `env`), or undefined when none is set. Throws a 'keystore' error when SecretStorage fails. */
  async get(env: Environment = this.envs.active): Promise<string | undefined> {
    await this.ready;
    const name = secretNameFor(env);
    let key: string | undefined;
    if (this.cache.has(name)) key = this.cache.get(name);
    else {
      try {
        key = (await this.secrets.get(name)) || undefined;
      } catch (err) {
        throw keystoreError(err, this.log);
      }
      this.cache.set(name, key);
      this.redactKnownKeys();
    }
    if (this.envs.isActive(env.name)) await this.updateContext(!!key);
    return key;
  }

  /**
   * Where the next request goes and with which key, read together: the key is the one of the
   * environment whose base URL is returned, even if the active environment changes meanwhile.
   */
  async endpoint(): Promise<Endpoint> {
    const env = this.envs.active;
    const key = await this.get(env);
    return { baseUrl: env.baseUrl, key, environment: env.name };
  }

  async set(key: string, env: Environment = this.envs.active): Promise<void> {
    await this.ready;
    await this.write(env, key);
  }

  async clear(env: Environment = this.envs.active): Promise<void> {
    await this.ready;
    await this.write(env, undefined);
  }

  private async write(env: Environment, key: string | undefined): Promise<void> {
    const name = secretNameFor(env);
    // Nothing is used before SecretStorage has it: a key that failed to save never serves a request.
    // The store's own change event for this write arrives meanwhile and is recognised as ours.
    this.writing.set(name, key);
    if (key) this.log.addSecrets([key]);
    try {
      if (key) await this.secrets.store(name, key);
      else await this.secrets.delete(name);
    } catch (err) {
      throw keystoreError(err, this.log);
    } finally {
      this.writing.delete(name);
    }
    this.cache.set(name, key);
    this.redactKnownKeys();
    if (!this.envs.isActive(env.name)) return;
    await this.updateContext(!!key);
    this.emitter.fire(!!key);
  }

  /**
   * The key stored before environments existed moves to the environment whose base URL is where it
   * was being sent; with no such environment it stays where it is (and is not used).
   */
  private async migrateLegacyKey(legacyBaseUrl: unknown): Promise<void> {
    try {
      const old = await this.secrets.get(LEGACY_SECRET_API_KEY);
      if (!old) return;
      this.log.addSecrets([old]);
      const owner = legacyKeyOwner(this.envs.list, legacyBaseUrl);
      if (!owner) {
        this.log.info('A key stored by an earlier version was left unused: no environment points where it was sent.');
        return;
      }
      if (!(await this.secrets.get(secretNameFor(owner)))) await this.secrets.store(secretNameFor(owner), old);
      await this.secrets.delete(LEGACY_SECRET_API_KEY);
      this.log.info(`The API key stored by an earlier version now belongs to the environment ${owner.name}.`);
    } catch (err) {
      this.log.error('Could not move the key stored by an earlier version', err);
    }
  }

  private redactKnownKeys(): void {
    this.log.addSecrets([...this.cache.values()].filter((k): k is string => !!k));
  }

  private context: boolean | undefined;

  private async updateContext(has: boolean): Promise<void> {
    if (this.context === has) return;
    this.context = has;
    await vscode.commands.executeCommand('setContext', ContextKeys.keyState, has ? 'set' : 'missing');
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
