import * as vscode from 'vscode';
import { Settings } from '../constants';
import { chooseActive, envKey, movesRequests, readEnvironments, type Environment, type EnvironmentList } from '../core/environments';
import type { Log } from './log';

/**
 * The environments and which one is active, from settings. The list comes from the user's own
 * settings only (inspect().globalValue): a workspace can suggest an environment by name, never
 * define one or change where one points. Fires `onDidChangeActive` only when requests would go
 * somewhere else (another environment, or the active one's base URL changed).
 */
export class Environments implements vscode.Disposable {
  private state: EnvironmentList;
  private current: Environment;
  private readonly activeEmitter = new vscode.EventEmitter<void>();
  private readonly listEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeActive = this.activeEmitter.event;
  /** Names, colours or the set of environments changed (the status bar and the tree redraw). */
  readonly onDidChangeList = this.listEmitter.event;
  private readonly sub: vscode.Disposable;
  private lastNotes = '';
  private lastIgnored = '';

  constructor(private readonly log: Log) {
    this.state = this.read();
    this.current = this.resolve();
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        [Settings.environments, Settings.environment, Settings.apiBaseUrl].some((k) => e.affectsConfiguration(`${Settings.section}.${k}`))
      )
        this.reload();
    });
  }

  get list(): readonly Environment[] {
    return this.state.list;
  }

  get active(): Environment {
    return this.current;
  }

  /** More than one environment is defined: records say which one they came from. */
  get several(): boolean {
    return this.state.list.length > 1;
  }

  get source(): EnvironmentList['source'] {
    return this.state.source;
  }

  /** Whether `name` is the active environment's (in any case). */
  isActive(name: string): boolean {
    return envKey(name) === envKey(this.current.name);
  }

  find(name: string | undefined): Environment | undefined {
    return name === undefined ? undefined : this.state.list.find((e) => envKey(e.name) === envKey(name));
  }

  /** Makes `name` the active environment, in the settings scope its current value comes from. */
  async switchTo(name: string): Promise<Environment> {
    const env = this.find(name);
    if (!env) throw new Error(`No environment named "${name}" is defined.`);
    const cfg = vscode.workspace.getConfiguration(Settings.section);
    const info = cfg.inspect<string>(Settings.environment);
    // A workspace that names an environment keeps doing so; otherwise the choice is the user's own.
    const suggested = (v: unknown): boolean => typeof v === 'string' && this.find(v) !== undefined;
    const target = suggested(info?.workspaceValue) ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await cfg.update(Settings.environment, env.name, target);
    this.reload();
    return this.current;
  }

  private read(): EnvironmentList {
    const cfg = vscode.workspace.getConfiguration(Settings.section);
    const list = readEnvironments({
      environments: cfg.inspect<unknown>(Settings.environments)?.globalValue,
      legacyBaseUrl: cfg.inspect<unknown>(Settings.apiBaseUrl)?.globalValue,
    });
    const notes = list.notes.join(' ');
    if (notes && notes !== this.lastNotes) this.log.warn(`Environments: ${notes}`);
    this.lastNotes = notes;
    return list;
  }

  private resolve(): Environment {
    // Window-scoped: a workspace value or the user's own (there are no folder values).
    const info = vscode.workspace.getConfiguration(Settings.section).inspect<unknown>(Settings.environment);
    const { env, ignored } = chooseActive(this.state.list, [info?.workspaceValue, info?.globalValue]);
    // Said once, not on every change of any setting.
    const said = ignored.join('\u0000');
    if (said && said !== this.lastIgnored)
      for (const name of ignored)
        this.log.warn(`Environment "${name}" is named in settings but not defined in your user settings; ignored.`);
    this.lastIgnored = said;
    return env;
  }

  private reload(): void {
    const before = this.current;
    const beforeList = JSON.stringify(this.state.list);
    this.state = this.read();
    this.current = this.resolve();
    if (JSON.stringify(this.state.list) !== beforeList) this.listEmitter.fire();
    if (movesRequests(before, this.current)) {
      this.log.info(`Environment: ${describe(this.current)}`);
      this.activeEmitter.fire();
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.activeEmitter.dispose();
    this.listEmitter.dispose();
  }
}

/** "Playground at https://…", or the reason its base URL is refused: for the log. */
export function describe(env: Environment): string {
  return env.problem ? `${env.name} (unusable: ${env.problem})` : `${env.name} at ${env.baseUrl}`;
}
