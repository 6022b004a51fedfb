import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../constants';
import { CareCycleError } from '../core/api/errors';
import { oneLine, plainText } from '../core/plainText';
import { movesRequests } from '../core/environments';
import {
  customerIdAt,
  explainInvalidId,
  findCustomerIds,
  idsInPastedText,
  idsWithKeys,
  isCustomerId,
  normaliseIdInput,
} from '../core/customerId';
import type { ApiKeyStore } from '../host/apiKeyStore';
import type { Environments } from '../host/environments';
import type { RecentRef } from '../core/recent';
import type { Log } from '../host/log';
import type { RecentStore } from '../host/recentStore';
import { guarded, promptForApiKey, type KeyPrompts } from '../host/ui';

export interface CommandDeps {
  readonly keys: ApiKeyStore;
  readonly prompts: KeyPrompts;
  readonly envs: Environments;
  readonly recent: RecentStore;
  readonly log: Log;
  readonly openPanel: (id: string, o?: { refresh?: boolean }) => void;
  /** The ID of the focused record panel, if any. */
  readonly activePanelId: () => string | undefined;
  /** The name of a customer already looked up (no request). */
  readonly nameOf: (id: string) => string | undefined;
}

/** A command argument may be an ID, a tree row ({ id }), or a URI-ish string. */
export function idFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') {
    // A URL or a log line with one ID in it is that ID; anything else is reported as it is.
    const id = normaliseIdInput(arg);
    const found = isCustomerId(id) ? [] : idsInPastedText(arg);
    return found.length === 1 ? found[0] : id;
  }
  if (arg && typeof arg === 'object' && typeof (arg as { id?: unknown }).id === 'string') return (arg as { id: string }).id;
  return undefined;
}

/** A tree row of the recent list: one customer in one environment (the active one when the row does not say). */
function refFromArg(arg: unknown, active: string): RecentRef | undefined {
  const id = idFromArg(arg);
  const env = arg && typeof arg === 'object' ? (arg as { env?: unknown }).env : undefined;
  return id ? { id, env: typeof env === 'string' ? env : active } : undefined;
}

/** The ID in the selection, else under the cursor, in the active text editor. */
export function idFromEditor(editor: vscode.TextEditor | undefined): string | undefined {
  if (!editor) return undefined;
  const sel = editor.selection;
  if (!sel.isEmpty) {
    const text = editor.document.getText(sel);
    const trimmed = normaliseIdInput(text);
    if (isCustomerId(trimmed)) return trimmed;
    const inside = findCustomerIds(text.slice(0, 100_000), 1)[0];
    if (inside) return inside.id;
  }
  const line = editor.document.lineAt(sel.active.line).text;
  return customerIdAt(line, sel.active.character)?.id;
}

const DEFAULT_PROMPT = 'Customer ID (a UUID, e.g. 497f6eca-6276-4993-bfeb-53cbbbba6f08), or any text that holds one';

/** What the box says of a value as it is typed: nothing for an ID or an empty box, else why it is none. */
function checkInput(v: string): string | vscode.InputBoxValidationMessage | undefined {
  if (v.trim() === '' || isCustomerId(normaliseIdInput(v))) return undefined;
  const ids = idsInPastedText(v);
  if (ids.length === 1) return { message: `Opens customer ${ids[0] ?? ''}`, severity: vscode.InputBoxValidationSeverity.Info };
  if (ids.length > 1)
    return {
      message: `${ids.length} customer IDs in this text: Enter to choose one`,
      severity: vscode.InputBoxValidationSeverity.Info,
    };
  const id = normaliseIdInput(v);
  return id.length > 40 ? 'There is no customer ID in this text.' : explainInvalidId(id);
}

/**
 * The input box, shown at once. When the clipboard holds an ID it fills the box, but only while the
 * person has typed nothing: reading the clipboard can take a while (a browser's permission prompt, a
 * busy machine), and what a person types always wins. Says as you type what is wrong.
 */
