#!/usr/bin/env node
// Copies the e2e screenshots the README shows into docs/images (run after `npm test`).
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, repoRoot } from './paths.mjs';

for (const f of ['hover-card.png', 'panel-dark.png', 'panel-light.png', 'sidebar.png']) {
  fs.copyFileSync(path.join(artifactsDir, 'screenshots', f), path.join(repoRoot, 'docs', 'images', f));
  console.log(`docs/images/${f}`);
}
