#!/usr/bin/env node
// `npm run package`: a production .vsix (vsce runs vscode:prepublish), then its size and contents.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const out = path.join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
// Dependencies are bundled by esbuild: node_modules never goes into the package.
execFileSync(vsce, ['package', '--no-dependencies', '--out', out], { cwd: repoRoot, stdio: 'inherit' });
const listing = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n');
const size = fs.statSync(out).size;
console.log(`\n${path.basename(out)}: ${(size / 1024).toFixed(1)} KiB, ${listing.length} files`);
for (const f of listing) console.log(`  ${f}`);
export { out as vsixPath };
