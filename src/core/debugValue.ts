/**
 * The text of a debugger value as VS Code hands it to a command of the Variables or Watch view's
 * context menu: `{ variable: { value } }` for a variable (also a watch expression's child), a watch
 * expression's own `{ expression: { value } }` (or `value` on the element itself). Bounded: a value
 * is a preview the debugger has already shortened.
 */
export function debugValueText(arg: unknown): string | undefined {
  const pick = (o: unknown): string | undefined => {
    if (typeof o === 'string') return o;
    if (!o || typeof o !== 'object') return undefined;
    const v = (o as { value?: unknown }).value;
    return typeof v === 'string' ? v : undefined;
  };
  if (typeof arg === 'string') return arg.slice(0, 100_000);
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { variable?: unknown; expression?: unknown; element?: unknown };
  return (pick(a.variable) ?? pick(a.expression) ?? pick(a.element) ?? pick(arg))?.slice(0, 100_000);
}
