/**
 * FINESS (Fichier national des établissements sanitaires et sociaux) number
 * checks (reference french-health-it.md row A9: ansforge/finess schema,
 * ANS IG-fhir-annuaire examples).
 */
import type { IdentifierCheck } from './identifier-check.ts';
import { luhnValid } from './luhn.ts';

/** Warning added when the Luhn key fails: the ANS "Fictive" example 458174839 fails it (reference A9). */
export const FINESS_LUHN_WARNING =
  'FINESS check digit does not verify (Luhn); fictitious test numbers often fail it';

/**
 * Checks a FINESS number (EG or EJ): after trimming, removing whitespace and
 * uppercasing 2a/2b it must be 9 characters, 2 département characters
 * (2 digits, or 2A/2B for Corsica) then 7 digits. The Luhn key is a soft
 * check applied only to all-digit numbers; a failure adds a warning, never
 * an error, since no official text states the rule (reference A9).
 */
export function checkFiness(input: string): IdentifierCheck {
  const value = input.replace(/\s+/g, '').replace(/[ab]/g, (c) => c.toUpperCase());
  if (value.length !== 9) {
    return { ok: false, error: `FINESS must be 9 characters, got ${value.length}` };
  }
  if (!/^(?:[0-9]{2}|2A|2B)[0-9]{7}$/.test(value)) {
    return {
      ok: false,
      error: `FINESS must be 9 digits, or 2A/2B (Corsica) followed by 7 digits, got '${value}'`,
    };
  }
  const allDigits = /^[0-9]{9}$/.test(value);
  return {
    ok: true,
    value,
    warnings: allDigits && !luhnValid(value) ? [FINESS_LUHN_WARNING] : [],
  };
}

/**
 * National structure id idNatSt = '1' + FINESS (reference A9; OID
 * 1.2.250.1.71.4.2.2). Throws RangeError when the FINESS is malformed.
 */
export function idNatStFromFiness(finess: string): string {
  const check = checkFiness(finess);
  if (!check.ok) throw new RangeError(check.error);
  return `1${check.value}`;
}
