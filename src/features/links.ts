import * as vscode from 'vscode';
import { Commands } from '../constants';
import { findCustomerIds } from '../core/customerId';
import type { CustomerService } from '../core/customers';
import { ALL_DOCUMENTS } from '../host/documents';

/** Links past this many are not made: a huge log stays responsive. */
export const MAX_LINKS_PER_DOCUMENT = 5000;

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
      link.tooltip = 'Open CareCycle customer';
      links.push(link);
    }
    return links;
  }
}

export function registerLinks(customers: Pick<CustomerService, 'knownMissing'>): vscode.Disposable {
  return vscode.languages.registerDocumentLinkProvider(ALL_DOCUMENTS, new CustomerLinkProvider(customers));
}

interface CustomerTerminalLink extends vscode.TerminalLink {
  readonly customerId: string;
}

/** IDs printed in the integrated terminal become links to the record panel. */
export function registerTerminalLinks(open: (id: string) => void): vscode.Disposable {
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
      open(link.customerId);
    },
  });
}
