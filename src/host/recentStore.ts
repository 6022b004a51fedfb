import * as vscode from 'vscode';
import { ContextKeys, STATE_RECENT } from '../constants';
import {
  addRecent,
  normalise,
  readRecentState,
  removeRecent,
  sameRef,
  setPinned,
  toState,
  updateInfo,
  type RecentEntry,
  type RecentRef,
} from '../core/recent';
import { Disposable } from './lifecycle';
import type { Log } from './log';

/** The recent list in globalState: only ID, environment name, name, status, when viewed and pinned. */
export class RecentStore extends Disposable {
  private list: RecentEntry[];
  private readonly emitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly max: () => number,
    private readonly log: Log,
    /** The environment of entries saved before there were environments. */
    defaultEnv: string,
  ) {
    super();
    let raw: unknown;
    try {
      raw = memento.get<unknown>(STATE_RECENT);
    } catch (err) {
      log.error('Could not read the recent customers list; starting empty', err);
    }
    this.list = normalise(readRecentState(raw, defaultEnv), max());
    void this.updateContext();
  }

  get entries(): readonly RecentEntry[] {
    return this.list;
  }

  add(entry: Omit<RecentEntry, 'pinned'>): Promise<void> {
    return this.write(addRecent(this.list, { ...entry, pinned: this.find(entry)?.pinned }, this.max()));
  }

  /** Puts back an entry as it was (Undo after Remove): its place, its pin. */
  restore(entry: RecentEntry): Promise<void> {
    return this.write(normalise([entry, ...this.list], this.max()));
  }

  remove(ref: RecentRef): Promise<void> {
    return this.write(removeRecent(this.list, ref));
  }

  pin(ref: RecentRef, pinned: boolean): Promise<void> {
    return this.write(setPinned(this.list, ref, pinned, this.max()));
  }

  updateInfo(ref: RecentRef, name: string | undefined, status: string | undefined): Promise<void> {
    const next = updateInfo(this.list, ref, name, status);
    return next === this.list ? Promise.resolve() : this.write(next);
  }

  clear(): Promise<void> {
    return this.write([]);
  }

  /** Re-applies the size cap after the setting changes. */
  recap(): Promise<void> {
    return this.write(normalise(this.list, this.max()));
  }

  find(ref: RecentRef): RecentEntry | undefined {
    return this.list.find((e) => sameRef(e, ref));
  }

  private async write(next: RecentEntry[]): Promise<void> {
    this.list = next;
    this.emitter.fire();
    await this.updateContext();
    try {
      await this.memento.update(STATE_RECENT, toState(next));
    } catch (err) {
      this.log.error('Could not save the recent customers list', err);
    }
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', ContextKeys.recentEmpty, this.list.length === 0);
  }
}
