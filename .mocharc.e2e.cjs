// The e2e tests: a real VS Code driven as a person does. Their timeout is the one deadline
// (test/support/deadline.cjs); every wait inside has its own, shorter one, whose message comes first.
const { TEST_MS } = require('./test/support/deadline.cjs');

module.exports = {
  require: ['test/e2e/hooks.mjs'],
  ui: 'bdd',
  timeout: TEST_MS,
  reporter: 'spec',
  bail: false,
};
