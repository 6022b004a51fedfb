// The unit tests: plain Node, no editor. Their timeout is the one deadline (test/support/deadline.cjs).
const { TEST_MS } = require('./test/support/deadline.cjs');

module.exports = {
  spec: ['out/test/unit/**/*.test.js'],
  ui: 'bdd',
  timeout: TEST_MS,
  reporter: 'spec',
  'enable-source-maps': true,
};
