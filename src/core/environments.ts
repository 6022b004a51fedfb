import { checkBaseUrl } from './api/baseUrl';
import { plainText } from './plainText';

/**
 * Named environments (Production, a playground, a local stand-in): where requests and that
 * environment's key go. Read from the user's own settings only; a workspace may name one of them
 * (carecycle.environment) but never define or redirect one.
 */
export interface Environment {
  /** As the user wrote it, made plain (one line, no icon syntax, at most 40 characters). */
  readonly name: string;
  /** The normalised base URL, or the raw text when it is refused (see `problem`). */
  readonly baseUrl: string;
  /** `#rgb` or `#rrggbb`, when the user gave one that is valid. */
  readonly color?: string | undefined;
  /** Why requests cannot go here (a refused base URL); the environment is still listed. */
  readonly problem?: string | undefined;
  /** The real CareCycle service: shown with a warning colour. */
  readonly production: boolean;
}

export const PRODUCTION_URL = 'https://api.carecycle.ai';
export const PRODUCTION_NAME = 'Production';
const MAX_ENVIRONMENTS = 20;
const MAX_NAME = 40;

export interface EnvironmentSettings {
  /** The user's (global) value of carecycle.environments; undefined when not set. */
  readonly environments: unknown;
  /** The user's (global) value of carecycle.apiBaseUrl (the setting before environments); undefined when not set. */
  readonly legacyBaseUrl: unknown;
}

export interface EnvironmentList {
  readonly list: readonly Environment[];
  /** One line each, for the log: entries that were dropped and why. */
  readonly notes: readonly string[];
  /** Where the list came from: the user's carecycle.environments, or carecycle.apiBaseUrl (or nothing) before it. */
  readonly source: 'environments' | 'legacy';
}

/** The same name, whatever its case: environment names are compared and stored this way. */
export const envKey = (name: string): string => name.trim().toLowerCase();

function isProductionUrl(url: string): boolean {
  try {
    return new URL(url).hostname.toLowerCase() === 'api.carecycle.ai';
  } catch {
    return false;
  }
}

function makeEnvironment(name: string, rawUrl: string, color?: string): Environment {
  const label = `The base URL of environment "${name}"`;
  const c = checkBaseUrl(rawUrl, label);
  return {
    name,
    baseUrl: c.ok ? c.url : rawUrl,
    color,
    problem: c.ok ? undefined : c.reason,
    production: c.ok && isProductionUrl(c.url),
  };
}

/** The name an environment gets when it comes from carecycle.apiBaseUrl alone. */
export function legacyName(url: string): string {
  if (isProductionUrl(url)) return PRODUCTION_NAME;
  try {
    const u = new URL(url.trim());
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return 'Local';
    return plainText(host, MAX_NAME);
  } catch {
    return 'Custom';
  }
}

/**
 * The environments the user defined, or (when carecycle.environments is not set) the one that
 * carecycle.apiBaseUrl described, so that existing settings keep working unchanged. Invalid entries
 * are dropped with a note; a refused base URL keeps its entry, marked with the problem.
 */
export function readEnvironments(s: EnvironmentSettings): EnvironmentList {
  const notes: string[] = [];
  if (Array.isArray(s.environments) && s.environments.length > 0) {
    const list: Environment[] = [];
    const seen = new Set<string>();
    s.environments.slice(0, MAX_ENVIRONMENTS).forEach((raw, i) => {
      const where = `carecycle.environments[${i}]`;
      if (!raw || typeof raw !== 'object') return notes.push(`${where} is not an object; ignored.`);
      const o = raw as Record<string, unknown>;
      const name = typeof o.name === 'string' ? plainText(o.name, MAX_NAME).trim() : '';
      if (!name) return notes.push(`${where} has no name; ignored.`);
      if (seen.has(envKey(name))) return notes.push(`${where}: the name "${name}" is used twice; the first one counts.`);
      if (typeof o.baseUrl !== 'string') return notes.push(`${where} ("${name}") has no baseUrl; ignored.`);
      let color: string | undefined;
      if (o.color !== undefined) {
        if (typeof o.color === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(o.color.trim())) color = o.color.trim();
        else notes.push(`${where} ("${name}"): color must be #rgb or #rrggbb; ignored.`);
      }
      seen.add(envKey(name));
      const env = makeEnvironment(name, o.baseUrl, color);
      if (env.problem) notes.push(env.problem);
      list.push(env);
    });
    if (s.environments.length > MAX_ENVIRONMENTS) notes.push(`Only the first ${MAX_ENVIRONMENTS} environments are used.`);
    if (list.length > 0) return { list, notes, source: 'environments' };
    notes.push('carecycle.environments has no usable entry; using carecycle.apiBaseUrl.');
  }
  const url = typeof s.legacyBaseUrl === 'string' ? s.legacyBaseUrl : PRODUCTION_URL;
  const env = makeEnvironment(legacyName(url), url);
  if (env.problem) notes.push(env.problem);
  return { list: [env], notes, source: 'legacy' };
}

/**
 * The active environment: the most specific carecycle.environment that names a defined
 * environment (a workspace may only name one), else Production when defined, else the first.
 * Returns the names that were ignored too, for the log.
 */
export function chooseActive(list: readonly Environment[], candidates: readonly unknown[]): { env: Environment; ignored: string[] } {
  const ignored: string[] = [];
  for (const c of candidates) {
    if (typeof c !== 'string' || !c.trim()) continue;
    const found = list.find((e) => envKey(e.name) === envKey(c));
    if (found) return { env: found, ignored };
    ignored.push(plainText(c, MAX_NAME));
  }
  const first = list[0];
  if (!first) throw new Error('There is always at least one environment.');
  return { env: list.find((e) => envKey(e.name) === envKey(PRODUCTION_NAME)) ?? first, ignored };
}

/** Requests would go somewhere else: another environment, or the same one pointed elsewhere. Only this empties the cache. */
export const movesRequests = (before: Environment, after: Environment): boolean =>
  envKey(before.name) !== envKey(after.name) || before.baseUrl !== after.baseUrl;

/** Where requests go and with which key: read together, so one environment's key never meets another's host. */
export interface Endpoint {
  readonly baseUrl: string;
  readonly key: string | undefined;
  /** The environment's name, carried with every record fetched through it. */
  readonly environment?: string | undefined;
}

/** The SecretStorage entry of an environment's key. */
export const secretNameFor = (env: Pick<Environment, 'name'>): string => `carecycle.apiKey.${envKey(env.name)}`;

/**
 * Which environment inherits the key stored before environments existed (under `carecycle.apiKey`):
 * the one whose base URL is where that key was being sent, if any.
 */
export function legacyKeyOwner(list: readonly Environment[], legacyBaseUrl: unknown): Environment | undefined {
  const raw = typeof legacyBaseUrl === 'string' ? legacyBaseUrl : PRODUCTION_URL;
  const c = checkBaseUrl(raw);
  if (!c.ok) return undefined;
  return list.find((e) => !e.problem && e.baseUrl === c.url);
}
