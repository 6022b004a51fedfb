import assert from 'node:assert/strict';
import { explainInvalidApiKey, normaliseApiKeyInput } from '../../src/core/apiKey';
import { checkBaseUrl, isLoopbackHost } from '../../src/core/api/baseUrl';
import { actionAttr, PAGE_ACTIONS, parseFromWebview, parseToWebview } from '../../src/core/panelProtocol';
import { CareCycleError, type ErrorAction } from '../../src/core/api/errors';
import { createFormatter } from '../../src/core/render/format';
import { renderCustomerBody, renderError } from '../../src/core/render/panel';
import { SAMPLE_CUSTOMERS } from '../mock-api/customers';

describe('base URL policy (where the key may go)', () => {
  const ok = [
    'https://api.carecycle.ai',
    'https://api.carecycle.ai/',
    'https://eu.example.com:8443/base/',
    'http://localhost:4545',
    'http://127.0.0.1:1',
    'http://127.5.6.7',
    'http://[::1]:3000',
  ];
  const bad = [
    'http://api.carecycle.ai',
    'http://10.0.0.5',
    'http://192.168.1.2',
    'http://localhost.evil.com',
    'ftp://api.carecycle.ai',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pw@api.carecycle.ai',
    'https://api.carecycle.ai/?x=1',
    'not a url',
    '',
    'http://0.0.0.0',
    // the OS resolver may send any *.localhost name anywhere: only the literal loopback names count
    'http://api.localhost',
    'http://evil.localhost:4545',
  ];
  for (const u of ok) it(`accepts ${u}`, () => assert.ok(checkBaseUrl(u).ok, JSON.stringify(checkBaseUrl(u))));
  for (const u of bad) it(`refuses ${JSON.stringify(u)}`, () => assert.ok(!checkBaseUrl(u).ok));
  it('normalises the trailing slash', () =>
    assert.deepEqual(checkBaseUrl('https://a.example/x/'), { ok: true, url: 'https://a.example/x' }));
  it('knows loopback', () => {
    assert.ok(isLoopbackHost('[::1]') && isLoopbackHost('127.0.0.1') && isLoopbackHost('LOCALHOST'));
    assert.ok(!isLoopbackHost('128.0.0.1') && !isLoopbackHost('localhost.com'));
  });
});

describe('API key input', () => {
  it('explains what is wrong as it is typed, never echoing the key', () => {
    assert.match(explainInvalidApiKey('') ?? '', /Paste/);
    assert.match(explainInvalidApiKey('abc_123456') ?? '', /begin with "cc_"/);
    assert.match(explainInvalidApiKey('cc_ abc') ?? '', /no spaces/);
    assert.match(explainInvalidApiKey('cc_1') ?? '', /too short/);
    assert.equal(explainInvalidApiKey('cc_live_5f2b9c0e1a'), undefined);
    assert.ok(!(explainInvalidApiKey('xx_secretvalue') ?? '').includes('secretvalue'));
  });
  it('trims what a paste brings around the key (the dots hide it), and still refuses inner spaces', () => {
    assert.equal(normaliseApiKeyInput('  cc_live_5f2b9c0e1a\n'), 'cc_live_5f2b9c0e1a');
    assert.equal(explainInvalidApiKey(normaliseApiKeyInput('\tcc_live_5f2b9c0e1a  ')), undefined);
    assert.match(explainInvalidApiKey(normaliseApiKeyInput(' cc_live 5f2b9c0e1a ')) ?? '', /no spaces/);
  });
});

describe('panel protocol (one definition, both directions)', () => {
  it('accepts the documented messages from the page', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'reveal', maskId: 'm3' },
      { type: 'hide', maskId: 'm3' },
      { type: 'revealAll' },
      { type: 'hideAll' },
      { type: 'refresh' },
      { type: 'copyJson' },
    ])
      assert.deepEqual(parseFromWebview(m), m);
  });
  it('drops anything else from the page', () => {
    for (const m of [
      null,
      'refresh',
      { type: 'eval', code: 'x' },
      { type: 'reveal', maskId: '../x' },
      { type: 'reveal' },
      { type: 'refresh', extra: 1 },
      { type: 'reveal', maskId: 'm1'.repeat(10) },
    ]) {
      assert.equal(parseFromWebview(m), undefined, JSON.stringify(m));
    }
  });
  it('checks what the extension sends to the page', () => {
    const render = { type: 'render', id: 'x', html: '<p>x</p>', view: 'record', busy: false, showEmpty: false };
    assert.deepEqual(parseToWebview(render), render);
    assert.deepEqual(parseToWebview({ type: 'revealed', items: [{ maskId: 'm0', text: '1EG4TE5MK73' }] }), {
      type: 'revealed',
      items: [{ maskId: 'm0', text: '1EG4TE5MK73' }],
    });
    for (const m of [
      { ...render, view: 'stale' },
      { ...render, busy: 'yes' },
      { type: 'revealed', items: [{ maskId: 'x', text: 'y' }] },
      { type: 'script', src: 'x' },
    ]) {
      assert.equal(parseToWebview(m), undefined, JSON.stringify(m));
    }
  });

  it('defect 11: every control in every state of the page carries an action the protocol defines', () => {
    const fmt = createFormatter('en-US', 'UTC');
    const pages: string[] = [];
    for (const c of SAMPLE_CUSTOMERS) {
      const record = c as never;
      pages.push(renderCustomerBody(record, { mask: true, fmt, now: 0 }).html);
      pages.push(
        renderCustomerBody(record, {
          mask: true,
          fmt,
          now: 0,
          busy: true,
          fetchedAt: 0,
          stale: { error: new CareCycleError('network', 'x', 'retry'), at: 0 },
        }).html,
      );
    }
    const actions: ErrorAction[] = ['setApiKey', 'retry', 'retryLater', 'openSettings', 'showLog', 'none'];
    for (const action of actions)
      for (const kind of ['network', 'not-found', 'no-key', 'invalid-id'] as const)
        pages.push(renderError('x', new CareCycleError(kind, 'm', action)));
    const used = new Set(pages.flatMap((html) => [...html.matchAll(/data-action="([^"]*)"/g)].map((m) => m[1] ?? '')));
    assert.ok(used.size >= 10, [...used].join(', '));
    for (const a of used) assert.ok((PAGE_ACTIONS as readonly string[]).includes(a), `"${a}" is not an action of the protocol`);
    assert.equal(actionAttr('refresh'), 'data-action="refresh"');
    // @ts-expect-error: a misspelt action does not compile (tsc --noEmit fails the build if it ever does).
    actionAttr('refesh');
  });
});
