/**
 * The half-open range [from, to) of the texts that start with `prefix`, in code-point (byte) order:
 * `to` is the prefix with its last character moved one up. A prefix search becomes two comparisons,
 * which an index reads as a range whatever the prefix.
 */
export function prefixRange(prefix: string): readonly [string, string] {
  if (prefix === '') throw new RangeError('an empty prefix has no upper bound');
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return [prefix, prefix.slice(0, -1) + String.fromCodePoint(last + 1)];
}
