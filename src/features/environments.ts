import * as vscode from 'vscode';
import { Commands } from '../constants';
import { settingId } from '../core/settings';
import { movesRequests, type Environment } from '../core/environments';
import type { ApiKeyStore } from '../host/apiKeyStore';
import type { Environments } from '../host/environments';
import type { Log } from '../host/log';
import { guarded, promptForApiKey, type KeyPrompts } from '../host/ui';

const EDIT = 'edit';

/**
 * The active environment, always in view: a status-bar item (Production on the warning colour, as
 * VS Code does for states that deserve care; an unusable base URL on the error colour) whose click
 * runs Switch Environment, a quick pick that says which environments have a key.
 */
export function registerEnvironments(d: {
  readonly envs: Environments;
  readonly keys: ApiKeyStore;
  readonly prompts: KeyPrompts;
  readonly log: Log;
}): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('carecycle.environment', vscode.StatusBarAlignment.Left, -100);
  item.name = 'CareCycle Environment';
  item.command = Commands.switchEnvironment;

  const draw = async (): Promise<void> => {
    const env = d.envs.active;
    const hasKey = !!(await d.keys.get(env).catch(() => undefined));
    if (movesRequests(env, d.envs.active)) return; // a newer draw follows
    item.text = `${env.problem ? '$(warning)' : '$(server-environment)'} ${env.name}`;
    item.backgroundColor = env.problem
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : env.production
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    item.color = env.problem || env.production ? undefined : env.color;
    item.tooltip = [
      `CareCycle environment: ${env.name}${env.production ? ' (production)' : ''}`,
      env.problem ?? `Requests and its key go to ${env.baseUrl}`,
      hasKey ? 'API key: set' : 'API key: not set',
      d.envs.several ? 'Click to switch environment' : 'Click to see environments',
    ].join('\n');
    item.accessibilityInformation = {
      label: `CareCycle environment ${env.name}${env.production ? ', production' : ''}${hasKey ? '' : ', no API key'}`,
    };
    item.show();
  };
  const redraw = (): void => void draw().catch((err: unknown) => d.log.error('Could not draw the environment', err));
  redraw();

  const pick = async (): Promise<void> => {
    type Item = vscode.QuickPickItem & { env?: Environment; action?: typeof EDIT };
    const active = d.envs.active;
    const items: Item[] = [];
    for (const env of d.envs.list) {
      const hasKey = !!(await d.keys.get(env).catch(() => undefined));
      items.push({
        label: `${d.envs.isActive(env.name) ? '$(check)' : '$(blank)'} ${env.name}`,
        description: env.problem ? 'unusable' : env.baseUrl,
        detail:
          env.problem ?? `${hasKey ? '$(key) API key set' : '$(circle-slash) No API key yet'}${env.production ? ' · production' : ''}`,
        env,
      });
    }
    items.push(
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      {
        label: '$(settings-gear) Edit Environments…',
        detail: 'Environments are defined in your user settings (carecycle.environments).',
        action: EDIT,
      },
    );
    const chosen = await vscode.window.showQuickPick(items, {
      title: 'CareCycle: Switch Environment',
      placeHolder: `Active: ${active.name}. Choose where records come from (each environment has its own key)`,
      matchOnDescription: true,
    });
    if (!chosen) return;
    if (chosen.action === EDIT) {
      await vscode.commands.executeCommand('workbench.action.openSettings', settingId('environments'));
      return;
    }
    if (!chosen.env || d.envs.isActive(chosen.env.name)) return;
    const now = await d.envs.switchTo(chosen.env.name);
    const hasKey = !!(await d.keys.get(now).catch(() => undefined));
    void vscode.window.setStatusBarMessage(`$(server-environment) CareCycle: now using ${now.name}`, 4000);
    // Straight on to what the new environment lacks; Esc leaves it for later (panels and hovers offer it again).
    if (!hasKey)
      await promptForApiKey(d.prompts, `${now.name} has no API key yet. Paste it (it begins with cc_), or press Esc to do it later.`);
  };

  return vscode.Disposable.from(
    item,
    d.envs.onDidChangeActive(redraw),
    d.envs.onDidChangeList(redraw),
    d.keys.onDidChange(redraw),
    vscode.commands.registerCommand(Commands.switchEnvironment, guarded(d.log, 'Switch Environment', pick)),
  );
}
