/**
 * Objects built from API text. A key from the API is data, never a property of JavaScript's own:
 * `out['__proto__'] = v` would replace the copy's prototype, and `table[value]` with
 * value `'constructor'` finds a function. Copies set own properties; lookups by API text use Maps.
 */

/** Sets `key` on `obj` as an own, enumerable property, whatever it is called. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
