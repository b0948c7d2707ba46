import type { Extension, OperationOutcomeIssue, Patient } from '@medplum/fhirtypes';
import { isIdentityStatus } from '../../domain/identity/identity-status.ts';
import { insKindFromOid, normalizeInsMatricule } from '../../domain/identity/ins.ts';
import type { PatientIdentityInput } from '../../domain/identity/patient-registration.ts';
import { issue } from '../fhir-error.ts';
import {
  ADDRESS_INSEE_CODE_URL,
  BIRTH_LIST_GIVEN_NAME_URL,
  BIRTH_PLACE_URL,
  IDENTITY_RELIABILITY_URL,
  LEGACY_INS_C_SYSTEM,
} from '../fr-core.ts';

/** The elements of a Patient that Relais keeps, or reads and drops on purpose (narrative, meta, id). */
const MAPPED = new Set([
  'resourceType',
  'id',
  'meta',
  'text',
  'extension',
  'identifier',
  'name',
  'telecom',
  'gender',
  'birthDate',
  'address',
  'generalPractitioner',
]);

/** What a Patient says, as the domain takes it, or the issues that keep it from being taken. */
export type PatientReading =
  | {
      readonly ok: true;
      readonly identity: PatientIdentityInput;
      /** References of `generalPractitioner`, for the caller to check (only themself is accepted). */
      readonly generalPractitioners: readonly string[];
    }
  | { readonly ok: false; readonly issues: readonly OperationOutcomeIssue[] };

/**
 * Reads a Patient (already valid against R4) into a registration identity. Every element Relais cannot
 * keep is refused with its path rather than dropped: identifiers other than the INS (the legacy INS-C
 * is read and dropped), a second INS, names other than official/usual, partial birth dates, telecom
 * other than one phone and one e-mail, several addresses, unknown extensions.
 */
export function patientFromFhir(patient: Patient): PatientReading {
  const issues: OperationOutcomeIssue[] = [];
  const notKept = (path: string, what: string) =>
    issues.push(issue('not-supported', `${what} is not kept by Relais`, `Patient.${path}`));
  for (const element of Object.keys(patient))
    if (!MAPPED.has(element)) notKept(element, `Patient.${element}`);

  let identityStatus = 'PROV';
  let birthPlaceCode: string | undefined;
  (patient.extension ?? []).forEach((extension, index) => {
    const path = `extension[${index}]`;
    if (extension.url === IDENTITY_RELIABILITY_URL) {
      const code = subExtension(extension, 'identityStatus')?.valueCoding?.code;
      if (code === undefined || !isIdentityStatus(code))
        issues.push(
          issue('code-invalid', 'identityStatus must be PROV, RECUP, VALI or QUAL', `Patient.${path}`),
        );
      else identityStatus = code;
    } else if (extension.url === BIRTH_PLACE_URL) {
      const insee = extension.valueAddress?.extension?.find((inner) => inner.url === ADDRESS_INSEE_CODE_URL);
      const code = insee?.valueCoding?.code;
      if (code === undefined)
        issues.push(
          issue(
            'required',
            'the birth place needs its INSEE code (fr-core-address-insee-code)',
            `Patient.${path}`,
          ),
        );
      else birthPlaceCode = code;
    } else notKept(path, `extension ${extension.url}`);
  });

  let ins: PatientIdentityInput['ins'];
  (patient.identifier ?? []).forEach((identifier, index) => {
    const path = `identifier[${index}]`;
    const system = identifier.system ?? '';
    if (system === LEGACY_INS_C_SYSTEM) return;
    if (insKindFromOid(system) === undefined || !system.startsWith('urn:oid:'))
      return notKept(`${path}.system`, `identifier system '${system}' (only the INS is)`);
    if (identifier.value === undefined)
      return issues.push(issue('required', 'an INS identifier needs its value', `Patient.${path}.value`));
    if (ins !== undefined)
      return issues.push(issue('business-rule', 'a patient has one INS', `Patient.${path}`));
    ins = { matricule: normalizeInsMatricule(identifier.value), oid: system.replace(/^urn:oid:/, '') };
  });

  const names = readNames(patient, issues, notKept);
  const contact = readContact(patient, issues, notKept);
  if (patient.gender !== undefined && !['male', 'female', 'unknown'].includes(patient.gender))
    issues.push(
      issue(
        'code-invalid',
        `gender must be male, female or unknown (INS traits), got '${patient.gender}'`,
        'Patient.gender',
      ),
    );
  if (patient.birthDate === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate))
    issues.push(issue('required', 'birthDate must be a full date (YYYY-MM-DD)', 'Patient.birthDate'));

  if (issues.length > 0 || names === undefined) return { ok: false, issues };
  return {
    ok: true,
    identity: {
      ins,
      identityStatus,
      ...names,
      sex: patient.gender === 'male' || patient.gender === 'female' ? patient.gender : 'unknown',
      birthDate: patient.birthDate ?? '',
      birthPlaceCode,
      ...contact,
    },
    generalPractitioners: (patient.generalPractitioner ?? []).map((reference) => reference.reference ?? ''),
  };
}

