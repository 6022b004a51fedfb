import * as vscode from 'vscode';
import { Disposable } from './lifecycle';

/**
 * Where the mouse pointer rests in a text editor, as far as an extension can tell: VS Code asks for a
 * hover wherever the pointer stops over text, so each request says where it is; a hover asked for
 * elsewhere, a scroll, a new selection or another editor says it moved on.
 */
export class PointerTracker extends Disposable {
  private at: { readonly uri: string; readonly line: number } | undefined;
  private readonly moved = this.register(new vscode.EventEmitter<void>());
  /** The pointer moved on from where it rested. */
  readonly onDidMove = this.moved.event;

  constructor() {
    super();
    const away = (): void => this.restsAt(undefined);
    this.register(vscode.window.onDidChangeTextEditorSelection(away));
    this.register(vscode.window.onDidChangeTextEditorVisibleRanges(away));
    this.register(vscode.window.onDidChangeActiveTextEditor(away));
  }

  /** A hover was asked for here (or, with no position, the pointer is known to have left). */
  restsAt(where: { readonly uri: vscode.Uri; readonly line: number } | undefined): void {
    const next = where && { uri: where.uri.toString(), line: where.line };
    if (next?.uri === this.at?.uri && next?.line === this.at?.line) return;
    const had = this.at !== undefined;
    this.at = next;
    if (had) this.moved.fire();
  }

  /** The line of `uri` the pointer rests on, if it does. */
  lineIn(uri: vscode.Uri): number | undefined {
    return this.at?.uri === uri.toString() ? this.at.line : undefined;
  }
}
