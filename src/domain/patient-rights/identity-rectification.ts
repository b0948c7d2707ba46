import type { DomainEvent } from '../journal/domain-event.ts';
import { identityStatusFrom, type IdentityStatus } from '../identity/identity-status.ts';
import {
  validatePatientIdentity,
  type PatientIdentityInput,
  type ValidIdentity,
} from '../identity/patient-registration.ts';
import { DomainError } from '../shared/domain-error.ts';

/** The identity traits and contact details a professional may correct (the status is not one of them). */
export const RECTIFIABLE_FIELDS = [
  'ins',
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
] as const;
export type RectifiableField = (typeof RECTIFIABLE_FIELDS)[number];

/** The strict traits of the RNIV: the ones an identity is checked on. */
export const STRICT_TRAITS: readonly RectifiableField[] = [
  'birthFamilyName',
  'firstGivenName',
  'givenNames',
  'birthDate',
  'sex',
  'birthPlaceCode',
];

/** The corrections asked for; null clears an optional field (a used name, the INS, a contact detail). */
export interface IdentityCorrections {
  readonly ins?: { readonly matricule: string; readonly oid: string } | null;
  readonly birthFamilyName?: string;
  readonly firstGivenName?: string;
  readonly givenNames?: string;
  readonly usedFamilyName?: string | null;
  readonly usedGivenName?: string | null;
  readonly sex?: 'male' | 'female' | 'unknown';
  readonly birthDate?: string;
  readonly birthPlaceCode?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly address?: string | null;
}

/** What a correction did to the identity status, given which kinds of field it changed. */
export type StatusAfterRectification = (
  status: IdentityStatus,
  changed: { readonly strictTrait: boolean; readonly ins: boolean },
) => IdentityStatus;

/**
 * Relais default, configurable by design (injected into the use case), not an official rule: once a
 * strict trait changes, the identity must be checked again, so the check against an identity document
 * no longer holds (qualifiée → récupérée, validée → provisoire); an INS typed in by hand was not returned
 * by INSi either, so a changed INS leaves the identity provisoire until INSi is queried again. Contact
 * details change nothing.
 */
export const LOWER_STATUS_ON_STRICT_CHANGE: StatusAfterRectification = (status, changed) => {
  if (!changed.strictTrait && !changed.ins) return status;
  const insiQueried = !changed.ins && (status === 'RECUP' || status === 'QUAL');
  return identityStatusFrom({ insiQueried, highTrustDocumentChecked: false });
};

export const REASON_MAX_LENGTH = 500;

/** The refusal of a correction made on a version that is no longer the current one. */
export function staleVersion(expected: number, current: number): DomainError {
  return new DomainError(
    'precondition-failed',
    `version ${expected} is not the current one (${current}): read the patient again`,
  );
}

/** A checked correction: the new identity and the journal event that keeps the previous values. */
export interface Rectification {
  readonly identity: ValidIdentity;
  readonly previousStatus: IdentityStatus;
  readonly changedFields: readonly RectifiableField[];
  readonly event: DomainEvent;
}

/**
 * Applies corrections to the current identity under the identity rules (INS key and OID, sex against
 * the INS, birth date, names), lowering the status as `statusAfter` says. Error: `invalid-input` naming
 * every problem (no reason, nothing changes, an invalid trait). The event's payload holds the changed
 * field names, each one's value before and after, the statuses and the reason: the history is kept.
 */
