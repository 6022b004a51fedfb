import assert from 'node:assert/strict';
import { PAYLOADS } from '../fixtures/hostile';
import {
  chooseActive,
  legacyKeyOwner,
  legacyName,
  movesRequests,
  readEnvironments,
  secretNameFor,
  type Environment,
} from '../../src/core/environments';

const three = [
  { name: 'Production', baseUrl: 'https://api.carecycle.ai' },
  { name: 'Playground', baseUrl: 'https://playground.carecycle.example/', color: '#3a7' },
  { name: 'Local', baseUrl: 'http://127.0.0.1:4010' },
];

describe('environments', () => {
  it('reads the user list: normalised URLs, production marked, colours kept', () => {
    const { list, notes, source } = readEnvironments({ environments: three, legacyBaseUrl: undefined });
    assert.equal(source, 'environments');
    assert.deepEqual(notes, []);
    assert.deepEqual(
      list.map((e) => [e.name, e.baseUrl, e.production, e.color, e.problem]),
      [
        ['Production', 'https://api.carecycle.ai', true, undefined, undefined],
        ['Playground', 'https://playground.carecycle.example', false, '#3a7', undefined],
        ['Local', 'http://127.0.0.1:4010', false, undefined, undefined],
      ],
    );
  });

  it('drops what cannot be an environment, says why, and keeps a refused URL marked as unusable', () => {
    const { list, notes } = readEnvironments({
      environments: [
        null,
        { baseUrl: 'https://a.example' },
        { name: 'Twice', baseUrl: 'https://a.example' },
        { name: 'twice', baseUrl: 'https://b.example' },
        { name: 'No URL' },
        { name: 'Plain', baseUrl: 'http://api.evil.example' },
        { name: 'Odd colour', baseUrl: 'https://c.example', color: 'red; background:url(x)' },
        { name: '$(alert) [Click](command:workbench.action.terminal.sendSequence)\nnext', baseUrl: 'https://d.example' },
      ],
      legacyBaseUrl: undefined,
    });
    assert.deepEqual(
      list.map((e) => e.name),
      ['Twice', 'Plain', 'Odd colour', list[3]?.name],
    );
    assert.match(list[1]?.problem ?? '', /plain http to api\.evil\.example/);
    assert.equal(list[2]?.color, undefined);
    // Icon syntax, links and newlines in a name are made inert for every surface that shows it.
    const odd = list[3]?.name ?? '';
    assert.ok(!odd.includes('$(') && !odd.includes('[') && !odd.includes('\n') && odd.length <= 40, odd);
    assert.equal(notes.length, 6, notes.join('\n'));
  });

  it('honours carecycle.apiBaseUrl when no environments are set: one environment, named for where it points', () => {
    const cases: [unknown, string, string][] = [
      [undefined, 'Production', 'https://api.carecycle.ai'],
      ['https://api.carecycle.ai/', 'Production', 'https://api.carecycle.ai'],
      ['http://127.0.0.1:4010', 'Local', 'http://127.0.0.1:4010'],
      ['https://staging.carecycle.example', 'staging.carecycle.example', 'https://staging.carecycle.example'],
    ];
    for (const [legacy, name, url] of cases) {
      for (const environments of [undefined, [], [{ nothing: true }]]) {
        const { list, source } = readEnvironments({ environments, legacyBaseUrl: legacy });
        assert.equal(source, 'legacy');
        assert.deepEqual(
          list.map((e) => [e.name, e.baseUrl]),
          [[name, url]],
          String(legacy),
        );
      }
    }
    assert.equal(legacyName('not a url'), 'Custom');
  });

  it('a setting names the active one; unknown names are ignored; Production, else the first, by default', () => {
    const { list } = readEnvironments({ environments: three, legacyBaseUrl: undefined });
    assert.equal(chooseActive(list, ['playground', 'Production']).env.name, 'Playground');
    const r = chooseActive(list, ['Attacker', 'Local']);
    assert.equal(r.env.name, 'Local');
    assert.deepEqual(r.ignored, ['Attacker']);
    assert.equal(chooseActive(list, [undefined, '', 42]).env.name, 'Production');
    const noProd = readEnvironments({ environments: three.slice(1), legacyBaseUrl: undefined }).list;
    assert.equal(chooseActive(noProd, []).env.name, 'Playground');
  });

  it('only another environment, or the same pointed elsewhere, moves requests', () => {
    const env = (name: string, baseUrl: string): Environment => ({ name, baseUrl, production: false });
    assert.equal(movesRequests(env('A', 'https://a'), env('a', 'https://a')), false);
    assert.equal(movesRequests(env('A', 'https://a'), env('B', 'https://a')), true);
    assert.equal(movesRequests(env('A', 'https://a'), env('A', 'https://b')), true);
  });

  it('one secret per environment, whatever the case of its name', () => {
    assert.equal(secretNameFor({ name: 'Playground' }), secretNameFor({ name: 'playground' }));
    assert.notEqual(secretNameFor({ name: 'Playground' }), secretNameFor({ name: 'Production' }));
    assert.notEqual(secretNameFor({ name: 'Production' }), 'carecycle.apiKey');
  });

  it('the key from before environments goes only to the environment that points where it was sent', () => {
    const { list } = readEnvironments({ environments: three, legacyBaseUrl: undefined });
    assert.equal(legacyKeyOwner(list, undefined)?.name, 'Production');
    assert.equal(legacyKeyOwner(list, 'http://127.0.0.1:4010/')?.name, 'Local');
    assert.equal(legacyKeyOwner(list, 'https://elsewhere.example'), undefined);
    assert.equal(legacyKeyOwner(list, 'http://evil.example'), undefined);
  });

  it('makes every hostile payload inert as an environment name (status bar, quick pick, tree, panel, log)', () => {
    // Twenty at a time (the most environments that count).
    const list = [];
    for (let at = 0; at < PAYLOADS.length; at += 20) {
      const chunk = PAYLOADS.slice(at, at + 20).map((name, i) => ({ name: `${at + i} ${name}`, baseUrl: 'https://a.example' }));
      list.push(...readEnvironments({ environments: chunk, legacyBaseUrl: undefined }).list);
    }
    assert.ok(list.length > PAYLOADS.length / 2, `${list.length} of ${PAYLOADS.length}`);
    for (const e of list) {
      assert.ok(!e.name.includes('$('), e.name);
      assert.ok(!/[[\]\n\r]/.test(e.name), e.name);
      assert.ok(!/\bcommand:/i.test(e.name), e.name);
      assert.ok(e.name.length <= 40, e.name);
    }
  });
});
