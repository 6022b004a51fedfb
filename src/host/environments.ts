import * as vscode from 'vscode';
import { chooseActive, envKey, movesRequests, readEnvironments, type Environment, type EnvironmentList } from '../core/environments';
import type { Config } from './config';
import { Disposable } from './lifecycle';
import type { Log } from './log';

/**
 * The environments and which one is active, from settings. The list comes from the user's own
 * settings only (inspect().globalValue): a workspace can suggest an environment by name, never
 * define one or change where one points. Fires `onDidChangeActive` only when requests would go
 * somewhere else (another environment, or the active one's base URL changed).
 */
export class Environments extends Disposable {
  private state: EnvironmentList;
  private current: Environment;
  private readonly activeEmitter = this.register(new vscode.EventEmitter<void>());
  private readonly listEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeActive = this.activeEmitter.event;
  /** Names, colours or the set of environments changed (the status bar and the tree redraw). */
  readonly onDidChangeList = this.listEmitter.event;
  private lastNotes = '';
  private lastIgnored = '';

  constructor(
    private readonly config: Config,
    private readonly log: Log,
  ) {
    super();
    this.state = this.read();
    this.current = this.resolve();
    this.register(
      config.onDidChange((e) => {
        if (e.affects('environments') || e.affects('environment') || e.affects('apiBaseUrl')) this.reload();
      }),
    );
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
    // A workspace that names an environment (one the user defined) keeps doing so; otherwise the choice is the user's own.
    const [workspaceChoice] = this.config.environmentChoices;
    const suggested = typeof workspaceChoice === 'string' && this.find(workspaceChoice) !== undefined;
    await this.config.set('environment', env.name, suggested ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    this.reload();
    return this.current;
  }

  private read(): EnvironmentList {
    const list = readEnvironments(this.config.environmentSources);
    const notes = list.notes.join(' ');
    if (notes && notes !== this.lastNotes) this.log.warn(`Environments: ${notes}`);
    this.lastNotes = notes;
    return list;
  }

  private resolve(): Environment {
    // Window-scoped: a workspace value or the user's own (there are no folder values).
    const { env, ignored } = chooseActive(this.state.list, this.config.environmentChoices);
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
}

/** "Playground at https://…", or the reason its base URL is refused: for the log. */
export function describe(env: Environment): string {
  return env.problem ? `${env.name} (unusable: ${env.problem})` : `${env.name} at ${env.baseUrl}`;
}
