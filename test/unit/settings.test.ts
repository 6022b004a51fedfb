import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SETTINGS, integerSetting, settingId, type SettingName } from '../../src/core/settings';

interface Declared {
  type?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  scope?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Declared> } };
};
const declared = manifest.contributes.configuration.properties;

describe('the one configuration reader and the manifest', () => {
  it('reads every setting the manifest declares, and no other', () => {
    assert.deepEqual(
      Object.keys(SETTINGS)
        .map((n) => settingId(n as SettingName))
        .sort(),
      Object.keys(declared).sort(),
    );
  });

  it('has the manifest’s defaults, bounds, types and values', () => {
    for (const [name, spec] of Object.entries(SETTINGS)) {
      const d = declared[settingId(name as SettingName)];
      assert.ok(d, name);
      assert.deepEqual(spec.default, d.default, `${name}: default`);
      if ('minimum' in spec) {
        assert.equal(d.type, 'integer', `${name} is typed integer`);
        assert.equal(spec.minimum, d.minimum, `${name}: minimum`);
        assert.equal(spec.maximum, d.maximum, `${name}: maximum`);
      }
      if ('values' in spec) assert.deepEqual([...spec.values], d.enum, `${name}: values`);
    }
  });

  it('keeps where the key goes, the timeout, masking and the list size in the user’s own settings (application scope)', () => {
    for (const name of ['environments', 'apiBaseUrl', 'requestTimeoutMs', 'maskIdentifiers', 'recentMax'] as const)
      assert.equal(declared[settingId(name)]?.scope, 'application', name);
  });

  it('turns a raw value into a usable one: whole, within bounds, the default for anything else', () => {
    const spec = SETTINGS.requestTimeoutMs;
    assert.deepEqual(
      [5, 2500.7, 10 ** 9, Number.NaN, '3000', undefined].map((v) => integerSetting(spec, v)),
      [1000, 2500, 120_000, 15_000, 15_000, 15_000],
    );
  });
});
