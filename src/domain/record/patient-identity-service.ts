import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import type { CareTeamRole } from '../care-team/care-team-role.ts';
import { mayShareIns } from '../identity/identity-status.ts';
import type { PatientIdentityInput, ValidIdentity } from '../identity/patient-registration.ts';
import { staleVersion, type IdentityCorrections } from '../patient-rights/identity-rectification.ts';
import type { IdentityRectificationService } from '../patient-rights/identity-rectification-service.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { PatientCriteria, PatientPage } from './patient-criteria.ts';
import type { PatientVersionReader, VersionedIdentity } from './patient-versions.ts';
import type { RecordService } from './record-service.ts';
import { auditSearchHits } from './search-audit.ts';

/** Port: the criteria search within a practitioner's reach (the total counts only those patients). */
export type PatientCriteriaFinder = (
  practitionerId: string,
  criteria: PatientCriteria,
) => Promise<PatientPage<VersionedIdentity>>;

const READ_IDENTITY = { action: 'read', resource: 'identity' } as const;
const WRITE_IDENTITY = { action: 'write', resource: 'identity' } as const;

/**
 * A correction built from what the caller read gives no INS when the INS was withheld from them (the
 * identity is not qualifiée): that is no request to remove it, so it stays.
 */
function keepingWithheldIns(current: ValidIdentity, corrections: IdentityCorrections): IdentityCorrections {
  if (corrections.ins !== null || current.ins === null || mayShareIns(current.identityStatus))
    return corrections;
  return Object.fromEntries(Object.entries(corrections).filter(([field]) => field !== 'ins'));
}

/** Whether every correction gives the value the identity already has (blank and absent alike). */
function changesNothing(current: ValidIdentity, corrections: IdentityCorrections): boolean {
  const normal = (value: unknown) =>
    typeof value === 'string' ? value.trim() || null : value === undefined ? null : value;
  return Object.entries(corrections).every(
    ([field, value]) =>
      JSON.stringify(normal(current[field as keyof ValidIdentity])) === JSON.stringify(normal(value)),
  );
}

/**
 * A patient's identity as a versioned resource (the FHIR Patient): read, versions, search, registration
 * and correction, each through the access gate and the audit trail, reusing the record's registration
 * and the rectification use cases so their rules hold here too.
 */
export function createPatientIdentityService(deps: {
  access: PatientAccess;
  audit: AuditTrail;
  versions: PatientVersionReader;
  find: PatientCriteriaFinder;
  record: RecordService;
  rectification: IdentityRectificationService;
  clock: Clock;
}) {
  const { access, versions } = deps;

  return {
    /** The current version. Errors: `not-found`, `forbidden`. */
    async read(principal: Principal, patientId: string, origin: RequestOrigin) {
      const current = await access.read(principal, patientId, READ_IDENTITY, origin, (scope) =>
        versions.current(scope),
      );
      if (current === undefined) throw new DomainError('not-found', `no patient with id ${patientId}`);
      return current;
    },

    /** One version. Errors: `not-found` (patient or version), `forbidden`. */
    async readVersion(principal: Principal, patientId: string, versionId: number, origin: RequestOrigin) {
      const version = await access.read(principal, patientId, READ_IDENTITY, origin, (scope) =>
        versions.version(scope, versionId),
      );
      if (version === undefined)
        throw new DomainError('not-found', `patient ${patientId} has no version ${versionId}`);
      return version;
    },

    /** Every version, newest first. Errors: `not-found`, `forbidden`. */
    async history(principal: Principal, patientId: string, origin: RequestOrigin) {
      return access.read(principal, patientId, READ_IDENTITY, origin, (scope) => versions.history(scope));
    },

    /**
     * The patients within the professional's reach meeting the criteria; every hit is audited as the
     * patient search does. Error: `forbidden` for anyone but a professional.
     */
    async search(
      principal: Principal,
      criteria: PatientCriteria,
      origin: RequestOrigin,
    ): Promise<PatientPage<VersionedIdentity>> {
      if (principal.kind !== 'professional')
        throw new DomainError('forbidden', 'only professionals search patients');
      const page = await deps.find(principal.practitionerId, criteria);
      const ids = page.patients.map((patient) => patient.patientId);
      await auditSearchHits(deps.audit, principal, ids, origin, deps.clock());
      return page;
    },

    /**
     * Registers a patient with the professional in their care team (in `role`), as the record's
     * registration does, and answers the first version as written: the registration's audited write
     * covers it, as any create answers what it wrote (no read-back). Errors: those of the registration.
     */
    async register(
      principal: Principal,
      identity: PatientIdentityInput,
      role: CareTeamRole,
      origin: RequestOrigin,
    ): Promise<VersionedIdentity> {
      if (principal.kind !== 'professional')
        throw new DomainError('forbidden', 'only professionals register patients');
      const member = { kind: 'care-team-member', practitionerId: principal.practitionerId, role } as const;
      const [registered] = await deps.record.registerPatients(
        { kind: 'principal', principal },
        [{ identity, entries: [member] }],
        origin,
      );
      if (registered === undefined) throw new Error('the registration answered no patient');
      return registered;
    },

    /**
     * Corrects the identity as the rectification does (history kept), when `expectedVersion` (if given)
     * is still the current one; the status is the domain's to change, so the one given must be the
     * current one. The same identity again writes nothing and answers the current version. Errors:
     * those of the rectification, `precondition-failed` on a stale version.
     */
    async correct(
      principal: Principal,
      patientId: string,
      change: { corrections: IdentityCorrections; identityStatus: string },
      options: { reason: string; expectedVersion: number | undefined },
      origin: RequestOrigin,
    ): Promise<VersionedIdentity> {
      const scope = await access.open(principal, patientId, WRITE_IDENTITY, origin);
      const current = await versions.current(scope);
      if (current === undefined) throw new DomainError('not-found', `no patient with id ${patientId}`);
      const expectedVersion = options.expectedVersion ?? current.versionId;
      if (expectedVersion !== current.versionId) throw staleVersion(expectedVersion, current.versionId);
      if (change.identityStatus !== current.identity.identityStatus) {
        throw new DomainError(
          'invalid-input',
          `the identity status is ${current.identity.identityStatus}: it follows from how the identity was checked and cannot be set by a correction`,
        );
      }
      const corrections = keepingWithheldIns(current.identity, change.corrections);
      if (changesNothing(current.identity, corrections)) return current;
      const done = await deps.rectification.rectify(
        principal,
        patientId,
        corrections,
        options.reason,
        origin,
        expectedVersion,
      );
      return { patientId, versionId: done.versionId, lastUpdated: done.rectifiedAt, identity: done.identity };
    },
  };
}

export type PatientIdentityService = ReturnType<typeof createPatientIdentityService>;
