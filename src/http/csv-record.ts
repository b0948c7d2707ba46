/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field quoted when it
 * holds a comma, a quote or a line break, its quotes doubled.
 */

const NEEDS_QUOTES = /[",\r\n]/;
// A spreadsheet runs a cell that starts like a formula (OWASP "CSV injection"); free text such as a
// reason typed by a user is neutralised with a leading apostrophe, which spreadsheets hide.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV record (with its CRLF); null is an empty field. */
export function csvRecord(fields: readonly (string | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
