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
  | 'too-large';

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
      readonly status?: number;
      readonly code?: string;
      /** Seconds, as the server said (429). */
      readonly retryAfterSec?: number;
      /** Epoch ms when a retry makes sense (429). */
      readonly retryAt?: number;
      readonly problems?: readonly FieldProblem[];
      readonly cause?: unknown;
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/** Anything thrown, as a CareCycleError (unexpected ones point at the log). */
export function toCareCycleError(e: unknown): CareCycleError {
  if (e instanceof CareCycleError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new CareCycleError('network', `Unexpected error: ${oneLine(msg, 200)}`, 'showLog', { cause: e });
}

/** Collapses whitespace and caps length, so server text can't flood a notification. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function describeWait(seconds: number): string {
  if (seconds < 1) return 'in a moment';
  if (seconds < 90) return `in ${Math.ceil(seconds)} s`;
  return `in ${Math.ceil(seconds / 60)} min`;
}
