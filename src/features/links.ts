import * as vscode from 'vscode';
import { Commands, CUSTOMER_EDITOR_VIEW_TYPE } from '../constants';
import { customerIdAt, findCustomerIds, isAmongFirstIds, isCustomerId, MAX_LINKS_PER_DOCUMENT } from '../core/customerId';
import { CareCycleError } from '../core/api/errors';
import type { CustomerService } from '../core/customers';
import { ALL_DOCUMENTS } from '../host/documents';
import { Disposable } from '../host/lifecycle';
import type { Log } from '../host/log';

export function openCustomerUri(id: string): vscode.Uri {
  return vscode.Uri.parse(`command:${Commands.openCustomer}?${encodeURIComponent(JSON.stringify([id]))}`);
}

/**
 * Ctrl/Cmd+click on any customer ID opens its record. No request is made until the click. An ID the
 * API said is no customer gets no link (an underline would claim otherwise); its hover says so.
 */
export class CustomerLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly customers: Pick<CustomerService, 'knownMissing'>) {}

  provideDocumentLinks(doc: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    const text = doc.getText();
    for (const m of findCustomerIds(text, MAX_LINKS_PER_DOCUMENT)) {
      if (token.isCancellationRequested) break;
      if (this.customers.knownMissing(m.id)) continue;
      const start = doc.positionAt(m.start);
      const link = new vscode.DocumentLink(new vscode.Range(start, start.translate(0, m.id.length)), openCustomerUri(m.id));
      // True before the lookup too: a valid UUID may be no customer (its link goes once the API says so).
      link.tooltip = 'Look up in CareCycle';
      links.push(link);
    }
    return links;
  }
}

/**
 * Where Ctrl/Cmd+click on an ID past the link cap goes: a resource the customer editor opens (it
 * hands over to the record panel at once). The name ends in `.carecycle-customer`, which is how
 * VS Code picks the editor (package.json `customEditors`).
 */
export const CUSTOMER_URI_SCHEME = 'carecycle-record';
export const CUSTOMER_URI_SUFFIX = '.carecycle-customer';

export function customerResourceUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CUSTOMER_URI_SCHEME, path: `/${id}${CUSTOMER_URI_SUFFIX}` });
}

export function idFromCustomerResource(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== CUSTOMER_URI_SCHEME || !uri.path.endsWith(CUSTOMER_URI_SUFFIX)) return undefined;
  const id = uri.path.slice(1, -CUSTOMER_URI_SUFFIX.length);
  return isCustomerId(id) ? id : undefined;
}

/**
 * Ctrl/Cmd+click on the IDs the link provider does not reach (past the first
 * MAX_LINKS_PER_DOCUMENT of a document). VS Code asks a definition provider for one position, on
 * Ctrl+hover or the click, so this costs nothing while a huge log is open; those IDs get Go to
 * Definition (F12) too. IDs that already have a link get nothing here: one click, one record.
 */
export class CustomerDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly customers: Pick<CustomerService, 'knownMissing'>) {}

  provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): vscode.LocationLink[] | undefined {
    const match = customerIdAt(doc.lineAt(pos.line).text, pos.character);
    if (!match || this.customers.knownMissing(match.id)) return undefined;
    if (isAmongFirstIds((i) => doc.lineAt(i).text, pos.line, match.start, MAX_LINKS_PER_DOCUMENT)) return undefined;
    const origin = new vscode.Range(pos.line, match.start, pos.line, match.start + match.id.length);
    const top = new vscode.Range(0, 0, 0, 0);
    return [{ originSelectionRange: origin, targetUri: customerResourceUri(match.id), targetRange: top, targetSelectionRange: top }];
  }
}

/** Opens a customer's record panel; `column`: where VS Code meant the target to open. */
export type OpenPanel = (id: string, o?: { column?: vscode.ViewColumn; beside?: boolean }) => void;

/**
 * Every way an ID in a document or the terminal is followed to its record: document links (the first
 * MAX_LINKS_PER_DOCUMENT IDs), a definition for the rest (Ctrl/Cmd+click, F12), terminal links, and the
 * placeholder editor a definition's target opens, which hands over to the record panel and closes.
 */
export class CustomerLinks extends Disposable {
  private links: vscode.Disposable | undefined;
  private relink: ReturnType<typeof setTimeout> | undefined;

  constructor(customers: Pick<CustomerService, 'knownMissing' | 'onDidFetch'>, openPanel: OpenPanel, log: Log) {
    super();
    const provider = new CustomerLinkProvider(customers);
    this.links = vscode.languages.registerDocumentLinkProvider(ALL_DOCUMENTS, provider);
    // Document links have no change event; VS Code computes them again when the link providers
    // change. Once the API has said an ID is no customer, registering again takes its link away (and
    // the "(ctrl + click)" line its hover would end with).
    this.register(
      customers.onDidFetch((_id, result) => {
        if (!(result instanceof CareCycleError) || result.kind !== 'not-found') return;
        clearTimeout(this.relink);
        this.relink = setTimeout(() => {
          // The new registration first: between the two, a document is never without its links.
          const old = this.links;
          this.links = vscode.languages.registerDocumentLinkProvider(ALL_DOCUMENTS, provider);
          old?.dispose();
        }, 300);
      }),
    );
    this.register({
      dispose: () => {
        clearTimeout(this.relink);
        this.links?.dispose();
      },
    });
    this.register(vscode.languages.registerDefinitionProvider(ALL_DOCUMENTS, new CustomerDefinitionProvider(customers)));
    this.register(registerTerminalLinks(openPanel, log));
    this.register(
      // Ctrl/Cmd+click on an ID past the link cap lands here (a definition whose target is a customer
      // resource): the record opens in its panel, in the editor group VS Code chose, and the
      // placeholder editor closes. One kind of panel, whichever way the record was opened.
      vscode.window.registerCustomEditorProvider(
        CUSTOMER_EDITOR_VIEW_TYPE,
        {
          openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
          resolveCustomEditor: (document, placeholder) => {
            const id = idFromCustomerResource(document.uri);
            const column = placeholder.viewColumn;
            placeholder.dispose();
            // Disposing the webview does not always close its tab: close the placeholder's tab too.
            const tabs = vscode.window.tabGroups.all
              .flatMap((g) => g.tabs)
              .filter((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === document.uri.toString());
            if (tabs.length) void vscode.window.tabGroups.close(tabs).then(undefined, () => undefined);
            if (!id) {
              void vscode.window.showWarningMessage('CareCycle: that link does not name a customer ID.');
              return;
            }
            log.info(`open customer ${id} (go to definition)`);
            openPanel(id, column === undefined ? {} : { column });
          },
        },
        { supportsMultipleEditorsPerDocument: false },
      ),
    );
  }
}

interface CustomerTerminalLink extends vscode.TerminalLink {
  readonly customerId: string;
}

/** IDs printed in the integrated terminal become links to the record panel. */
function registerTerminalLinks(open: OpenPanel, log: Log): vscode.Disposable {
  return vscode.window.registerTerminalLinkProvider({
    provideTerminalLinks(context): CustomerTerminalLink[] {
      return findCustomerIds(context.line, 50).map((m) => ({
        startIndex: m.start,
        length: m.id.length,
        tooltip: 'Open CareCycle customer',
        customerId: m.id,
      }));
    },
    handleTerminalLink(link: CustomerTerminalLink) {
      log.info(`open customer ${link.customerId} (terminal)`);
      open(link.customerId);
    },
  });
}
