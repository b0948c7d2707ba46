import { auditEntryFor, type PatientAccess, type RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { CoordinationRecord, LabResult } from './coordination-record.ts';
import type { PatientVersionReader, VersionedIdentity } from './patient-versions.ts';

/** A patient's whole record as the caller may see it: the identity's current version and every entry. */
export interface PatientEverything {
  readonly patient: VersionedIdentity;
  readonly careTeam: CoordinationRecord['careTeam'];
  readonly conditions: CoordinationRecord['conditions'];
  readonly medications: CoordinationRecord['medications'];
  readonly allergies: CoordinationRecord['allergies'];
  /** Every result, not only the latest the record shows. */
  readonly results: readonly LabResult[];
  /** Documents of the categories the scope shows. */
  readonly documents: CoordinationRecord['documents'];
  readonly upcomingAppointments: CoordinationRecord['upcomingAppointments'];
}

/** Port: the record's entries read under an open scope, as of `now` (upcoming appointments after it). */
export interface PatientEverythingReader {
  read(scope: PatientScope, now: Date): Promise<Omit<PatientEverything, 'patient'>>;
}

/**
 * The whole record of one patient in one access (FHIR `Patient/$everything`, `relais export patient`):
 * one pass through the gate, audited as a read of `everything`; an export adds its `export` row once
 * the record is read, as the GDPR export does, since to the DPO an export is an export.
 */
export function createPatientEverythingService(deps: {
  access: PatientAccess;
  audit: AuditTrail;
  versions: PatientVersionReader;
  reader: PatientEverythingReader;
  clock: Clock;
}) {
  const { access, clock } = deps;
  const load = async (scope: PatientScope, now: Date): Promise<PatientEverything> => {
    const [patient, entries] = await Promise.all([
      deps.versions.current(scope),
      deps.reader.read(scope, now),
    ]);
    if (patient === undefined) throw new DomainError('not-found', `no patient with id ${scope.patientId}`);
    return { patient, ...entries };
  };
  const readEverything = (
    principal: Principal,
    patientId: string,
    origin: RequestOrigin,
    resource: string,
  ) => {
    const now = clock();
    return access.read(principal, patientId, { action: 'read', resource }, origin, (scope) =>
      load(scope, now).then((everything) => ({ scope, everything })),
    );
  };

  return {
    /** The record, read. Errors: `not-found`, `forbidden`. */
    async read(principal: Principal, patientId: string, origin: RequestOrigin): Promise<PatientEverything> {
      return (await readEverything(principal, patientId, origin, 'everything')).everything;
    },

    /** The record, exported (read, then the `export` audit row). Errors: `not-found`, `forbidden`. */
    async export(principal: Principal, patientId: string, origin: RequestOrigin): Promise<PatientEverything> {
      const { scope, everything } = await readEverything(principal, patientId, origin, 'fhir-export');
      await deps.audit.append([
        auditEntryFor(principal, patientId, { action: 'export', resource: 'fhir-export' }, origin, clock(), {
          outcome: 'allowed',
          reason: `whole record exported as a FHIR Bundle (access: ${scope.basis})`,
          role: null,
        }),
      ]);
      return everything;
    },
  };
}

export type PatientEverythingService = ReturnType<typeof createPatientEverythingService>;
