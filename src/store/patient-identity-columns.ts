import type { Selectable } from 'kysely';
import { nameKey } from '../domain/identity/name-key.ts';
import type { ValidIdentity } from '../domain/identity/patient-registration.ts';
import type { PatientIdentityVersionsTable } from './database-schema.ts';

/** A checked identity as `patients` columns, with the search keys of its names. */
export function identityColumns(identity: ValidIdentity) {
  return {
    ins_matricule: identity.ins?.matricule ?? null,
    ins_oid: identity.ins?.oid ?? null,
    identity_status: identity.identityStatus,
    birth_family_name: identity.birthFamilyName,
    first_given_name: identity.firstGivenName,
    given_names: identity.givenNames,
    used_family_name: identity.usedFamilyName,
    used_given_name: identity.usedGivenName,
    sex: identity.sex,
    birth_date: identity.birthDate,
    birth_place_code: identity.birthPlaceCode,
    phone: identity.phone,
    email: identity.email,
    address: identity.address,
    family_name_key: nameKey(identity.birthFamilyName),
    given_name_key: nameKey(identity.givenNames),
    used_family_name_key: identity.usedFamilyName === null ? null : nameKey(identity.usedFamilyName),
  };
}

/** The identity columns, as `patients` and each of its versions hold them. */
type IdentityRow = Omit<
  Selectable<PatientIdentityVersionsTable>,
  'patient_id' | 'version_id' | 'recorded_at'
>;

/** The identity a `patients` row (or a version of it) holds (as stored: it passed the rules when written). */
export function identityOfRow(row: IdentityRow): ValidIdentity {
  return {
    ins:
      row.ins_matricule === null || row.ins_oid === null
        ? null
        : { matricule: row.ins_matricule, oid: row.ins_oid },
    identityStatus: row.identity_status,
    birthFamilyName: row.birth_family_name,
    firstGivenName: row.first_given_name,
    givenNames: row.given_names,
    usedFamilyName: row.used_family_name,
    usedGivenName: row.used_given_name,
    sex: row.sex,
    birthDate: row.birth_date,
    birthPlaceCode: row.birth_place_code,
    phone: row.phone,
    email: row.email,
    address: row.address,
  };
}
