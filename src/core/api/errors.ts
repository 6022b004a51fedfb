/** What a person can do about an error; the host turns these into buttons and links. */
export type ErrorAction = 'setApiKey' | 'retry' | 'retryLater' | 'openSettings' | 'showLog' | 'none';

export type ErrorKind =
  | 'invalid-id'
  | 'config'
  | 'no-key'
  | 'keystore'
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'validation'
  | 'rate-limited'
  | 'server'
  | 'http'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'bad-json'
  | 'bad-shape'
  | 'wrong-record'
  | 'too-large'
  | 'internal';

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Every failure the client reports. `message` is one line for a person and never holds the key or
 * any record content; `action` is what helps.
 */
export class CareCycleError extends Error {
  override readonly name = 'CareCycleError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly action: ErrorAction,
    readonly details: {
      readonly status?: number | undefined;
      readonly code?: string | undefined;
      /** Seconds, as the server said (429). */
      readonly retryAfterSec?: number | undefined;
      /** Epoch ms when a retry makes sense (429). */
      readonly retryAt?: number | undefined;
      readonly problems?: readonly FieldProblem[] | undefined;
      /** Where the request went (network and TLS errors name it; so do their messages). */
      readonly baseUrl?: string | undefined;
      readonly cause?: unknown;
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/**
 * Anything thrown, as a CareCycleError. What is not one already is a bug of ours, not a network
 * failure: it is filed as `internal`, keeps its stack (in `cause`) for the log, and tells the
 * person where to look.
 */
export function toCareCycleError(e: unknown): CareCycleError {
  if (e instanceof CareCycleError) return e;
  return new CareCycleError('internal', 'Something went wrong in CareCycle (see log).', 'showLog', { cause: e });
}

/** Network, timeout and TLS failures: the ones where the base URL is the first thing to check. */
export function isReachabilityError(e: Pick<CareCycleError, 'kind'>): boolean {
  return e.kind === 'network' || e.kind === 'timeout';
}

/** Collapses whitespace and caps length, so server text can't flood a notification. */
export function oneLine(text: string, max = 300): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Text from outside (the API's error messages, record values) on its way to a plain-text surface
 * that VS Code still decorates: notifications and quick picks render `[label](command:…)` links,
 * tree items, the status bar and quick picks render `$(icon)` syntax. The one place all of them
 * go through: no link syntax, no icon syntax, no control characters or newlines, bounded length.
 * (Markdown surfaces use escapeMarkdown; HTML uses escapeHtml.)
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
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function describeWait(seconds: number): string {
  if (seconds < 1) return 'in a moment';
  if (seconds < 90) return `in ${Math.ceil(seconds)} s`;
  return `in ${Math.ceil(seconds / 60)} min`;
}
