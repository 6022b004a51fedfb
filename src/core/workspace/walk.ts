import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

/**
 * Which files of a workspace folder are searched, the way VS Code's own search decides:
 * `files.exclude` and `search.exclude` (globs relative to the folder; a `{ "when": … }` entry applies
 * when the sibling it names exists), and with `search.useIgnoreFiles` the `.gitignore`, `.ignore` and
 * `.rgignore` files of the folder and its subfolders. Directory symbolic links are not followed (no
 * cycles); links to files are searched.
 */
export interface WalkOptions {
  /** Glob → true/false or { when }, as in `files.exclude` merged with `search.exclude`. */
  readonly exclude: Readonly<Record<string, boolean | { readonly when: string }>>;
  readonly useIgnoreFiles: boolean;
}

export type ExcludeTest = (relPath: string, siblings: () => ReadonlySet<string>) => boolean;

const IGNORE_FILES = ['.gitignore', '.ignore', '.rgignore'];

/** The exclusions of VS Code's settings as one test of a folder-relative path (with `/`). */
export function excludeTest(exclude: WalkOptions['exclude']): ExcludeTest {
  const plain: string[] = [];
  // `**/name` (most of VS Code's defaults): any entry of that name, at any depth.
  const names = new Set<string>();
  const conditional: Array<{ match: (p: string) => boolean; when: string }> = [];
  for (const [glob, value] of Object.entries(exclude)) {
    if (value === true) {
      const name = /^\*\*\/([^/*?[\]{}()!+@\\]+)$/.exec(glob)?.[1];
      if (name) names.add(name);
      else plain.push(glob);
    } else if (value && typeof value === 'object' && typeof value.when === 'string')
      conditional.push({ match: picomatch(glob, { dot: true }), when: value.when });
  }
  const matchPlain = plain.length ? picomatch(plain, { dot: true }) : () => false;
  return (rel, siblings) => {
    if (names.size && names.has(rel.slice(rel.lastIndexOf('/') + 1))) return true;
    if (matchPlain(rel)) return true;
    for (const c of conditional) {
      if (!c.match(rel)) continue;
      const base = path.posix.basename(rel);
      const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
      if (siblings().has(c.when.replace(/\$\(basename\)/g, stem))) return true;
    }
    return false;
  };
}

interface Level {
  /** The folder's path relative to the root ('' for the root), with a trailing '/' unless root. */
  readonly prefix: string;
  readonly ig: Ignore;
}

/**
 * Every searched file under `root`, as absolute paths, handed over in batches as they are found.
 * Stops early when `stopped()` says so.
 */
export function walkFolder(root: string, o: WalkOptions, onFiles: (files: string[]) => void, stopped: () => boolean = () => false): void {
  const isExcluded = excludeTest(o.exclude);
  const batch: string[] = [];
  const flush = (): void => {
    if (batch.length) onFiles(batch.splice(0, batch.length));
  };
  const visit = (dir: string, rel: string, levels: readonly Level[]): void => {
    if (stopped()) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: skipped, as VS Code's search does
    }
    let here = levels;
    if (o.useIgnoreFiles) {
      const rules = IGNORE_FILES.filter((f) => entries.some((e) => e.name === f && !e.isDirectory()))
        .map((f) => {
          try {
            return fs.readFileSync(path.join(dir, f), 'utf8');
          } catch {
            return '';
          }
        })
        .filter((t) => t.trim());
      if (rules.length) here = [...levels, { prefix: rel ? `${rel}/` : '', ig: ignore().add(rules.join('\n')) }];
    }
    let names: Set<string> | undefined;
    const siblings = (): ReadonlySet<string> => (names ??= new Set(entries.map((e) => e.name)));
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const isDir = e.isDirectory();
      const isFile = e.isFile() || (e.isSymbolicLink() && isFileLink(path.join(dir, e.name)));
      if (!isDir && !isFile) continue;
      if (isExcluded(childRel, siblings) || ignored(here, childRel, isDir)) continue;
      // `dir` is already normal and a name has no separator: no path.join for each entry.
      const child = dir.endsWith(path.sep) ? dir + e.name : dir + path.sep + e.name;
      if (isDir) {
        flush();
        visit(child, childRel, here);
      } else {
        batch.push(child);
        if (batch.length >= 512) flush();
      }
    }
    flush();
  };
  visit(path.resolve(root), '', []);
  flush();
}

function isFileLink(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The nearest ignore file with an opinion decides (a deeper `!pattern` re-includes). */
function ignored(levels: readonly Level[], rel: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const l = levels[i]!;
    const sub = rel.slice(l.prefix.length) + (isDir ? '/' : '');
    const r = l.ig.test(sub);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}
