// The test suites' constants, in one place for the TypeScript suites (bundled by esbuild), the
// stand-in API and the .mjs harness scripts alike.

/** The extension's ID (publisher.name), as package.json makes it. */
export const EXTENSION_ID = 'carecycle.carecycle-vscode';

/** The key the demo and the tests use with the stand-in. Documented in the README. */
export const DEMO_KEY = 'cc_demo_0123456789abcdef';
/** Accepted by the key check, then refused for every customer (403). */
export const FORBIDDEN_KEY = 'cc_forbidden_key';
/** An expired playground key (401, as the real service answers after 14 days). */
export const EXPIRED_KEY = 'cc_expired_key';
/** A second valid key (for tests that switch keys). */
export const OTHER_KEY = 'cc_test_key';
/**
 * A key that no file of any test workspace holds: the e2e session that checks for leaks sets it, so
 * that finding it anywhere on disk or on screen can only be the extension's doing.
 */
export const LEAK_CHECK_KEY = 'cc_leakcheck_7e3f9a1c5b2d8e6f4a0c';
/** The only key the second stand-in (the "Playground" environment of the tests and the demo) accepts. */
export const PLAYGROUND_KEY = 'cc_playground_fedcba9876543210';

/** The stand-in's sample customers. */
export const SAMPLE_IDS = Object.freeze({
  margaret: '497f6eca-6276-4993-bfeb-53cbbbba6f08',
  robert: '3f2c8a1e-5b7d-4c9a-8e21-6d4f0b9a7c15',
  linda: '8a6e0f52-1c3b-4d7e-9f10-2b5c7d9e1a34',
  james: 'c1d2e3f4-a5b6-4789-8abc-def012345678',
  patricia: '0b9c8d7e-6f5a-4b3c-a2d1-e0f9a8b7c6d5',
  william: '6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a090',
  dorothy: 'a1b2c3d4-e5f6-4a7b-9c8d-0e1f2a3b4c5d',
  charles: 'f0e1d2c3-b4a5-4968-8776-a5b4c3d2e1f0',
  barbara: '2d4f6a8c-0e1b-4c3d-b5e7-f9a1b3c5d7e9',
  george: '9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0',
  helen: '7c5a3e1f-9d7b-4b59-83a1-c2e4f6a8b0d2',
  frank: '4b6d8f0a-2c4e-4a68-9c0e-1a3c5e7a9c1e',
  nil: '00000000-0000-0000-0000-000000000000',
  upperCase: 'D3B07384-D9A0-4C9B-8A3E-1F2E3D4C5B6A',
});

/** A valid UUID that the stand-in does not know: hover shows "no customer". */
export const UNKNOWN_ID = '11111111-2222-4333-8444-555555555555';
