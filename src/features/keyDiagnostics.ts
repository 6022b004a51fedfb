import * as vscode from 'vscode';
import { Commands } from '../constants';
import { explainInvalidApiKey } from '../core/apiKey';
import { envReference, findApiKeys, KEY_ENV_VAR } from '../core/keyScan';
import type { ApiKeyStore } from '../host/apiKeyStore';
import { Disposable } from '../host/lifecycle';
import type { Log } from '../host/log';
import { guarded, reportKeyCheck, type KeyPrompts } from '../host/ui';

export const KEY_DIAGNOSTIC_CODE = 'api-key-in-file';
/** Documents larger than this are not scanned for keys (a key is found where people write one). */
const MAX_SCAN_CHARS = 5_000_000;
const SCHEMES = new Set(['file', 'untitled', 'vscode-notebook-cell', 'vscode-userdata']);

const MESSAGE =
  'A CareCycle API key is written in this file. Anyone who can read the file can use it; keep it in ' +
  "VS Code's secret storage or an environment variable instead.";

/**
 * Flags any CareCycle key written in an open document, with fixes: store it as the API key (and
 * take it out of the text), or replace it with an environment variable reference. Nothing is
 * sent anywhere and the key is never logged.
 */
export class KeyDiagnostics extends Disposable implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('carecycle-keys'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  private readonly keys: ApiKeyStore;
  private readonly log: Log;

  constructor(private readonly prompts: KeyPrompts) {
    super();
    this.keys = prompts.keys;
    this.log = prompts.log;
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.scan(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.scanSoon(e.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)));
    this.register(
      vscode.languages.registerCodeActionsProvider({ scheme: '*' }, this, {
        providedCodeActionKinds: KeyDiagnostics.providedCodeActionKinds,
      }),
    );
    this.register(
      vscode.commands.registerCommand(
        Commands.storeKeyFromDocument,
        guarded(this.log, Commands.storeKeyFromDocument, (uri: vscode.Uri, range: vscode.Range) => this.store(uri, range)),
      ),
    );
    this.register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    for (const d of vscode.workspace.textDocuments) this.scan(d);
  }

  private scanSoon(doc: vscode.TextDocument): void {
    const k = doc.uri.toString();
    clearTimeout(this.timers.get(k));
    this.timers.set(
      k,
      setTimeout(() => {
        this.timers.delete(k);
        this.scan(doc);
      }, 300),
    );
  }

  private scan(doc: vscode.TextDocument): void {
    if (!SCHEMES.has(doc.uri.scheme) || doc.isClosed) return;
    const text = doc.getText();
    if (text.length > MAX_SCAN_CHARS) return;
    const found = findApiKeys(text, 100);
    if (!found.length) {
      this.collection.delete(doc.uri);
      return;
    }
    this.collection.set(
      doc.uri,
      found.map((m) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end)),
          MESSAGE,
          vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'CareCycle';
        d.code = KEY_DIAGNOSTIC_CODE;
        return d;
      }),
    );
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== 'CareCycle' || d.code !== KEY_DIAGNOSTIC_CODE) continue;
      const store = new vscode.CodeAction('Store as the CareCycle API key (and remove it from this file)', vscode.CodeActionKind.QuickFix);
      store.diagnostics = [d];
      store.isPreferred = true;
      store.command = { command: Commands.storeKeyFromDocument, title: store.title, arguments: [doc.uri, d.range] };
      actions.push(store);
      const ref = envReference(doc.languageId);
      if (ref) {
        const replace = new vscode.CodeAction(`Replace with ${ref}`, vscode.CodeActionKind.QuickFix);
        replace.diagnostics = [d];
        replace.edit = new vscode.WorkspaceEdit();
        replace.edit.replace(doc.uri, this.literalRange(doc, d.range), ref);
        actions.push(replace);
      }
    }
    return actions;
  }

  /** The key's range widened to its quotes when it is a string literal of its own. */
  private literalRange(doc: vscode.TextDocument, range: vscode.Range): vscode.Range {
    const line = doc.lineAt(range.start.line).text;
    const before = line.charAt(range.start.character - 1);
    const quoted = range.isSingleLine && ['"', "'", '`'].includes(before) && line.charAt(range.end.character) === before;
    return quoted ? new vscode.Range(range.start.translate(0, -1), range.end.translate(0, 1)) : range;
  }

  private async store(uri: vscode.Uri, range: vscode.Range): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const key = doc.getText(range);
    const why = explainInvalidApiKey(key);
    if (why) {
      void vscode.window.showWarningMessage(`CareCycle: that text is not an API key (${why}).`);
      return;
    }
    await this.keys.set(key);
    this.log.info('API key stored from a document (the key was removed from the text)');
    const edit = new vscode.WorkspaceEdit();
    const ref = envReference(doc.languageId);
    edit.replace(uri, ref ? this.literalRange(doc, range) : range, ref ?? '');
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) {
      void vscode.window.showWarningMessage('CareCycle: the key was stored, but could not be removed from the file. Remove it by hand.');
    } else {
      void vscode.window.showInformationMessage(
        `CareCycle: the key is stored in VS Code's secret storage${ref ? ` and the file now reads ${KEY_ENV_VAR} from the environment` : ' and removed from the file'}. Save the file to keep that change.`,
      );
    }
    void reportKeyCheck(this.prompts);
  }
}
