/**
 * CareCycle API keys written in a document (code, .env, JSON, logs). Keys begin with `cc_`; what
 * follows is long and mixes letters and digits, which tells a key from an identifier such as
 * `cc_list` or `cc_total_count`.
 */
export interface KeyMatch {
  readonly start: number;
  readonly end: number;
}

const KEY = /(?<![A-Za-z0-9_$.-])cc_[A-Za-z0-9_-]{12,200}(?![A-Za-z0-9_-])/g;

export function findApiKeys(text: string, max = 1000): KeyMatch[] {
  const out: KeyMatch[] = [];
  KEY.lastIndex = 0;
  for (let m = KEY.exec(text); m && out.length < max; m = KEY.exec(text)) {
    const tail = m[0].slice(3);
    if (!/[0-9]/.test(tail) || !/[A-Za-z]/.test(tail)) continue;
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The environment variable the extension suggests for the key. */
export const KEY_ENV_VAR = 'CARECYCLE_API_KEY';

/** How a language reads an environment variable, for the "replace with a reference" fix. */
export function envReference(languageId: string): string | undefined {
  switch (languageId) {
    case 'javascript':
    case 'javascriptreact':
    case 'typescript':
    case 'typescriptreact':
      return `process.env.${KEY_ENV_VAR}`;
    case 'python':
      return `os.environ["${KEY_ENV_VAR}"]`;
    case 'go':
      return `os.Getenv("${KEY_ENV_VAR}")`;
    case 'ruby':
      return `ENV["${KEY_ENV_VAR}"]`;
    case 'java':
    case 'kotlin':
      return `System.getenv("${KEY_ENV_VAR}")`;
    case 'csharp':
      return `Environment.GetEnvironmentVariable("${KEY_ENV_VAR}")`;
    case 'php':
      return `getenv('${KEY_ENV_VAR}')`;
    case 'shellscript':
    case 'dockerfile':
      return `"$${KEY_ENV_VAR}"`;
    case 'powershell':
      return `$env:${KEY_ENV_VAR}`;
    default:
      return undefined;
  }
}
