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

export const DISPLAY_SETTINGS = ['carecycle.privacy.maskIdentifiers'] as const;

export function settingsImpact(affects: (setting: string) => boolean): SettingsImpact {
  return {
    display: DISPLAY_SETTINGS.some(affects),
    recentMax: affects('carecycle.recentCustomers.max'),
  };
}
