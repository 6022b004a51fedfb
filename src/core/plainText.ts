/**
 * The one gate for text on its way to a plain-text surface: notifications, quick picks, tree rows,
 * tab titles, the status bar, inline names, and the log. Text from outside (the API's messages,
 * record values, a person's input) arrives with control characters, bidirectional overrides that
 * make one name read as another, link and icon syntax VS Code would act on, and now and then the
 * API key itself. (Markdown surfaces use escapeMarkdown; HTML uses escapeHtml.)
 */

/**
 * C0 and C1 controls (tab and line breaks become spaces instead), bidirectional embeddings,
 * overrides, isolates and marks, and the invisible format characters (zero-width space, joiners,
 * word joiner, BOM, soft hyphen) that can hide inside a key or make two names look alike.
 */
// Also the combining grapheme joiner (U+034F), the Mongolian vowel separator (U+180E) and the tag
// characters (U+E0000–U+E007F), which draw nothing and can hide text inside a word.
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\u{e0000}-\u{e007f}]|\u034f/gu;
const BREAKS = /[\t\n\r\u000c\u2028\u2029]+/g;

/** Caps a value for display, so one field can't push everything else off screen. */
export function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** Removes control, bidirectional and invisible format characters; whitespace is collapsed to one line. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(INVISIBLE, '').replace(BREAKS, ' ').replace(/\s+/g, ' ').trim();
  return clip(flat, max);
}

/**
 * Text from outside on its way to a plain-text surface that VS Code still decorates: notifications
 * and quick picks render `[label](command:…)` links; tree items, the status bar and quick picks
 * render `$(icon)` syntax. No link syntax, no icon syntax, no control, bidi or invisible characters,
 * no line breaks, bounded length.
 */
export function plainText(text: string, max = 300): string {
  const flat = oneLine(text, Number.MAX_SAFE_INTEGER)
    // `$(name)` would draw an icon; a zero-width joiner after `$` keeps the text, drops the icon.
    .replace(/\$\(/g, '$\u200d(')
    // `[label](target)`: keep the words, break the link (brackets become look-alikes).
    .replace(/\[/g, '\u2772')
    .replace(/\]/g, '\u2773')
    // bare schemes VS Code would linkify into commands
    .replace(/\b(command|vscode|file|javascript|data):/gi, '$1\u200b:');
  return clip(flat, max);
}

export const REDACTED = '[redacted]';

/**
 * Anything shaped like a CareCycle key: `cc_` and at least four key characters, in any case. (Our
 * own words never hold one; "it begins with cc_" does not match.)
 */
const KEY_SHAPED = /(?<![A-Za-z0-9])cc_[A-Za-z0-9_-]{4,}/gi;
/** Between two characters of an echoed key: whitespace a line break became, or an invisible character. */
const GAP = '[\\s\\u00ad\\u200b-\\u200f\\u2060-\\u2064\\ufeff]*';

const patterns = new Map<string, RegExp>();

/** A known key, and its part after `cc_`, in any case and with anything invisible between its characters. */
function patternFor(key: string): RegExp {
  let p = patterns.get(key);
  if (!p) {
    const spell = (s: string): string => [...s].map((c) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join(GAP);
    const body = key.toLowerCase().startsWith('cc_') ? key.slice(3) : '';
    const forms = [spell(key), ...(body.length >= 8 ? [spell(body)] : [])];
    p = new RegExp(forms.join('|'), 'gi');
    if (patterns.size > 64) patterns.clear();
    patterns.set(key, p);
  }
  return p;
}

/**
 * The text with every key removed: the keys given (every environment's the extension holds), however
 * the server echoed them, and anything else shaped like a key. Apply before cutting the text: a key
 * that straddles a cut would leave its start.
 */
export function redactKeys(text: string, keys: readonly string[] = []): string {
  let out = text;
  for (const k of keys) if (k.length >= 8) out = out.replace(patternFor(k), REDACTED);
  return out.replace(KEY_SHAPED, REDACTED);
}

/** The longest log line: an error message with its context, never a record. */
export const MAX_LOG_LINE = 2000;

/**
 * One line of the log: plain text (no forged lines, no controls), no key in it, bounded. Every
 * line the extension writes passes here (../host/log.ts).
 */
export function logLine(text: string, keys: readonly string[] = []): string {
  return clip(redactKeys(plainText(text, Number.MAX_SAFE_INTEGER), keys), MAX_LOG_LINE);
}
