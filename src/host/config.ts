import * as vscode from 'vscode';
import type { InlineNamesMode } from '../core/inlineNames';
import { SECTION, SETTINGS, booleanSetting, inlineNamesSetting, integerSetting, settingId, type SettingName } from '../core/settings';
import { Disposable } from './lifecycle';

/** Which settings a change touched. */
export interface ConfigChange {
  affects(setting: SettingName): boolean;
  /** The raw event, for the display and list-size rules of ../core/settings.ts (full setting IDs). */
  affectsId(id: string): boolean;
}

/**
 * The one reader of the extension's settings, the way rust-analyzer keeps one `Config`: typed values
 * with the defaults and bounds of ../core/settings.ts, and one change event. Settings that decide
 * where the key goes or how records are shown are application-scoped and read from the user's own
 * settings only (`inspect().globalValue`): a workspace's .vscode/settings.json never changes them,
 * even if VS Code's scope check were bypassed.
 */
export class Config extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<ConfigChange>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.changed.fire({ affects: (name) => e.affectsConfiguration(settingId(name)), affectsId: (id) => e.affectsConfiguration(id) });
      }),
    );
  }

  private section(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION, scope);
  }

  /** The user's own value (application scope), else undefined. */
  private user(name: SettingName): unknown {
    return this.section().inspect<unknown>(SETTINGS[name].key)?.globalValue;
  }

  get requestTimeoutMs(): number {
    return integerSetting(SETTINGS.requestTimeoutMs, this.user('requestTimeoutMs'));
  }

  get maskIdentifiers(): boolean {
    return booleanSetting(SETTINGS.maskIdentifiers, this.user('maskIdentifiers'));
  }

  get recentMax(): number {
    return integerSetting(SETTINGS.recentMax, this.user('recentMax'));
  }

  /** Resource-scoped: a workspace or folder may turn hovers off for itself. */
  hoverEnabled(scope?: vscode.ConfigurationScope): boolean {
    return booleanSetting(SETTINGS.hoverEnabled, this.section(scope).get<unknown>(SETTINGS.hoverEnabled.key));
  }

  /** Resource-scoped: a workspace may quiet names for itself. */
  inlineNames(scope?: vscode.ConfigurationScope): InlineNamesMode {
    return inlineNamesSetting(this.section(scope).get<unknown>(SETTINGS.inlineNames.key));
  }

  /** The environments and the legacy base URL, from the user's own settings only (../core/environments.ts reads them). */
  get environmentSources(): { readonly environments: unknown; readonly legacyBaseUrl: unknown } {
    return { environments: this.user('environments'), legacyBaseUrl: this.user('apiBaseUrl') };
  }

  /** The active environment's name as the workspace and the user set it, most specific first (window scope). */
  get environmentChoices(): readonly unknown[] {
    const info = this.section().inspect<unknown>(SETTINGS.environment.key);
    return [info?.workspaceValue, info?.globalValue];
  }

  /** Whether a workspace names the active environment (a switch is then written there, as the workspace chose it). */
  get workspaceNamesEnvironment(): boolean {
    return this.section().inspect<unknown>(SETTINGS.environment.key)?.workspaceValue !== undefined;
  }

  async set(name: SettingName, value: unknown, target: vscode.ConfigurationTarget = vscode.ConfigurationTarget.Global): Promise<void> {
    await this.section().update(SETTINGS[name].key, value, target);
  }
}
