/** Why a typed value is not a usable API key; undefined when it looks right. Never echoes the key. */
export function explainInvalidApiKey(raw: string): string | undefined {
  if (raw.length === 0) return 'Paste the API key from the CareCycle Developer Dashboard.';
  if (/\s/.test(raw)) return 'An API key holds no spaces or line breaks.';
  if (!raw.startsWith('cc_')) return 'CareCycle API keys begin with "cc_".';
  if (raw.length < 8) return 'That key is too short.';
  if (raw.length > 512) return 'That key is too long.';
  if (!/^[\x21-\x7e]+$/.test(raw)) return 'An API key holds only printable ASCII characters.';
  return undefined;
}

/** A paste often brings a space or newline around the key, hidden by the password dots. */
export function normaliseApiKeyInput(raw: string): string {
  return raw.trim();
}

/**
 * The ID used to check a key: the API accepts the nil UUID, so 404 means "the key works" and
 * 401/403 means it does not, without reading any customer.
 */
export const KEY_CHECK_ID = '00000000-0000-0000-0000-000000000000';
