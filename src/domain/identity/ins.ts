/**
 * INS (Identifiant national de santé) matricule: normalisation, key,
 * parsing, display, and the OID ↔ kind map.
 *
 * Facts from /work/shared/reference/french-health-it.md rows A1–A4:
 * - A1: 15 characters = 13-character NIR/NIA + 2-digit key, kept as a string
 *   because characters 6–7 can be 2A/2B (décret 82-103 art. 4 layout).
 * - A2: key = 97 − (N mod 97), written as 2 digits.
 * - A3: 2A → 19 and 2B → 18 before computing the key; département 20
 *   (Corsica before 1976) stays valid.
 * - A4: OIDs .8 INS-NIR, .9 INS-NIA, .10 INS-NIR test, .11 INS-NIR démo
 *   (FR Core FRCorePatientINSProfile.fsh).
 */

/** The four kinds of INS matricule, one per FR Core OID (reference A4). */
export type InsKind = 'INS-NIR' | 'INS-NIA' | 'INS-NIR-TEST' | 'INS-NIR-DEMO';

/**
 * Bare OID of each INS kind (FR Core FRCorePatientINSProfile.fsh, reference
 * A4 and its correction: .10/.11 are NIR test/démo, not NIA variants).
 * The legacy INS-C OID (…4.2) is deliberately absent: read it, never produce it.
 */
export const INS_OIDS: Readonly<Record<InsKind, string>> = Object.freeze({
  'INS-NIR': '1.2.250.1.213.1.4.8',
  'INS-NIA': '1.2.250.1.213.1.4.9',
  'INS-NIR-TEST': '1.2.250.1.213.1.4.10',
  'INS-NIR-DEMO': '1.2.250.1.213.1.4.11',
});

const INS_KINDS: readonly InsKind[] = ['INS-NIR', 'INS-NIA', 'INS-NIR-TEST', 'INS-NIR-DEMO'];

/**
 * Maps an OID (bare, or as a FHIR system `urn:oid:…`) to its INS kind;
 * undefined for any other OID, including the obsolete INS-C (reference A4).
 */
export function insKindFromOid(oid: string): InsKind | undefined {
  const bare = oid.trim().replace(/^urn:oid:/i, '');
  return INS_KINDS.find((kind) => INS_OIDS[kind] === bare);
}

/**
 * Canonical form of a typed or pasted INS/NIR: trims, removes all
 * whitespace, and uppercases the Corsica letters (2a → 2A, 2b → 2B).
 * It does not validate; use parseInsMatricule for that.
 */
export function normalizeInsMatricule(input: string): string {
  return input.replace(/\s+/g, '').replace(/[ab]/g, (c) => c.toUpperCase());
}

/**
 * First structural problem of a normalized NIR/INS of the given length:
 * digits everywhere except characters 6–7, which may be 2A/2B (reference
 * A1/A3). Returns undefined when the characters are all allowed.
 */
function characterError(value: string): string | undefined {
  const dept = value.slice(5, 7);
  if (!/^[0-9]{2}$/.test(dept) && dept !== '2A' && dept !== '2B') {
    return `characters 6-7 (birth département) must be 2 digits, or 2A/2B for Corsica, got '${dept}'`;
  }
  for (let i = 0; i < value.length; i += 1) {
    if (i === 5 || i === 6) continue;
    const c = value.charAt(i);
    if (c < '0' || c > '9') return `character ${i + 1} must be a digit, got '${c}'`;
  }
  return undefined;
}

/**
 * Computes the 2-digit INS/NIR key of a 13-character NIR or NIA:
 * 97 − (N mod 97), after replacing 2A by 19 and 2B by 18 (reference A2,
 * A3). Input is normalized first. Throws RangeError on a malformed NIR,
 * since a key of garbage is meaningless.
 */
export function computeInsKey(nir13: string): string {
  const nir = normalizeInsMatricule(nir13);
  if (nir.length !== 13) {
    throw new RangeError(`NIR must be 13 characters, got ${nir.length}`);
  }
  const problem = characterError(nir);
  if (problem !== undefined) throw new RangeError(`NIR ${problem}`);
  const dept = nir.slice(5, 7);
  const numericDept = dept === '2A' ? '19' : dept === '2B' ? '18' : dept;
  const n = BigInt(nir.slice(0, 5) + numericDept + nir.slice(7));
  return String(97n - (n % 97n)).padStart(2, '0');
}

