// The one place the tests' deadlines are set. A deadline only detects a hang: it is far longer than
// any step takes, even on a machine that is busy with something else, and it never measures speed
// (`npm run bench` does). A slow machine raises CARECYCLE_DEADLINE_SCALE (2 doubles every deadline);
// nothing else in the tests names a number of seconds to wait.
'use strict';

const raw = process.env.CARECYCLE_DEADLINE_SCALE;
const scale = raw === undefined || raw.trim() === '' ? 1 : Number(raw);
if (!Number.isFinite(scale) || scale < 1) {
  throw new Error(`CARECYCLE_DEADLINE_SCALE must be a number of at least 1, not "${raw}"`);
}

/** The scale in force (1 unless CARECYCLE_DEADLINE_SCALE raised it). */
exports.SCALE = scale;

/**
 * Any one wait: a locator, a polled predicate, an event, a window or a server to start. The slowest
 * single step on an idle machine (a window's first load, an 8 MB record) takes about 12 s: this is
 * ten times that.
 */
exports.STEP_MS = 120_000 * scale;

/** One test (mocha's timeout): a few steps, each with its own STEP_MS, so that a step's message comes first. */
exports.TEST_MS = 4 * exports.STEP_MS;

/**
 * A whole suite in one extension host, beyond which the host itself is hung (every test has its own
 * timeout first; this catches a host that never loads the suite or never reports its end).
 */
exports.SUITE_MS = 15 * exports.STEP_MS;

/**
 * How long a person waits for what an action shows before doing it again (a click VS Code did not
 * take, a hover that showed nothing yet): the first try's patience; each later try waits longer. Not
 * a deadline: the tries go on until STEP_MS has passed.
 */
exports.RETRY_MS = exports.STEP_MS / 24;

/** The patience of try number `attempt` (1, 2, …): RETRY_MS, then twice, three times that. */
exports.retryPatience = (attempt) => exports.RETRY_MS * Math.min(attempt, 6);

/**
 * The per-request limit of the windows under test: the longest carecycle.requestTimeoutMs allows, so
 * that a busy machine never turns a slow answer into an error. A test of the time-out sets its own.
 */
exports.REQUEST_LIMIT_MS = require('../../package.json').contributes.configuration.properties['carecycle.requestTimeoutMs'].maximum;