export async function askForId(nameOf?: (id: string) => string | undefined): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = 'CareCycle: Open Customer';
  box.prompt = DEFAULT_PROMPT;
  box.placeholder = '497f6eca-6276-4993-bfeb-53cbbbba6f08';
  box.ignoreFocusOut = true;
  let typed = false;
  let filled: string | undefined;
  const value = await new Promise<string | undefined>((resolve) => {
    const subs = [
      box.onDidChangeValue((v) => {
        if (v === filled) return; // the clipboard's fill: its prompt says what the text holds
        typed = true;
        box.validationMessage = checkInput(v);
      }),
      box.onDidAccept(() => {
        if (box.value.trim() === '') return; // nothing to open yet: the box stays
        resolve(box.value);
        box.hide();
      }),
      box.onDidHide(() => {
        resolve(undefined);
        for (const sub of subs) sub.dispose();
        box.dispose();
      }),
    ];
    box.show();
    vscode.env.clipboard.readText().then(
      (text) => {
        // The ID out of whatever was copied (`customer=…`, a URL, a log line); several: the text
        // itself, and Enter offers them to choose from.
        const found = idsInPastedText(text);
        if (typed || box.value !== '' || found.length === 0) return;
        filled = found.length === 1 ? (found[0] ?? '') : oneLine(text, 300);
        box.value = filled;
        box.valueSelection = [0, filled.length]; // as a pre-filled box has it: typing replaces it
        // A pre-filled value is not checked until it changes: the prompt says what the copied text holds.
        if (found.length > 1)
          box.prompt = `From the clipboard: ${found.length} customer IDs in this text. Enter to choose one, or type an ID`;
        box.validationMessage = undefined;
      },
      () => undefined, // no clipboard access: the box stays empty
    );
  });
  if (value === undefined) return undefined;
  return chooseId(value, nameOf);
}

/**
 * The customer ID in `text`: itself, the one it holds, or, when it holds several, the one the person
 * picks, each shown with what introduced it (customer_id=, request_id=, a URL path), customers'
 * first, and the name of anyone already looked up.
 */
export async function chooseId(text: string, nameOf?: (id: string) => string | undefined): Promise<string | undefined> {
  const id = normaliseIdInput(text);
  if (isCustomerId(id)) return id;
  const ids = idsWithKeys(text);
  if (ids.length <= 1) return ids[0]?.id;
  const pick = await vscode.window.showQuickPick(
    ids.map((x) => {
      const name = nameOf?.(x.id);
      const item: vscode.QuickPickItem & { id: string } = { label: x.id, id: x.id };
      if (x.key !== undefined) item.description = x.key.startsWith('/') ? `URL path ${x.key}` : x.key;
      if (name) item.detail = `$(account) ${plainText(name, 120)}`;
      return item;
    }),
    { title: 'CareCycle: Open Customer', placeHolder: `${ids.length} IDs in the text: choose one`, matchOnDescription: true },
  );
  return pick?.id;
}

/**
 * Keeps `carecycle.idAtCursor` true while the active editor's selection or cursor is on a customer ID,
 * so the editor's context menu offers Open Customer only there. One line is looked at per selection
 * change (a window of it around the cursor), and the context is set only when it flips.
 */
