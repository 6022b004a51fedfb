import { setTimeout as pollInterval } from 'node:timers/promises';
import * as vscode from 'vscode';
import type { Environment } from '../../src/core/environments';
import type { RecentEntry } from '../../src/core/recent';
import { TestCommands, type PanelSnapshot } from './testCommands';
import { DEMO_KEY, EXTENSION_ID, SAMPLE_IDS, UNKNOWN_ID } from '../support/constants.mjs';
import { STEP_MS } from '../support/deadline.cjs';

export { DEMO_KEY, EXTENSION_ID };
export const MOCK = process.env.CARECYCLE_MOCK_API ?? '';
export const IDS = { ...SAMPLE_IDS, unknown: UNKNOWN_ID };

/** What the extension shows, read through its test-only command. */
export interface ShownState {
  readonly panels: PanelSnapshot[];
  readonly recent: RecentEntry[];
  readonly logUri: string;
  readonly environment: Environment;
  readonly environments: Environment[];
}

export async function activate(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  await ext.activate();
}

export async function shown(): Promise<ShownState> {
  await activate();
  return vscode.commands.executeCommand<ShownState>(TestCommands.state);
}

export async function panel(id: string): Promise<PanelSnapshot | undefined> {
  return (await shown()).panels.find((p) => p.id.toLowerCase() === id.toLowerCase());
}

export async function recent(): Promise<RecentEntry[]> {
  return (await shown()).recent;
}

/** Waits until the customer's panel shows `view` (and, if given, passes `also`); returns what it shows. */
export function panelShows(
  id: string,
  view: PanelSnapshot['view'],
  what = `${view} for ${id}`,
  also: (p: PanelSnapshot) => boolean = () => true,
): Promise<PanelSnapshot> {
  let last: PanelSnapshot | undefined;
  return waitFor(
    async () => {
      const p = (last = await panel(id));
      return p?.view === view && also(p) ? p : undefined;
    },
    what,
    () => (last ? describePanel(last) : 'no panel for this customer'),
  );
}

/** A panel in a line, for a wait's message: what a person would read off it. */
function describePanel(p: PanelSnapshot): string {
  const state = [p.view, p.busy ? 'busy' : '', p.stale ? `stale: ${p.stale}` : '', p.error ? `${p.error.kind}: ${p.error.message}` : '']
    .filter(Boolean)
    .join(', ');
  return `a panel titled "${p.title}" showing ${state}`;
}

export async function setKey(key?: string): Promise<void> {
  await activate();
  await vscode.commands.executeCommand(TestCommands.setApiKey, key);
}

export async function forget(): Promise<void> {
  await vscode.commands.executeCommand(TestCommands.forget);
}

export async function clearRecent(): Promise<void> {
  await vscode.commands.executeCommand(TestCommands.clearRecent);
}

/**
 * Polls `probe` until it returns something truthy. The deadline (STEP_MS, ../support/deadline.cjs)
 * only detects a hang: its message says what was waited for and what was seen last (`seen`, or the
 * probe's last answer).
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  seen?: () => string,
): Promise<T> {
  const until = Date.now() + STEP_MS;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) {
      const last = seen ? seen() : `the probe answered ${String(v)}`;
      throw new Error(`waited ${Math.round(STEP_MS / 1000)} s for ${what}, and it never came; last seen: ${last}`);
    }
    await pollInterval(50); // polling interval, not a wait for time to pass
  }
}

export async function mock(pathname: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${MOCK}${pathname}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return res.status === 200 ? res.json() : undefined;
}

export async function resetMock(): Promise<void> {
  await mock('/__control/reset', {});
}

export interface StandInRequest {
  readonly id?: string;
  readonly status: number;
  readonly hadKey: boolean;
}

export async function requests(): Promise<StandInRequest[]> {
  return (await mock('/__control/requests')) as StandInRequest[];
}

export async function requestsTo(id: string): Promise<number> {
  return (await requests()).filter((r) => r.id?.toLowerCase() === id.toLowerCase()).length;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFile(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(doc);
}

export function positionOf(doc: vscode.TextDocument, text: string, nth = 0): vscode.Position {
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = doc.getText().indexOf(text, idx + 1);
    if (idx < 0) throw new Error(`"${text}" not found`);
  }
  return doc.positionAt(idx + 3);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Each test starts from the same place: no editors, the demo key set, an empty cache, a clean stand-in. */
export async function freshState(): Promise<void> {
  await closeAll();
  await setKey(DEMO_KEY);
  await forget();
  await resetMock();
}

/** Everything the CareCycle log channel has written in this window (its files). */
export async function logText(): Promise<string> {
  const uri = vscode.Uri.parse((await shown()).logUri);
  let all = '';
  for (const [name] of await vscode.workspace.fs.readDirectory(uri))
    all += Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, name))).toString('utf8');
  return all;
}
