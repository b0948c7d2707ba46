import { DomainError } from '../shared/domain-error.ts';
import { nameKey } from '../identity/name-key.ts';
import { normalizeInsMatricule } from '../identity/ins.ts';

/** A patient search, understood: by INS, by birth date, or by name words (each a prefix). */
export type PatientQuery =
  | { readonly kind: 'ins'; readonly matricule: string }
  | { readonly kind: 'birth-date'; readonly birthDate: string }
  | { readonly kind: 'name'; readonly words: readonly string[] };

const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INS_LIKE = /^[0-9]{5}[0-9AB]{2}[0-9]{8}$/;

/** Reads what the user typed. Error: `invalid-input` when it is too short to search. */
export function parsePatientQuery(text: string): PatientQuery {
  const trimmed = text.trim();
  const french = FRENCH_DATE.exec(trimmed);
  if (french !== null) return { kind: 'birth-date', birthDate: `${french[3]}-${french[2]}-${french[1]}` };
  if (ISO_DATE.test(trimmed)) return { kind: 'birth-date', birthDate: trimmed };
  const compact = normalizeInsMatricule(trimmed);
  if (INS_LIKE.test(compact)) return { kind: 'ins', matricule: compact };
  const words = nameKey(trimmed)
    .split(' ')
    .filter((word) => word.length > 0);
  if (words.join('').length < 2) {
    throw new DomainError(
      'invalid-input',
      'type at least 2 letters of a name, a birth date (DD/MM/YYYY) or a 15-character INS',
    );
  }
  return { kind: 'name', words: words.slice(0, 4) };
}
