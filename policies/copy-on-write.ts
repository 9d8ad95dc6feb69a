/**
 * Copy-on-write mapping for the plan's hot value walks (secrets unwrapped, redacted, made plain):
 * most values hold nothing to change, so nothing is allocated until an element differs.
 */

/** `items.map(fn)`, but `items` itself when `fn` returned every element unchanged (`===`). */
export function mapIfChanged<T>(items: readonly T[], fn: (item: T) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const v = fn(items[i]!);
    if (v !== items[i] && !out) out = items.slice(0, i);
    out?.push(v);
  }
  return out ?? (items as T[]);
}