function trackIdAtCursor(): vscode.Disposable {
  let last: boolean | undefined;
  const update = (editor: vscode.TextEditor | undefined): void => {
    const now = idFromEditor(editor) !== undefined;
    if (now === last) return;
    last = now;
    void vscode.commands.executeCommand('setContext', ContextKeys.idAtCursor, now);
  };
  update(vscode.window.activeTextEditor);
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorSelection((e) => update(e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor(update),
  );
}

export function registerCommands(d: CommandDeps): vscode.Disposable {
  const reg = (id: string, body: (...args: never[]) => Promise<unknown>): vscode.Disposable =>
    vscode.commands.registerCommand(id, guarded(d.log, id, body as (...args: unknown[]) => Promise<unknown>));

  return vscode.Disposable.from(
    trackIdAtCursor(),
    reg(Commands.openCustomer, async (arg?: unknown, environment?: unknown) => {
      let id = idFromArg(arg);
      if (id !== undefined && !isCustomerId(id)) {
        throw new CareCycleError('invalid-id', `Not a customer ID: ${explainInvalidId(id)}`, 'none');
      }
      id ??= idFromEditor(vscode.window.activeTextEditor) ?? (await askForId(d.nameOf));
      if (!id) return;
      // A customer of another environment (the recent list): that environment becomes the active one, and says so.
      const fromRow = arg && typeof arg === 'object' ? (arg as { env?: unknown }).env : undefined;
      const wanted = typeof environment === 'string' ? environment : typeof fromRow === 'string' ? fromRow : undefined;
      const target = wanted === undefined ? undefined : d.envs.find(wanted);
      if (wanted !== undefined && !target) {
        void vscode.window.showWarningMessage(
          `CareCycle: the environment "${plainText(wanted, 40)}" is no longer defined; opening this customer in ${d.envs.active.name}.`,
        );
      } else if (target && movesRequests(target, d.envs.active)) {
        const now = await d.envs.switchTo(target.name);
        void vscode.window.setStatusBarMessage(`$(server-environment) CareCycle: switched to ${now.name} to open this customer`, 5000);
      }
      d.log.info(`open customer ${id}`);
      d.openPanel(id);
    }),

    reg(Commands.refreshCustomer, async (arg?: unknown) => {
      const id = idFromArg(arg) ?? d.activePanelId();
      if (!id) {
        void vscode.window.showInformationMessage('CareCycle: open a customer first, then refresh it.');
        return;
      }
      d.openPanel(id, { refresh: true });
      await Promise.resolve();
    }),

    reg(Commands.copyCustomerId, async (arg?: unknown) => {
      const id = idFromArg(arg) ?? d.activePanelId() ?? idFromEditor(vscode.window.activeTextEditor);
      if (!id || !isCustomerId(id)) {
        void vscode.window.showInformationMessage('CareCycle: no customer ID here to copy.');
        return;
      }
      await vscode.env.clipboard.writeText(id);
      void vscode.window.setStatusBarMessage(`$(check) Copied customer ID ${id}`, 3000);
    }),

    reg(Commands.setApiKey, async () => {
      // The key check that follows says that the key was saved and what the API thinks of it.
      await promptForApiKey(d.prompts);
    }),

    reg(Commands.clearApiKey, async () => {
      const env = d.keys.environment;
      await d.keys.clear(env);
      d.log.info(`API key for ${env.name} cleared`);
      void vscode.window.showInformationMessage(`CareCycle: API key for ${env.name} cleared.`);
    }),

    reg(Commands.showLog, async () => {
      d.log.show();
      await Promise.resolve();
    }),

    reg(Commands.clearRecentCustomers, async () => {
      if (d.recent.entries.length === 0) return;
      const pinned = d.recent.entries.filter((e) => e.pinned).length;
      const answer = await vscode.window.showWarningMessage(
        `Clear all ${d.recent.entries.length} recent customers${pinned ? `, including ${pinned} pinned` : ''}?`,
        { modal: true },
        'Clear',
      );
      if (answer === 'Clear') await d.recent.clear();
    }),

    reg(Commands.removeRecentCustomer, async (arg?: unknown) => {
      const ref = refFromArg(arg, d.envs.active.name);
      const entry = ref && d.recent.find(ref);
      if (!ref || !entry) return;
      await d.recent.remove(ref);
      // Removing is one click: so is taking it back. The command is done once the row is gone; the
      // offer stays in the notification until it is taken or dismissed.
      void vscode.window
        .showInformationMessage(`CareCycle: ${plainText(entry.name ?? entry.id, 80)} removed from Recent Customers.`, 'Undo')
        .then((pick) => (pick === 'Undo' ? d.recent.restore(entry) : undefined));
    }),
    reg(Commands.pinRecentCustomer, async (arg?: unknown) => {
      const ref = refFromArg(arg, d.envs.active.name);
      if (ref) await d.recent.pin(ref, true);
    }),
    reg(Commands.unpinRecentCustomer, async (arg?: unknown) => {
      const ref = refFromArg(arg, d.envs.active.name);
      if (ref) await d.recent.pin(ref, false);
    }),
  );
}
