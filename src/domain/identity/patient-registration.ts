import { DomainError } from '../shared/domain-error.ts';
import { isIdentityStatus, type IdentityStatus } from './identity-status.ts';
import { INS_OIDS, insKindFromOid, parseInsMatricule } from './ins.ts';

/** What a professional (or an import) gives to register a patient's identity. */
export interface PatientIdentityInput {
  readonly ins?: { readonly matricule: string; readonly oid: string } | undefined;
  readonly identityStatus: string;
  readonly birthFamilyName: string;
  readonly firstGivenName: string;
  readonly givenNames?: string | undefined;
  readonly usedFamilyName?: string | undefined;
  readonly usedGivenName?: string | undefined;
  readonly sex: 'male' | 'female' | 'unknown';
  readonly birthDate: string;
  readonly birthPlaceCode?: string | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly address?: string | undefined;
}

/** A checked identity, ready to store. */
export interface ValidIdentity {
  readonly ins: { readonly matricule: string; readonly oid: string } | null;
  readonly identityStatus: IdentityStatus;
  readonly birthFamilyName: string;
  readonly firstGivenName: string;
  readonly givenNames: string;
  readonly usedFamilyName: string | null;
  readonly usedGivenName: string | null;
  readonly sex: 'male' | 'female' | 'unknown';
  readonly birthDate: string;
  readonly birthPlaceCode: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly address: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks an identity against the INS rules (french-health-it.md A1–A6). Error: `invalid-input`
 * listing every problem found, so the user can fix them in one go.
 */
export function validatePatientIdentity(input: PatientIdentityInput, today: string): ValidIdentity {
  const problems: string[] = [];
  const status = input.identityStatus;
  if (!isIdentityStatus(status))
    problems.push(`identityStatus must be PROV, RECUP, VALI or QUAL, got "${status}"`);
  for (const [field, value] of [
    ['birthFamilyName', input.birthFamilyName],
    ['firstGivenName', input.firstGivenName],
  ] as const) {
    if (value.trim() === '') problems.push(`${field} must not be empty`);
  }
  if (!ISO_DATE.test(input.birthDate) || Number.isNaN(Date.parse(`${input.birthDate}T00:00:00Z`))) {
    problems.push(`birthDate must be a date as YYYY-MM-DD, got "${input.birthDate}"`);
  } else if (input.birthDate > today) {
    problems.push(`birthDate ${input.birthDate} is in the future`);
  }
  const ins = input.ins === undefined ? null : checkIns(input.ins, input.sex, problems);
  // RNIV: récupérée and qualifiée both mean the INSi teleservice returned the INS, so one must be given.
  if ((status === 'RECUP' || status === 'QUAL') && input.ins === undefined) {
    problems.push(`identity status ${status} requires the INS returned by INSi`);
  }
  if (problems.length > 0 || !isIdentityStatus(status)) {
    throw new DomainError('invalid-input', `invalid patient identity: ${problems.join('; ')}`, problems);
  }
  return {
    ins,
    identityStatus: status,
    birthFamilyName: input.birthFamilyName.trim(),
    firstGivenName: input.firstGivenName.trim(),
    givenNames: (input.givenNames ?? input.firstGivenName).trim(),
    usedFamilyName: blankToNull(input.usedFamilyName),
    usedGivenName: blankToNull(input.usedGivenName),
    sex: input.sex,
    birthDate: input.birthDate,
    birthPlaceCode: blankToNull(input.birthPlaceCode),
    phone: blankToNull(input.phone),
    email: blankToNull(input.email),
    address: blankToNull(input.address),
  };
}

function checkIns(
  ins: { matricule: string; oid: string },
  sex: PatientIdentityInput['sex'],
  problems: string[],
): { matricule: string; oid: string } | null {
  const kind = insKindFromOid(ins.oid);
  if (kind === undefined) {
    problems.push(
      `INS OID ${ins.oid} is not an INS OID (expected one of ${Object.values(INS_OIDS).join(', ')})`,
    );
  }
  const parsed = parseInsMatricule(ins.matricule);
  if (!parsed.ok) {
    problems.push(parsed.error);
    return null;
  }
  if (sex !== 'unknown' && parsed.sex !== sex) {
    problems.push(`sex ${sex} contradicts the INS, whose first digit says ${parsed.sex}`);
  }
  return kind === undefined ? null : { matricule: parsed.matricule, oid: INS_OIDS[kind] };
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
