/**
 * Shared result type for checks on French health-directory identifiers
 * (RPPS, FINESS). Hard format rules give `ok: false`; soft rules that real
 * test data is known to break (Luhn keys, reference rows A7/A9) only add
 * warnings to an `ok: true` result.
 */
export type IdentifierCheck = { ok: true; value: string; warnings: string[] } | { ok: false; error: string };
