import * as vscode from 'vscode';
import { wholeRecord } from '../core/api/classify';
import type { CustomerService } from '../core/customers';
import { toCareCycleError } from '../core/api/errors';
import { plainText } from '../core/plainText';
import { maskIdentifiers } from '../core/mask';
import type { Config } from '../host/config';
import { Disposable } from '../host/lifecycle';

export const JSON_SCHEME = 'carecycle-customer';

/**
 * The record as JSON in a read-only editor. A virtual document, not an untitled one: untitled
 * editors are backed up to disk by hot exit, and records stay in memory.
 */
export class CustomerJsonProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly emitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly customers: CustomerService,
    private readonly config: Config,
  ) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, this));
  }

  /** Opens the record as JSON beside the panel. */
  async open(id: string): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(CustomerJsonProvider.uri(id));
    await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  static uri(id: string): vscode.Uri {
    return vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${id}.json` });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const id = uri.path.replace(/^\//, '').replace(/\.json$/, '');
    const ctl = new AbortController();
    const sub = token.onCancellationRequested(() => ctl.abort());
    try {
      const got = this.customers.peek(id) ?? (await this.customers.get(id, { signal: ctl.signal }));
      // Off the panel, identifiers stay masked (as in Copy as JSON) unless masking is turned off.
      const masking = this.config.maskIdentifiers;
      const note = masking
        ? '// Identifiers (MBI, Medicaid, VA, SSN, dates of birth) are masked; "Copy including identifiers…" in the panel copies them.\n'
        : '';
      const record = wholeRecord(got);
      return `${note}${JSON.stringify(masking ? maskIdentifiers(record) : record, null, 2)}`;
    } catch (err) {
      return `// Could not load customer ${id}: ${plainText(toCareCycleError(err).message)}\n`;
    } finally {
      sub.dispose();
    }
  }
}