export function rectifyIdentity(
  current: ValidIdentity,
  corrections: IdentityCorrections,
  context: {
    readonly reason: string;
    readonly today: string;
    readonly statusAfter: StatusAfterRectification;
    readonly event: Pick<DomainEvent, 'id' | 'patientId' | 'actorAccountId' | 'occurredAt'>;
  },
): Rectification {
  const reason = context.reason.trim();
  const reasonProblems =
    reason === ''
      ? ['reason must say why the identity is corrected']
      : reason.length > REASON_MAX_LENGTH
        ? [`reason is longer than ${REASON_MAX_LENGTH} characters`]
        : [];
  // Checked first with the least demanding status, so the traits are normalised (trimmed, INS
  // canonical) before comparing; the new status is then checked with them.
  const corrected = validated(
    { ...inputOf(current), ...inputOfCorrections(corrections) },
    'PROV',
    context.today,
    reasonProblems,
  );
  const changedFields = RECTIFIABLE_FIELDS.filter(
    (field) => valueOf(corrected, field) !== valueOf(current, field),
  );
  if (changedFields.length === 0) {
    throw new DomainError('invalid-input', 'nothing to rectify: every value given is the current one');
  }
  const identityStatus = context.statusAfter(current.identityStatus, {
    strictTrait: changedFields.some((field) => STRICT_TRAITS.includes(field)),
    ins: changedFields.includes('ins'),
  });
  const identity = validated(inputOf(corrected), identityStatus, context.today, []);
  const values = changedFields.flatMap((field): [string, string | null][] => [
    [`${field}.before`, valueOf(current, field)],
    [`${field}.after`, valueOf(identity, field)],
  ]);
  return {
    identity,
    previousStatus: current.identityStatus,
    changedFields,
    event: {
      ...context.event,
      type: 'patient.identity-rectified',
      payload: {
        fields: changedFields.join(','),
        reason,
        identityStatusBefore: current.identityStatus,
        identityStatusAfter: identity.identityStatus,
        ...Object.fromEntries(values),
      },
    },
  };
}

function validated(
  input: PatientIdentityInput,
  status: IdentityStatus,
  today: string,
  reasonProblems: readonly string[],
): ValidIdentity {
  let problems = reasonProblems;
  try {
    const identity = validatePatientIdentity({ ...input, identityStatus: status }, today);
    if (problems.length === 0) return identity;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems = [...error.details, ...reasonProblems];
  }
  throw new DomainError('invalid-input', `invalid rectification: ${problems.join('; ')}`, problems);
}

/** One field's value as the journal keeps it: text or null (the INS as `urn:oid:<oid>|<matricule>`). */
function valueOf(identity: ValidIdentity, field: RectifiableField): string | null {
  if (field === 'ins')
    return identity.ins === null ? null : `urn:oid:${identity.ins.oid}|${identity.ins.matricule}`;
  return identity[field];
}

function inputOf(identity: ValidIdentity): PatientIdentityInput {
  return {
    ins: identity.ins ?? undefined,
    identityStatus: identity.identityStatus,
    birthFamilyName: identity.birthFamilyName,
    firstGivenName: identity.firstGivenName,
    givenNames: identity.givenNames,
    usedFamilyName: identity.usedFamilyName ?? undefined,
    usedGivenName: identity.usedGivenName ?? undefined,
    sex: identity.sex,
    birthDate: identity.birthDate,
    birthPlaceCode: identity.birthPlaceCode ?? undefined,
    phone: identity.phone ?? undefined,
    email: identity.email ?? undefined,
    address: identity.address ?? undefined,
  };
}

/** The optional fields, cleared: what a correction that gives no value for them asks. */
export const CLEARED: IdentityCorrections = {
  ins: null,
  usedFamilyName: null,
  usedGivenName: null,
  birthPlaceCode: null,
  phone: null,
  email: null,
  address: null,
};

/**
 * A whole identity given again (a FHIR update) as corrections: every field, an absent optional one
 * cleared. The status is not among them: it is the rectification's to decide.
 */
export function correctionsOf(input: PatientIdentityInput): IdentityCorrections {
  const given = Object.entries(input).filter(
    ([field, value]) => field !== 'identityStatus' && value !== undefined,
  );
  return { ...CLEARED, givenNames: input.firstGivenName, ...Object.fromEntries(given) };
}

/** The corrections as registration input: a null (cleared) becomes absent, which the rules read as none. */
function inputOfCorrections(corrections: IdentityCorrections): Partial<PatientIdentityInput> {
  const given: [string, unknown][] = Object.entries(corrections);
  return Object.fromEntries(given.map(([field, value]) => [field, value ?? undefined]));
}
