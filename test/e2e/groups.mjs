// The e2e files, in the groups that share a window: one mocha run each (npm test runs groups side by
// side, two at most; `npm run test:e2e` runs them one after the other).
export const E2E_GROUPS = {
  // One editor window, in this order: the journey starts as a new user (no key yet).
  editor: [
    'test/e2e/journey.e2e.mjs',
    'test/e2e/panel.e2e.mjs',
    'test/e2e/legibility.e2e.mjs',
    'test/e2e/terminal.e2e.mjs',
    'test/e2e/leaks.e2e.mjs',
  ],
  // The packaged extension, installed into a window of its own.
  vsix: ['test/e2e/vsix.e2e.mjs'],
  // `npm run demo` as a newcomer runs it.
  demo: ['test/e2e/demo.e2e.mjs'],
};
