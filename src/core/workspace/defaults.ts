/** VS Code's defaults for `files.exclude` merged with `search.exclude` (what a search leaves out). */
export const DEFAULT_SEARCH_EXCLUDE: Readonly<Record<string, boolean>> = {
  '**/.git': true,
  '**/.svn': true,
  '**/.hg': true,
  '**/CVS': true,
  '**/.DS_Store': true,
  '**/Thumbs.db': true,
  '**/node_modules': true,
  '**/bower_components': true,
  '**/*.code-search': true,
};