function subExtension(extension: Extension, url: string): Extension | undefined {
  return extension.extension?.find((inner) => inner.url === url);
}

type NotKept = (path: string, what: string) => void;

function readNames(patient: Patient, issues: OperationOutcomeIssue[], notKept: NotKept) {
  let official: Pick<PatientIdentityInput, 'birthFamilyName' | 'firstGivenName' | 'givenNames'> | undefined;
  let usual: Pick<PatientIdentityInput, 'usedFamilyName' | 'usedGivenName'> = {};
  const all = patient.name ?? [];
  all.forEach((name, index) => {
    const path = `Patient.name[${index}]`;
    const use = name.use ?? (all.length === 1 ? 'official' : undefined);
    if (use === 'official' && official === undefined) {
      const [first] = name.given ?? [];
      const list = name.extension?.find((inner) => inner.url === BIRTH_LIST_GIVEN_NAME_URL)?.valueString;
      if (name.family === undefined || first === undefined) {
        issues.push(issue('required', 'the birth name needs its family name and a given name', path));
        return;
      }
      official = {
        birthFamilyName: name.family,
        firstGivenName: first,
        givenNames: list ?? (name.given ?? []).join(' '),
      };
    } else if (use === 'usual' && usual.usedFamilyName === undefined && usual.usedGivenName === undefined) {
      usual = { usedFamilyName: name.family, usedGivenName: name.given?.[0] };
    } else notKept(`name[${index}]`, `a name of use '${use ?? 'none'}' (one official and one usual are)`);
  });
  if (official === undefined && !issues.some((one) => one.expression?.[0]?.startsWith('Patient.name')))
    issues.push(
      issue('required', "a Patient needs its birth name (name with use 'official')", 'Patient.name'),
    );
  return official === undefined ? undefined : { ...official, ...usual };
}

function readContact(patient: Patient, issues: OperationOutcomeIssue[], notKept: NotKept) {
  const contact: { phone?: string; email?: string; address?: string } = {};
  (patient.telecom ?? []).forEach((point, index) => {
    const system = point.system;
    if (
      (system === 'phone' || system === 'email') &&
      contact[system] === undefined &&
      point.value !== undefined
    )
      contact[system] = point.value;
    else notKept(`telecom[${index}]`, `telecom '${system ?? 'none'}' beyond one phone and one e-mail`);
  });
  (patient.address ?? []).forEach((address, index) => {
    if (index > 0) {
      notKept(`address[${index}]`, 'a second address');
      return;
    }
    const text =
      address.text ??
      [...(address.line ?? []), [address.postalCode, address.city].filter(Boolean).join(' ')]
        .filter((part) => part !== '')
        .join(', ');
    if (text === '') issues.push(issue('required', 'the address is empty', `Patient.address[${index}]`));
    else contact.address = text;
  });
  return contact;
}
