/**
 * The text of a PostgreSQL array literal (`{"a","b",NULL}`) holding one column's values, for an
 * `…::type[]` parameter. node-postgres can build it from a JavaScript array, but element by element
 * through string concatenation and two regular-expression replacements per string, which made it most
 * of the client's work in a bulk insert; this joins the elements once and escapes only the strings
 * that need it. Dates travel in ISO 8601 (UTC), byte arrays in hex, other objects as JSON.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  if (values.length === 0) return '{}';
  const elements = new Array<string>(values.length);
  for (let i = 0; i < values.length; i += 1) elements[i] = element(values[i]);
  // The braces go on the end elements, so that the join makes the whole text at once: braces put
  // around its result make a rope, which the driver copies whole when it measures the parameter.
  elements[0] = `{${elements[0] ?? ''}`;
  elements[values.length - 1] = `${elements[values.length - 1] ?? ''}}`;
  return elements.join(',');
}

/** What makes PostgreSQL's array parser read an unquoted element differently: quote those elements. */
const NEEDS_QUOTES = /[\s{}",\\]/;
const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

function element(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  // bytea's hex format, its backslash escaped for the array literal.
  if (value instanceof Uint8Array)
    return `"\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}"`;
  // An array becomes its own literal, as one text element (PostgreSQL arrays cannot be ragged).
  if (Array.isArray(value)) return quoted(arrayLiteral(value));
  return quoted(JSON.stringify(value));
}

/** Most values (ids, codes, words) go unquoted, which spares a copy of each; NULL and '' need quotes. */
function text(value: string): string {
  if (value === '' || NEEDS_QUOTES.test(value) || (value.length === 4 && value.toLowerCase() === 'null'))
    return quoted(value);
  return value;
}

function quoted(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPED, '\\$&')}"` : `"${text}"`;
}
