#!/usr/bin/env node
// `npm run package`: a production .vsix (vsce runs vscode:prepublish), then its size and contents.
// The production build happens in a staging folder (the manifest, docs and media copied, the sources
// and node_modules linked), so the working tree's development build in dist/ is never replaced: a
// window running from it (the e2e tests, a watch build) keeps what it loaded and loads lazily.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const out = path.join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'carecycle-package-'));
try {
  for (const f of ['package.json', 'esbuild.mjs', 'tsconfig.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE'])
    fs.copyFileSync(path.join(repoRoot, f), path.join(stage, f));
  fs.cpSync(path.join(repoRoot, 'media'), path.join(stage, 'media'), { recursive: true });
  for (const d of ['src', 'node_modules']) fs.symlinkSync(path.join(repoRoot, d), path.join(stage, d), 'dir');
  // Dependencies are bundled by esbuild: node_modules never goes into the package.
  execFileSync(vsce, ['package', '--no-dependencies', '--out', out], { cwd: stage, stdio: 'inherit' });
  const listing = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: stage, encoding: 'utf8' }).trim().split('\n');
  const size = fs.statSync(out).size;
  console.log(`\n${path.basename(out)}: ${(size / 1024).toFixed(1)} KiB, ${listing.length} files`);
  for (const f of listing) console.log(`  ${f}`);
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
export { out as vsixPath };
