import * as vscode from 'vscode';
import { customerIdAt, findCustomerIds } from '../core/customerId';
import { DEFAULT_MAX_FILE_BYTES, type ScanOptions, type ScanPool } from '../core/workspace/pool';
import type { FileResult, WalkRoot } from '../core/workspace/protocol';
import { ALL_DOCUMENTS } from '../host/documents';
import type { Log } from '../host/log';

/**
 * Every mention of customer IDs in the workspace's files, as VS Code's search would read them:
 * `files.exclude`, `search.exclude` and (with `search.useIgnoreFiles`) the ignore files; what is
 * unsaved in an editor counts instead of the file on disk. Files are listed and read in worker
 * threads (../core/workspace/pool.ts); the host gets counts and positions only.
 */
export class WorkspaceSearch {
  constructor(
    readonly pool: ScanPool,
    private readonly log: Log,
  ) {}

  /** Each local workspace folder with the exclusions and ignore-file setting that apply to it. */
  roots(): WalkRoot[] {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => {
        const files = vscode.workspace.getConfiguration('files', f.uri).get<WalkRoot['exclude']>('exclude') ?? {};
        const search = vscode.workspace.getConfiguration('search', f.uri);
        return {
          root: f.uri.fsPath,
          exclude: { ...files, ...(search.get<WalkRoot['exclude']>('exclude') ?? {}) },
          useIgnoreFiles: search.get<boolean>('useIgnoreFiles', true),
        };
      });
  }

  /** Every searched file on disk (listed off the host's thread: ignore files and excludes applied). */
  list(signal: AbortSignal): Promise<string[]> {
    return this.pool.list(this.roots(), signal);
  }

  /**
   * Every mention of the workspace's IDs (`o.mode`), streamed to `onResults` while the files are
   * listed and read; then, for the caller to read, the editors whose text counts instead of the disk:
   * every untitled one, and each unsaved file the search lists (one it leaves out stays out).
   */
  async scan(
    o: ScanOptions,
    onResults: (r: readonly FileResult[]) => void,
    signal: AbortSignal,
  ): Promise<{ files: number; editors: vscode.TextDocument[]; listed: string[] }> {
    const dirty = new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && d.isDirty).map((d) => d.uri.fsPath));
    let files = 0;
    const listed = await this.pool.listAndScan(this.roots(), o, onResults, signal, (batch) => {
      const disk = dirty.size ? batch.filter((f) => !dirty.has(f)) : batch;
      files += disk.length;
      return disk;
    });
    return { files, editors: this.editors(listed), listed };
  }

  /** The editors whose text counts instead of the disk, among `listed` (and every untitled one). */
  editors(listed: Iterable<string>): vscode.TextDocument[] {
    const all = new Set(listed);
    return vscode.workspace.textDocuments.filter(
      (d) => d.uri.scheme === 'untitled' || (d.uri.scheme === 'file' && d.isDirty && all.has(d.uri.fsPath)),
    );
  }

  /** Every mention of `id` (any case): in files on disk, and in what editors hold unsaved. */
  async references(id: string, signal: AbortSignal): Promise<vscode.Location[]> {
    const wanted = id.toLowerCase();
    const started = Date.now();
    const out: vscode.Location[] = [];
    const skipped = new Map<string, number>();
    const { files, editors: unsaved } = await this.scan(
      { mode: 'positions', only: wanted, maxFileBytes: DEFAULT_MAX_FILE_BYTES },
      (rs: readonly FileResult[]) => {
        for (const r of rs) {
          if (r.skipped) {
            skipped.set(r.skipped, (skipped.get(r.skipped) ?? 0) + 1);
            continue;
          }
          const uri = vscode.Uri.file(r.file);
          for (const [line, character] of r.positions ?? [])
            out.push(new vscode.Location(uri, new vscode.Range(line, character, line, character + 36)));
        }
      },
      signal,
    );
    for (const d of unsaved) {
      for (const m of findCustomerIds(d.getText())) {
        if (m.id.toLowerCase() !== wanted) continue;
        const at = d.positionAt(m.start);
        out.push(new vscode.Location(d.uri, new vscode.Range(at, at.translate(0, m.id.length))));
      }
    }
    const notRead = [...skipped].map(([why, n]) => `${n} ${why}`).join(', ');
    this.log.info(
      `references: ${out.length} mentions of ${id} in ${files + unsaved.length} files, ${Date.now() - started} ms${notRead ? `; not read: ${notRead}` : ''}`,
    );
    return out;
  }
}

/** Find All References (Shift+F12, Shift+Alt+F12, Go to References) on a customer ID: every mention in the workspace. */
export function registerReferences(search: WorkspaceSearch): vscode.Disposable {
  return vscode.languages.registerReferenceProvider(ALL_DOCUMENTS, {
    provideReferences: async (document, position, _context, token) => {
      const m = customerIdAt(document.lineAt(position.line).text, position.character);
      if (!m) return undefined;
      const stop = new AbortController();
      const sub = token.onCancellationRequested(() => stop.abort());
      try {
        return await search.references(m.id, stop.signal);
      } catch (err) {
        if (token.isCancellationRequested) return undefined;
        throw err;
      } finally {
        sub.dispose();
      }
    },
  });
}
