/**
 * The extension's settings: their keys, defaults and bounds, once (package.json declares the same; a
 * unit test holds the two together), and how a raw value becomes a usable one. Reading them from VS
 * Code is ../host/config.ts's job, the only place that does.
 */
import { INLINE_NAME_MODES, type InlineNamesMode } from './inlineNames';
export { parseMode as inlineNamesSetting } from './inlineNames';

export const SECTION = 'carecycle';

interface Spec<T> {
  /** The key under `carecycle.`. */
  readonly key: string;
  readonly default: T;
}
export interface IntegerSpec extends Spec<number> {
  readonly minimum: number;
  readonly maximum: number;
}

export const SETTINGS = {
  requestTimeoutMs: { key: 'requestTimeoutMs', default: 15_000, minimum: 1000, maximum: 120_000 } satisfies IntegerSpec,
  recentMax: { key: 'recentCustomers.max', default: 50, minimum: 1, maximum: 500 } satisfies IntegerSpec,
  maskIdentifiers: { key: 'privacy.maskIdentifiers', default: true } satisfies Spec<boolean>,
  hoverEnabled: { key: 'hover.enabled', default: true } satisfies Spec<boolean>,
  inlineNames: { key: 'inlineNames', default: 'viewed' as InlineNamesMode, values: INLINE_NAME_MODES } satisfies Spec<InlineNamesMode> & {
    values: readonly InlineNamesMode[];
  },
  environments: { key: 'environments', default: [{ name: 'Production', baseUrl: 'https://api.carecycle.ai' }] } satisfies Spec<unknown>,
  environment: { key: 'environment', default: 'Production' } satisfies Spec<string>,
  apiBaseUrl: { key: 'apiBaseUrl', default: 'https://api.carecycle.ai' } satisfies Spec<string>,
} as const;

export type SettingName = keyof typeof SETTINGS;

/** `carecycle.<key>` of a setting. */
export const settingId = (name: SettingName): string => `${SECTION}.${SETTINGS[name].key}`;

/** A whole number within the spec's bounds; the default for anything that is not a finite number. */
export function integerSetting(spec: IntegerSpec, raw: unknown): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return spec.default;
  return Math.min(spec.maximum, Math.max(spec.minimum, Math.floor(raw)));
}

export function booleanSetting(spec: Spec<boolean>, raw: unknown): boolean {
  return typeof raw === 'boolean' ? raw : spec.default;
}

/**
 * What a change of `carecycle.*` settings means for what the extension holds. A display setting
 * re-renders, and the rest (hover on/off, timeout, list size) keeps every record. Where requests go
 * is the environments' business (`movesRequests` in ./environments): only that empties the cache.
 */
export interface SettingsImpact {
  /** How records are drawn changed (masking): re-render, no request. */
  readonly display: boolean;
  /** The recent list's size cap changed. */
  readonly recentMax: boolean;
}

export function settingsImpact(affects: (setting: string) => boolean): SettingsImpact {
  return {
    display: affects(settingId('maskIdentifiers')),
    recentMax: affects(settingId('recentMax')),
  };
}
