import type * as vscode from 'vscode';

/** Every document the editor can show: files, untitled, output channels, the debug console, virtual docs. */
export const ALL_DOCUMENTS: vscode.DocumentSelector = [{ scheme: '*' }];
