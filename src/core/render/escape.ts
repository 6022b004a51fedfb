export { clip } from '../plainText';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Bidirectional override and isolate controls can make "txt.exe" read as "exe.txt". Values from
 * the API show them as visible markers instead of obeying them.
 */
export function neutraliseBidi(value: string): string {
  return value.replace(/[\u202A-\u202E\u2066-\u2069]/g, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return neutraliseBidi(value).replace(/[&<>"'`]/g, (c) => HTML[c] ?? c);
}

/**
 * Escapes text for VS Code markdown so it shows as typed: no emphasis, links, headings, HTML or
 * command links. Newlines collapse to spaces (a hover line stays one line).
 */
export function escapeMarkdown(value: string): string {
  return (
    neutraliseBidi(value)
      // `$(name)` draws an icon even when escaped; a zero-width joiner keeps the text, drops the icon.
      .replace(/\$\(/g, '$\u200d(')
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .replace(/[\\`*_{}[\]()#+\-.!|<>~&:"'$^=]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
  );
}

/** JSON for display that never throws (cycles, 10,000 levels of nesting, a throwing toJSON). */
export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(typeof v);
  } catch {
    return '(cannot display)';
  }
}

/** Inside a word, a line may break after a hyphen or a slash ("H1036-|077", "Dental/|Vision"). */
const BREAKS_INSIDE = /[\p{L}\p{N}][-/\u2010-\u2014]+[\p{L}\p{N}]/u;

/**
 * Escaped text whose words never break inside themselves: a word with a hyphen or a slash (a plan
 * code, a double-barrelled name, "Dental/Vision/Hearing") is kept whole, up to 40 characters; a longer
 * run still breaks where it must, so one value cannot push the page sideways.
 */
export function escapeWords(value: string): string {
  return value
    .split(/(\s+)/)
    .map((t) => (t.length <= 40 && BREAKS_INSIDE.test(t) ? `<span class="w">${escapeHtml(t)}</span>` : escapeHtml(t)))
    .join('');
}
