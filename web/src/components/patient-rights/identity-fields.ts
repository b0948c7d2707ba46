import type { PatientIdentity } from '../../api-types.ts';
import type { IdentityCorrections } from '../../patient-rights-api.ts';

/** The identity fields the rectification form offers (the INS comes from INSi, not from a form). */
export const FORM_FIELDS = [
  'birthFamilyName',
  'firstGivenName',
  'givenNames',
  'usedFamilyName',
  'usedGivenName',
  'sex',
  'birthDate',
  'birthPlaceCode',
  'phone',
  'email',
  'address',
] as const satisfies readonly (keyof IdentityCorrections & keyof PatientIdentity)[];
export type FormField = (typeof FORM_FIELDS)[number];

/** The strict traits: changing one of a validated or qualified identity lowers its status (server rule). */
export const STRICT_FIELDS: readonly FormField[] = [
  'birthFamilyName',
  'firstGivenName',
  'givenNames',
  'birthDate',
  'sex',
  'birthPlaceCode',
];

const REQUIRED: readonly FormField[] = [
  'birthFamilyName',
  'firstGivenName',
  'givenNames',
  'sex',
  'birthDate',
];

export type IdentityForm = Record<FormField, string>;

export function formOf(identity: PatientIdentity): IdentityForm {
  return Object.fromEntries(FORM_FIELDS.map((field) => [field, identity[field] ?? ''])) as IdentityForm;
}

/** The fields whose value differs from the identity's, as the API takes them (an emptied optional one: null). */
export function correctionsOf(identity: PatientIdentity, form: IdentityForm): IdentityCorrections {
  const changes: Record<string, string | null> = {};
  for (const field of FORM_FIELDS) {
    const value = form[field].trim();
    if (value === (identity[field] ?? '')) continue;
    changes[field] = value === '' && !REQUIRED.includes(field) ? null : value;
  }
  return changes;
}
