import * as vscode from 'vscode';
import { Settings } from '../constants';

export interface ConfigValues {
  readonly requestTimeoutMs: number;
  readonly maskIdentifiers: boolean;
  readonly recentMax: number;
}

export const DEFAULTS: ConfigValues = {
  requestTimeoutMs: 15_000,
  maskIdentifiers: true,
  recentMax: 50,
};

/**
 * Typed settings. The application-scoped settings are read from the user's own settings only: a
 * workspace's .vscode/settings.json can never change them, even if VS Code's scope check were
 * bypassed. Where the key goes is the environments' (../host/environments.ts), read the same way.
 */
export class Config {
  private userValue<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
    const info = vscode.workspace.getConfiguration(Settings.section).inspect<T>(key);
    const v = info?.globalValue ?? info?.defaultValue;
    return valid(v) ? v : fallback;
  }

  get values(): ConfigValues {
    const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
    const isPosInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
    return {
      requestTimeoutMs: Math.min(120_000, Math.max(1000, this.userValue(Settings.requestTimeoutMs, DEFAULTS.requestTimeoutMs, isPosInt))),
      maskIdentifiers: this.userValue(Settings.maskIdentifiers, DEFAULTS.maskIdentifiers, isBool),
      recentMax: Math.min(500, Math.max(1, Math.floor(this.userValue(Settings.recentMax, DEFAULTS.recentMax, isPosInt)))),
    };
  }

  /** Resource-scoped: a workspace or folder may turn hovers off for itself. */
  hoverEnabled(scope?: vscode.ConfigurationScope): boolean {
    return vscode.workspace.getConfiguration(Settings.section, scope).get<boolean>(Settings.hoverEnabled, true) !== false;
  }
}
