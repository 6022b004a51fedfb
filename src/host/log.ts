import * as vscode from 'vscode';
import { PRODUCT } from '../constants';
import { logLine } from '../core/plainText';
import { safeJson } from '../core/render/escape';
import { Disposable } from './lifecycle';

/**
 * The one log channel, and the one choke point every line passes: callers log events, IDs and
 * error kinds, never the key and never a record's contents; whatever they pass (server text in an
 * error message, say) leaves here as one plain line, bounded, with every key the extension holds
 * and anything shaped like a key removed (../core/plainText.ts logLine).
 */
export class Log extends Disposable {
  readonly channel: vscode.LogOutputChannel;
  /** Every key seen this session, kept after it is cleared or replaced: a late line may still echo it. */
  private readonly known = new Set<string>();
  private secrets: readonly string[] = [];

  /** `name` is for a second channel (tests); the extension's own is named after the product. */
  constructor(name: string = PRODUCT) {
    super();
    this.channel = this.register(vscode.window.createOutputChannel(name, { log: true }));
  }

  /** Keys the extension holds, of any environment: none of them is ever written. */
  addSecrets(secrets: readonly string[]): void {
    for (const s of secrets) if (s) this.known.add(s);
    this.secrets = [...this.known];
  }

  debug(msg: string): void {
    this.channel.debug(logLine(msg, this.secrets));
  }
  info(msg: string): void {
    this.channel.info(logLine(msg, this.secrets));
  }
  warn(msg: string): void {
    this.channel.warn(logLine(msg, this.secrets));
  }
  error(msg: string, err?: unknown): void {
    const what =
      err instanceof Error ? `${err.name}: ${err.message}` : err === undefined ? '' : typeof err === 'string' ? err : safeJson(err);
    // The message is one line; the stack after it keeps its lines, each of them through the same gate.
    const stack =
      err instanceof Error && err.stack
        ? err.stack
            .split('\n')
            .slice(1, 8)
            .map((l) => `\n    ${logLine(l, this.secrets)}`)
            .join('')
        : '';
    this.channel.error(`${logLine(what ? `${msg} — ${what}` : msg, this.secrets)}${stack}`);
  }

  show(): void {
    this.channel.show(true);
  }
}
