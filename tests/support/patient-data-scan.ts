import type { Kysely } from 'kysely';
import type { PatientIdentityInput } from '../../src/domain/identity/patient-registration.ts';
import type { Database } from '../../src/store/database-schema.ts';

/** What would identify a patient in a log line. */
export interface PatientTraits {
  readonly familyNames: readonly string[];
  readonly givenNames: readonly string[];
  /** The INS matricule (15 characters), if the patient has one. */
  readonly ins: string | null;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
}

export type TraitKind = 'family name' | 'given name' | 'INS' | 'birth date';

export interface PatientDataHit {
  readonly kind: TraitKind;
  readonly term: string;
  /** 1-based line of the log. */
  readonly line: number;
}

/**
 * Lower case without accents, so `LEFÈVRE`, `Lefèvre` and the search key `lefevre` read alike; other
 * characters than letters and digits become spaces, so names are matched as whole words.
 */
function normalized(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
}

/** A birth date as logs may write it: ISO, French, HL7 (compact). */
function dateForms(iso: string): string[] {
  const [year = '', month = '', day = ''] = iso.split('-');
  return [`${year} ${month} ${day}`, `${day} ${month} ${year}`, `${year}${month}${day}`];
}

/**
 * Every place where `text` (a log) shows a patient's family or given name (a whole word, any case,
 * with or without accents), INS (with or without its key) or birth date (ISO, DD/MM/YYYY, YYYYMMDD).
 */
export function findPatientData(text: string, patients: readonly PatientTraits[]): PatientDataHit[] {
  const terms = new Map<string, { kind: TraitKind; term: string }>();
  const add = (kind: TraitKind, term: string, forms: readonly string[]) => {
    for (const form of forms) {
      const key = normalized(form).trim();
      if (key.length >= 2) terms.set(key, { kind, term });
    }
  };
  for (const patient of patients) {
    for (const name of patient.familyNames) add('family name', name, [name]);
    for (const name of patient.givenNames) add('given name', name, [name]);
    if (patient.ins !== null) add('INS', patient.ins, [patient.ins, patient.ins.slice(0, 13)]);
    add('birth date', patient.birthDate, dateForms(patient.birthDate));
  }
  // Terms are one to three words: look up every run of up to three words of each line.
  const hits: PatientDataHit[] = [];
  text.split('\n').forEach((raw, index) => {
    const words = normalized(raw).trim().split(' ');
    for (let start = 0; start < words.length; start++) {
      for (let length = 1; length <= 3 && start + length <= words.length; length++) {
        const found = terms.get(words.slice(start, start + length).join(' '));
        if (found !== undefined) hits.push({ ...found, line: index + 1 });
      }
    }
  });
  return hits;
}

/** The traits of an identity (given names split into words, every family and given name kept). */
export function traitsOfIdentity(identity: PatientIdentityInput): PatientTraits {
  const { birthFamilyName, usedFamilyName, firstGivenName, givenNames, usedGivenName } = identity;
  return {
    familyNames: [birthFamilyName, usedFamilyName].filter((name) => name !== undefined),
    givenNames: [firstGivenName, usedGivenName, ...(givenNames ?? '').split(/\s+/)].filter(
      (name): name is string => name !== undefined && name !== '',
    ),
    ins: identity.ins?.matricule ?? null,
    birthDate: identity.birthDate,
  };
}

/** The traits of every patient in the database. */
export async function patientTraitsIn(db: Kysely<Database>): Promise<PatientTraits[]> {
  const rows = await db.selectFrom('patients').selectAll().execute();
  return rows.map((row) =>
    traitsOfIdentity({
      ins: row.ins_matricule === null ? undefined : { matricule: row.ins_matricule, oid: row.ins_oid ?? '' },
      identityStatus: row.identity_status,
      birthFamilyName: row.birth_family_name,
      firstGivenName: row.first_given_name,
      givenNames: row.given_names,
      usedFamilyName: row.used_family_name ?? undefined,
      usedGivenName: row.used_given_name ?? undefined,
      sex: row.sex,
      birthDate: row.birth_date,
    }),
  );
}
