import * as vscode from 'vscode';
import { PRODUCT } from '../constants';

/**
 * The one log channel. Callers log events, IDs and error kinds; never the key and never a record's
 * contents. `redact` is a last line of defence: any registered secret is replaced before writing.
 */
export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private secrets: string[] = [];

  /** `name` is for a second channel (tests); the extension's own is named after the product. */
  constructor(name: string = PRODUCT) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  setSecret(secret: string | undefined): void {
    this.secrets = secret && secret.length >= 4 ? [secret] : [];
  }

  private clean(msg: string): string {
    let out = msg;
    for (const s of this.secrets) out = out.split(s).join('[redacted]');
    return out;
  }

  debug(msg: string): void {
    this.channel.debug(this.clean(msg));
  }
  info(msg: string): void {
    this.channel.info(this.clean(msg));
  }
  warn(msg: string): void {
    this.channel.warn(this.clean(msg));
  }
  error(msg: string, err?: unknown): void {
    const detail =
      err instanceof Error
        ? `${err.name}: ${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 8).join('\n')}` : ''}`
        : err === undefined
          ? ''
          : typeof err === 'string'
            ? err
            : (JSON.stringify(err) ?? '');
    this.channel.error(this.clean(detail ? `${msg} — ${detail}` : msg));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
