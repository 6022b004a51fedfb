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

describe('the shipped bundle', () => {
  // dist/ is what the .vsix ships (built by `esbuild.mjs`, also under --tests); the integration tests'
  // commands and what only they read live in the test build (out/test-extension), never here.
  const bundle = fs.readFileSync(path.join(root, 'dist', 'extension.js'), 'utf8');
  it('registers no test command and holds no member only tests use', () => {
    assert.doesNotMatch(bundle, /carecycle\.test\./, 'a test command');
    assert.doesNotMatch(bundle, /registerTestCommands|resetLimiter/, 'the test commands');
    assert.doesNotMatch(bundle, /ExtensionMode\.Test|extensionMode/, 'behaviour that depends on running under test');
  });
  it('is not the test build', () => {
    const testBuild = fs.readFileSync(path.join(root, 'out', 'test-extension', 'dist', 'extension.js'), 'utf8');
    assert.match(testBuild, /carecycle\.test\.state/, 'the test build has the test commands');
  });
});
