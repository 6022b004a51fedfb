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
  | 'not-api'
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
      /** The environment that answered (or was asked), when there are named environments. */
      readonly environment?: string | undefined;
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

export function describeWait(seconds: number): string {
  if (seconds < 1) return 'in a moment';
  if (seconds < 90) return `in ${Math.ceil(seconds)} s`;
  return `in ${Math.ceil(seconds / 60)} min`;
}
