import * as vscode from 'vscode';
import type { CareCycleApi } from '../../src/extension';

export const EXTENSION_ID = 'carecycle.carecycle-vscode';
export const DEMO_KEY = 'cc_demo_0123456789abcdef';
export const MOCK = process.env.CARECYCLE_MOCK_API ?? '';

export const IDS = {
  margaret: '497f6eca-6276-4993-bfeb-53cbbbba6f08',
  robert: '3f2c8a1e-5b7d-4c9a-8e21-6d4f0b9a7c15',
  linda: '8a6e0f52-1c3b-4d7e-9f10-2b5c7d9e1a34',
  dorothy: 'a1b2c3d4-e5f6-4a7b-9c8d-0e1f2a3b4c5d',
  george: '9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0',
  unknown: '11111111-2222-4333-8444-555555555555',
};

export async function getApi(): Promise<CareCycleApi> {
  const ext = vscode.extensions.getExtension<CareCycleApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function mock(pathname: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${MOCK}${pathname}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return res.status === 200 ? res.json() : undefined;
}

export async function resetMock(): Promise<void> {
  await mock('/__control/reset', {});
}

export async function requestsTo(id: string): Promise<number> {
  const all = (await mock('/__control/requests')) as Array<{ id?: string }>;
  return all.filter((r) => r.id?.toLowerCase() === id.toLowerCase()).length;
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

/** Each test starts from the same place: the demo key set, an empty cache, a clean stand-in, no editors. */
export async function freshState(): Promise<void> {
  const api = await getApi();
  await api.keys.set(DEMO_KEY);
  api.customers.invalidate();
  await resetMock();
  await closeAll();
}
