import * as vscode from 'vscode';
import { PRODUCT } from '../constants';
import { oneLine } from '../core/api/errors';
import { safeJson } from '../core/render/escape';

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

  /** Every key the extension holds: none of them is ever written. */
  setSecrets(secrets: readonly string[]): void {
    this.secrets = secrets.filter((s) => s.length >= 4);
  }

  private redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('[redacted]');
    return out;
  }

  /** One line per event: text from outside (a field name, a server message) cannot forge log lines. */
  private clean(msg: string): string {
    return this.redact(oneLine(msg, 2000));
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
    // The message is one line; the stack after it keeps its lines.
    const stack = err instanceof Error && err.stack ? `\n${err.stack.split('\n').slice(1, 8).join('\n')}` : '';
    const what =
      err instanceof Error ? `${err.name}: ${err.message}` : err === undefined ? '' : typeof err === 'string' ? err : safeJson(err);
    this.channel.error(`${this.clean(what ? `${msg} — ${what}` : msg)}${this.redact(stack)}`);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