/** Result of parseInsMatricule: the normalized matricule and its decoded fields, or why it was refused. */
export type InsParseResult =
  | {
      ok: true;
      matricule: string;
      sex: 'male' | 'female';
      birthYear2: string;
      birthMonth: number | undefined;
      birthPlace: string;
    }
  | { ok: false; error: string };

/**
 * Decodes the month field: 01–12 is a month; 20, 30–42 and 50–99 mean
 * "unknown month" (incomplete civil-status records, reference A1 after
 * french-ssn makeMonth.ts). Anything else (00, 13–19, 21–29, 43–49) is an
 * error, returned as a string.
 */
function decodeMonth(mm: string): { month: number | undefined } | { error: string } {
  const n = Number(mm);
  if (n >= 1 && n <= 12) return { month: n };
  if (n === 20 || (n >= 30 && n <= 42) || n >= 50) return { month: undefined };
  return {
    error: `birth month ${mm} is invalid: must be 01-12, or 20, 30-42, 50-99 for an unknown month`,
  };
}

/**
 * Validates and decodes a 15-character INS matricule (NIR or NIA + key).
 * Refuses, with an English message naming the fault: wrong length,
 * non-digits outside 2A/2B at characters 6–7, a sex digit other than 1/2,
 * an impossible month, or a wrong key.
 *
 * Rule choice: sex digits 3/4 are refused like 7/8. Décret 82-103 art. 4
 * (INSEE, reference A1) defines only 1 and 2; french-ssn accepts 3/4 but
 * itself flags any sex digit > 2 as provisional (parse.ts isProvisional),
 * and an INS returned by INSi is a certified NIR/NIA.
 * The birthplace is not checked against a code list: any 2 digits (incl.
 * 20 for pre-1976 Corsica, 97x overseas, 99 abroad) or 2A/2B is accepted.
 */
export function parseInsMatricule(input: string): InsParseResult {
  const m = normalizeInsMatricule(input);
  if (m.length !== 15) {
    return {
      ok: false,
      error: `INS must be 15 characters (13-character NIR/NIA + 2-digit key), got ${m.length}`,
    };
  }
  const problem = characterError(m);
  if (problem !== undefined) return { ok: false, error: `INS ${problem}` };

  const sexDigit = m.charAt(0);
  let sex: 'male' | 'female';
  if (sexDigit === '1') sex = 'male';
  else if (sexDigit === '2') sex = 'female';
  else if (sexDigit === '7' || sexDigit === '8') {
    return { ok: false, error: `sex digit ${sexDigit} is a provisional number, not an INS` };
  } else if (sexDigit === '3' || sexDigit === '4') {
    return {
      ok: false,
      error: `sex digit ${sexDigit} marks a provisional registration, not an INS (must be 1 or 2)`,
    };
  } else {
    return { ok: false, error: `sex digit ${sexDigit} is invalid: must be 1 (male) or 2 (female)` };
  }

  const month = decodeMonth(m.slice(3, 5));
  if ('error' in month) return { ok: false, error: month.error };

  const nir = m.slice(0, 13);
  const key = m.slice(13);
  const expected = computeInsKey(nir);
  if (key !== expected) {
    return { ok: false, error: `INS key is ${key} but ${nir} gives ${expected}` };
  }

  return {
    ok: true,
    matricule: m,
    sex,
    birthYear2: m.slice(1, 3),
    birthMonth: month.month,
    birthPlace: m.slice(5, 10),
  };
}

/** Display groups of a NIR: sex, year, month, département, commune, order number, key. */
const DISPLAY_GROUPS: readonly number[] = [1, 2, 2, 2, 3, 3, 2];

/**
 * Formats an INS for people, e.g. "2 79 03 51 215 189 89" (the grouping
 * of french-ssn's README and format()). A 13-character
 * NIR is grouped without the key; any other length is returned normalized
 * but ungrouped, so the display never hides what was typed.
 */
export function formatInsForDisplay(matricule: string): string {
  const m = normalizeInsMatricule(matricule);
  if (m.length !== 15 && m.length !== 13) return m;
  const parts: string[] = [];
  let start = 0;
  for (const size of DISPLAY_GROUPS) {
    if (start >= m.length) break;
    parts.push(m.slice(start, start + size));
    start += size;
  }
  return parts.join(' ');
}
