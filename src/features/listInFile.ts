import * as vscode from 'vscode';
import { Commands } from '../constants';
import { plainText } from '../core/api/errors';
import { findCustomerIds } from '../core/customerId';
import { cacheKey, type CustomerService } from '../core/customers';
import { displayName } from '../core/display';
import type { Log } from '../host/log';
import { guarded } from '../host/ui';

/** Names are fetched for at most this many uncached IDs when the list opens; the rest on demand. */
export const NAMES_FETCHED_UP_FRONT = 5;
const MAX_SCANNED_IDS = 20_000;

interface Occurrence {
  readonly id: string;
  readonly first: number;
  count: number;
}

/** Distinct IDs in order of first appearance, with their count. */
export function distinctIds(text: string): Occurrence[] {
  const byKey = new Map<string, Occurrence>();
  for (const m of findCustomerIds(text, MAX_SCANNED_IDS)) {
    const k = cacheKey(m.id);
    const o = byKey.get(k);
    if (o) o.count++;
    else byKey.set(k, { id: m.id, first: m.start, count: 1 });
  }
  return [...byKey.values()];
}

interface Item extends vscode.QuickPickItem {
  readonly occurrence: Occurrence;
  readonly line: number;
}

export function registerListInFile(d: { customers: CustomerService; log: Log; openPanel: (id: string) => void }): vscode.Disposable {
  return vscode.commands.registerCommand(
    Commands.listCustomersInFile,
    guarded(d.log, Commands.listCustomersInFile, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('CareCycle: open a file to list the customers it mentions.');
        return;
      }
      const doc = editor.document;
      const found = distinctIds(doc.getText());
      if (found.length === 0) {
        void vscode.window.showInformationMessage('CareCycle: no customer IDs in this file.');
        return;
      }
      const toItem = (o: Occurrence): Item => {
        const line = doc.positionAt(o.first).line;
        const cached = d.customers.peek(o.id);
        const missing = d.customers.knownMissing(o.id);
        return {
          occurrence: o,
          line,
          // The name comes from the API: plainText keeps it from drawing icons or links.
          label: cached
            ? `$(account) ${plainText(displayName(cached.record), 120)}`
            : missing
              ? `$(circle-slash) ${o.id}`
              : `$(symbol-key) ${o.id}`,
          description: `${o.count}× · first on line ${line + 1}${missing ? ' · not a customer' : ''}`,
          ...(cached ? { detail: o.id } : {}),
        };
      };
      const qp = vscode.window.createQuickPick<Item>();
      qp.title = `Customers in ${vscode.workspace.asRelativePath(doc.uri)} (${found.length})`;
      qp.placeholder = 'Choose a customer to jump to its first mention and open its record';
      qp.matchOnDescription = true;
      qp.matchOnDetail = true;
      qp.items = found.map(toItem);

      // A few names up front, within the shared limiter and cache; a file with hundreds of IDs never
      // spends the rate limit on opening a list.
      const ctl = new AbortController();
      const toFetch = found.filter((o) => !d.customers.peek(o.id) && !d.customers.knownMissing(o.id)).slice(0, NAMES_FETCHED_UP_FRONT);
      qp.busy = toFetch.length > 0;
      let pending = toFetch.length;
      for (const o of toFetch) {
        void d.customers
          .get(o.id, { signal: ctl.signal })
          .catch(() => undefined)
          .finally(() => {
            if (ctl.signal.aborted) return;
            const active = qp.activeItems.map((i) => i.occurrence.id);
            qp.items = found.map(toItem);
            if (active.length) qp.activeItems = qp.items.filter((i) => active.includes(i.occurrence.id));
            qp.busy = --pending > 0;
          });
      }
      const picked = await new Promise<Item | undefined>((resolve) => {
        qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? qp.activeItems[0]));
        qp.onDidHide(() => resolve(undefined));
        qp.show();
      });
      ctl.abort();
      qp.dispose();
      if (!picked) return;
      const start = doc.positionAt(picked.occurrence.first);
      const range = new vscode.Range(start, start.translate(0, picked.occurrence.id.length));
      const shown = await vscode.window.showTextDocument(doc, {
        ...(editor.viewColumn ? { viewColumn: editor.viewColumn } : {}),
        selection: range,
        preserveFocus: false,
      });
      shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      d.openPanel(picked.occurrence.id);
    }),
  );
}
