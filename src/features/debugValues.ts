import * as vscode from 'vscode';
import { Commands } from '../constants';
import { debugValueText } from '../core/debugValue';
import { idsInPastedText } from '../core/customerId';
import type { Log } from '../host/log';
import { guarded } from '../host/ui';
import { chooseId } from './commands';

/**
 * "Open CareCycle Customer" in the debugger's Variables and Watch views: the customer ID a value holds
 * (a string, an object's preview, a URL) opens in its panel; with several, the person picks one; with
 * none, the person is told so where they are looking.
 */
export function registerDebugValues(d: {
  readonly log: Log;
  readonly openPanel: (id: string) => void;
  readonly nameOf: (id: string) => string | undefined;
}): vscode.Disposable {
  return vscode.commands.registerCommand(
    Commands.openCustomerFromDebugValue,
    guarded(d.log, Commands.openCustomerFromDebugValue, async (arg?: unknown) => {
      const text = debugValueText(arg);
      if (!text || idsInPastedText(text).length === 0) {
        void vscode.window.showInformationMessage('CareCycle: this value holds no customer ID.');
        return;
      }
      const id = await chooseId(text, d.nameOf);
      if (!id) return;
      d.log.info(`open customer ${id} (debugger value)`);
      d.openPanel(id);
    }),
  );
}
