import * as vscode from 'vscode';
import { Commands } from '../constants';
import { describeIdCounts } from '../core/inlineNames';
import { RateLimiter } from '../core/limiter';
import { plainText } from '../core/plainText';
import { findCustomerIds } from '../core/customerId';
import { cacheKey, type CustomerService } from '../core/customers';
import { contactRestrictions, displayName } from '../core/summary';
import type { Log } from '../host/log';
import { guarded } from '../host/ui';

/**
 * Names are looked up in the background within their own share of the rate limit (never queued,
 * so a list of hundreds of IDs never spends the budget hovers and records need).
 */
export const LIST_SHARE = { limit: 5, windowMs: 60_000 } as const;

interface Occurrence {
  readonly id: string;
  readonly first: number;
  count: number;
}

/** Distinct IDs in order of first appearance, with their count. */
export function distinctIds(text: string): Occurrence[] {
  const byKey = new Map<string, Occurrence>();
  // Everything: the scanner reads a 20 MB log in about 30 ms.
  for (const m of findCustomerIds(text)) {
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

const share = new RateLimiter(LIST_SHARE.limit, LIST_SHARE.windowMs);

export function registerListInFile(d: {
  customers: CustomerService;
  log: Log;
  openPanel: (id: string, o?: { beside?: boolean }) => void;
}): vscode.Disposable {
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
      const rel = vscode.workspace.asRelativePath(doc.uri);
      const toItem = (o: Occurrence): Item => {
        const line = doc.positionAt(o.first).line;
        const cached = d.customers.peek(o.id);
        const missing = d.customers.knownMissing(o.id);
        const restricted = cached ? contactRestrictions(cached.record).join(', ').toLowerCase() : '';
        return {
          occurrence: o,
          line,
          // The name comes from the API: plainText keeps it from drawing icons or links.
          label: cached
            ? `$(account) ${plainText(displayName(cached.record), 120)}`
            : missing
              ? `$(question) ${o.id}`
              : `$(symbol-key) ${o.id}`,
          description: `${o.count}× · first on line ${line + 1}${missing ? ' · not a customer' : ''}${restricted ? ` · $(circle-slash) ${restricted}` : ''}`,
          ...(cached ? { detail: o.id } : {}),
        };
      };
      const qp = vscode.window.createQuickPick<Item>();
      const retitle = (): void => {
        const customers = found.filter((o) => d.customers.peek(o.id)).length;
        const notCustomers = found.filter((o) => d.customers.knownMissing(o.id)).length;
        qp.title = `${rel}: ${describeIdCounts(customers, notCustomers, found.length - customers - notCustomers)}`;
      };
      retitle();
      qp.placeholder = 'Choose a customer to jump to its first mention and open its record beside it';
      qp.matchOnDescription = true;
      qp.matchOnDetail = true;
      qp.items = found.map(toItem);

      // Names in the background, in order of first mention, within the list's own share of the
      // rate limit: a file with thousands of IDs never spends what hovers and records need.
      const ctl = new AbortController();
      let pending = 0;
      for (const o of found) {
        if (d.customers.peek(o.id) || d.customers.knownMissing(o.id)) continue;
        if (!share.tryAcquire()) break;
        pending++;
        void d.customers
          .get(o.id, { signal: ctl.signal })
          .catch(() => undefined)
          .finally(() => {
            if (ctl.signal.aborted) return;
            const active = qp.activeItems.map((i) => i.occurrence.id);
            qp.items = found.map(toItem);
            if (active.length) qp.activeItems = qp.items.filter((i) => active.includes(i.occurrence.id));
            retitle();
            qp.busy = --pending > 0;
          });
      }
      qp.busy = pending > 0;
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
      // Beside the file: the jump just made stays in sight.
      d.openPanel(picked.occurrence.id, { beside: true });
    }),
  );
}
