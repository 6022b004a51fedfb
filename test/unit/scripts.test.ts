import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  contributes: { configuration: { properties: Record<string, { title?: string; markdownDescription?: string }> } };
};

describe('package.json scripts', () => {
  for (const [name, command] of Object.entries(pkg.scripts)) {
    it(`"${name}" names only files that exist`, () => {
      const files = command.split(/\s+/).filter((t) => /^[\w./-]+\.(m?js|cjs|ts|json)$/.test(t) && !/^(out|dist)\//.test(t));
      for (const f of files) assert.ok(fs.existsSync(path.join(root, f)), `${name} -> ${f}`);
    });
  }
});
