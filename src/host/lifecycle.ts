import type * as vscode from 'vscode';

/**
 * Owns child disposables and disposes them with itself, in reverse order of registration (as
 * vscode-pull-request-github's lifecycle.ts does), instead of hand-kept arrays in every class.
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly children: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.children.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.children.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // One child's failure must not keep the others alive.
      }
    }
  }
}
