// The test build of the extension: the shipped activation, plus the commands the integration tests
// look and set up through (./testCommands.ts). esbuild bundles it into out/test-extension, a copy of
// the extension's folder that only the integration window loads; the .vsix never holds it.
import type * as vscode from 'vscode';
import { start } from '../../src/extension';
import { registerTestCommands } from './testCommands';

export function activate(context: vscode.ExtensionContext): void {
  const services = start(context);
  context.subscriptions.push(registerTestCommands({ ...services, logUri: context.logUri }));
}

export { deactivate } from '../../src/extension';
