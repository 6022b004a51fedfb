#!/usr/bin/env node
// Copies the e2e screenshots the README shows into docs/images (run after `npm test`).
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, repoRoot } from './paths.mjs';

// README image <- the e2e screenshot it shows.
const IMAGES = {
  'hover-card.png': 'hover-card.png',
  'panel-dark.png': 'glance-dark-1440.png',
  'panel-light.png': 'glance-light-1440.png',
  'panel-stale.png': 'panel-stale-401.png',
  'key-quick-fix.png': 'key-quick-fix.png',
  'inline-names.png': 'inline-names-dark.png',
  'sidebar.png': 'sidebar.png',
  'environments.png': 'environments.png',
  'environments-pick.png': 'environments-pick.png',
};
for (const [to, from] of Object.entries(IMAGES)) {
  fs.copyFileSync(path.join(artifactsDir, 'screenshots', from), path.join(repoRoot, 'docs', 'images', to));
  console.log(`docs/images/${to} <- ${from}`);
}
