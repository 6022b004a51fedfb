/**
 * What a change of `carecycle.*` settings means for what the extension holds. Only a change of
 * where requests go empties the cache and reloads the panels; a display setting re-renders, and
 * the rest (hover on/off, timeout, list size) keeps every record.
 */
export interface SettingsImpact {
  /** Requests go somewhere else: forget every record, reload every panel. */
  readonly endpoint: boolean;
  /** How records are drawn changed (masking): re-render, no request. */
  readonly display: boolean;
  /** The recent list's size cap changed. */
  readonly recentMax: boolean;
}

/** Full setting IDs whose change moves requests elsewhere. */
export const ENDPOINT_SETTINGS = ['carecycle.apiBaseUrl'] as const;
export const DISPLAY_SETTINGS = ['carecycle.privacy.maskIdentifiers'] as const;

export function settingsImpact(affects: (setting: string) => boolean): SettingsImpact {
  return {
    endpoint: ENDPOINT_SETTINGS.some(affects),
    display: DISPLAY_SETTINGS.some(affects),
    recentMax: affects('carecycle.recentCustomers.max'),
  };
}
