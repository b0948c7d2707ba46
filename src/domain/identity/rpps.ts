/**
 * RPPS (Répertoire partagé des professionnels de santé) number checks
 * (reference french-health-it.md row A7: FR Core FRCorePractitionerProfile.fsh).
 */
import type { IdentifierCheck } from './identifier-check.ts';
import { luhnValid } from './luhn.ts';

/** Warning added when the Luhn key fails: ANS test RPPS numbers fail it (reference A7). */
export const RPPS_LUHN_WARNING = 'RPPS check digit does not verify (Luhn); test numbers often fail it';

/**
 * Checks an RPPS number: after trimming and removing whitespace it must be
 * exactly 11 digits (hard rule). The Luhn key is only a soft check: a failure
 * adds a warning and never refuses, because ANS test RPPS (e.g. 10003461033)
 * fail it (reference A7).
 */
export function checkRpps(input: string): IdentifierCheck {
  const value = input.replace(/\s+/g, '');
  const bad = /[^0-9]/.exec(value);
  if (bad !== null) {
    return {
      ok: false,
      error: `RPPS must contain only digits, got '${bad[0]}' at position ${bad.index + 1}`,
    };
  }
  if (value.length !== 11) {
    return { ok: false, error: `RPPS must be exactly 11 digits, got ${value.length}` };
  }
  return { ok: true, value, warnings: luhnValid(value) ? [] : [RPPS_LUHN_WARNING] };
}

/**
 * National professional id idNatPs = '8' + RPPS (reference A7, ROR IG
 * "8 + N° RPPS"). FR Core says idNatPs should be read from Annuaire Santé,
 * PSC or the CPS card rather than built; use this only where no such source
 * exists. Throws RangeError when the RPPS is malformed.
 */
export function idNatPsFromRpps(rpps: string): string {
  const check = checkRpps(rpps);
  if (!check.ok) throw new RangeError(check.error);
  return `8${check.value}`;
}
