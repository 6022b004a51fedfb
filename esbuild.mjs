// Bundles the extension (src/extension.ts -> dist/extension.js) and, with --tests, the test
// suites and the stand-in API (-> out/). Type checking is `npm run typecheck`; esbuild only bundles.
//   node esbuild.mjs               development build with source maps
//   node esbuild.mjs --production  minified, no source maps (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --tests       also the unit, integration, e2e-support, bench and stand-in bundles
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

// WebAssembly text (src/core/workspace/idScan.wat) assembled by wabt, WebAssembly's own toolkit, and
// bundled as its bytes (a Uint8Array): no binary is committed, and the bundle needs no file beside it.
const wat = {
  name: 'wat',
  setup(build) {
    build.onLoad({ filter: /\.wat$/ }, async (args) => {
      const wabt = await (await import('wabt')).default();
      const text = await fs.promises.readFile(args.path, 'utf8');
      const module = wabt.parseWat(path.basename(args.path), text, { simd: true });
      try {
        return { contents: module.toBinary({}).buffer, loader: 'binary' };
      } finally {
        module.destroy();
      }
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  plugins: [problemMatcher, wat],
};

const extension = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

// The worker thread that reads huge answers off the extension host's thread (src/core/api/offThread.ts).
const classifyWorker = {
  ...extension,
  entryPoints: ['src/core/api/classifyWorker.ts'],
  outfile: 'dist/classifyWorker.js',
};

// The workspace scanner's worker threads (src/core/workspace/pool.ts).
const scanWorker = {
  ...extension,
  entryPoints: ['src/core/workspace/scanWorker.ts'],
  outfile: 'dist/scanWorker.js',
};

// The record panel's script: TypeScript against the DOM (src/webview/tsconfig.json), sharing the
// message protocol with the extension (src/core/panelProtocol.ts).
const webview = {
  ...common,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  entryPoints: ['src/webview/panel.ts'],
  outfile: 'dist/webview/panel.js',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
};

// The test build of the extension (test/integration/extension.ts: the shipped activation plus the
// integration tests' commands), in a folder of its own that only the integration window loads: the
// same manifest and assets, another bundle. dist/ (what the .vsix ships) never holds it.
const testExtensionDir = 'out/test-extension';
const testExtension = [
  { ...extension, entryPoints: ['test/integration/extension.ts'], outfile: `${testExtensionDir}/dist/extension.js` },
  { ...classifyWorker, outfile: `${testExtensionDir}/dist/classifyWorker.js` },
  { ...scanWorker, outfile: `${testExtensionDir}/dist/scanWorker.js` },
  { ...webview, outfile: `${testExtensionDir}/dist/webview/panel.js` },
];
function writeTestExtensionFolder() {
  fs.mkdirSync(`${testExtensionDir}/media`, { recursive: true });
  for (const f of ['package.json', ...fs.readdirSync('media').map((m) => `media/${m}`)]) fs.copyFileSync(f, `${testExtensionDir}/${f}`);
}

function listTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

const testBuilds = [
  {
    ...common,
    entryPoints: [
      ...listTests('test/unit'),
      ...listTests('test/bench').filter((f) => f.endsWith('.bench.ts')),
      'test/mock-api/main.ts',
      'test/mock-api/server.ts',
      'test/mock-api/customers.ts',
      'test/fixtures/hostile.ts',
      'test/fixtures/keyEchoes.ts',
    ].filter((f) => fs.existsSync(f)),
    outdir: 'out',
    outbase: '.',
    external: ['vscode', 'mocha', 'fast-check'],
    sourcemap: true,
  },
  {
    // One bundle per file: index.js hands each test file to mocha, which loads it after setting up
    // describe/it.
    ...common,
    entryPoints: listTests('test/integration'),
    outdir: 'out/test/integration',
    external: ['vscode', 'mocha'],
    sourcemap: true,
  },
];

if (production) fs.rmSync('dist', { recursive: true, force: true });
const builds = [extension, classifyWorker, scanWorker, webview, ...(tests ? [...testBuilds, ...testExtension] : [])];
if (tests) writeTestExtensionFolder();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('[watch] watching for changes');
} else {
  try {
    await Promise.all(builds.map((b) => esbuild.build(b)));
  } catch {
    process.exit(1);
  }
}
