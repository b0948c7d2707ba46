import type { AccessPurpose } from '../access/patient-access-policy.ts';
import { auditEntryFor, type PatientAccess, type RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';
import type { StayReader } from '../stays/stay-ports.ts';
import type { Stay } from '../stays/stay.ts';

declare const grantedByStayGate: unique symbol;

/**
 * Proof that the stay gate let `principal` act on one stay's documents for `purpose`, audited. The
 * discharge stores take it, so a stay's letter is never read around the gate. Only this file makes one.
 */
export interface StayScope {
  readonly patientId: string;
  readonly stayId: string;
  readonly principal: Principal;
  readonly purpose: AccessPurpose;
  /** How access was granted: as staff of the stay's hospital, or through the patient's care team. */
  readonly via: 'hospital-staff' | 'care-team';
  readonly [grantedByStayGate]: true;
}

/** Where a practitioner and a stay's service sit in the directory (hospital = the service's parent). */
export interface StayStaffFacts {
  /** The hospital the practitioner works in (their organisation, or its parent for a service); null if none. */
  practitionerHospital(practitionerId: string): Promise<string | null>;
  /** The hospital a service belongs to (its parent), or null. */
  serviceHospital(serviceId: string): Promise<string | null>;
}

/** What the stay's hospital staff may do without being in the care team: read and write its letter. */
export const HOSPITAL_STAFF_RESOURCES: readonly string[] = ['discharge-letter'];

/**
 * Whether a professional is staff of the hospital where the stay took place: the stay's hospital is
 * its `hospitalId`, else its service's parent. Pure.
 */
export function isStaffOfStay(
  stay: Pick<Stay, 'hospitalId'>,
  serviceHospitalId: string | null,
  practitionerHospitalId: string | null,
): boolean {
  const stayHospital = stay.hospitalId ?? serviceHospitalId;
  return stayHospital !== null && practitionerHospitalId === stayHospital;
}

/**
 * The gate to one stay's discharge documents, modelled on the referral gate: the hospital's staff act
 * on the stay's letter (decision audited, allowed or refused alike), everyone else goes through
 * PatientAccess (which audits). Errors: `not-found` (no such stay, after the access check), `forbidden`.
 */
export function createStayGate(deps: {
  stays: StayReader;
  staff: StayStaffFacts;
  access: PatientAccess;
  audit: AuditTrail;
  clock: Clock;
}) {
  const { stays, staff, access, audit, clock } = deps;
  return {
    async open(
      principal: Principal,
      patientId: string,
      stayId: string,
      purpose: AccessPurpose,
      origin: RequestOrigin,
    ): Promise<{ readonly stay: Stay; readonly scope: StayScope }> {
      const stay = isUuid(stayId) ? await stays.byId(patientId, stayId) : null;
      const scopeOf = (via: StayScope['via']) =>
        ({ patientId, stayId, principal, purpose, via }) as StayScope;
      if (
        stay !== null &&
        stay.status !== 'cancelled' &&
        principal.kind === 'professional' &&
        HOSPITAL_STAFF_RESOURCES.includes(purpose.resource) &&
        (await staffOf(stay, principal.practitionerId))
      ) {
        await audit.append([
          auditEntryFor(principal, patientId, purpose, origin, clock(), {
            outcome: 'allowed',
            reason: "staff of the stay's hospital",
            role: 'hospital-staff',
          }),
        ]);
        return { stay, scope: scopeOf('hospital-staff') };
      }
      await access.open(principal, patientId, purpose, origin);
      if (stay === null || stay.status === 'cancelled')
        throw new DomainError('not-found', `no stay with id ${stayId}`);
      return { stay, scope: scopeOf('care-team') };
    },
  };

  async function staffOf(stay: Stay, practitionerId: string): Promise<boolean> {
    const [serviceHospital, practitionerHospital] = await Promise.all([
      stay.hospitalId === null && stay.serviceId !== null
        ? staff.serviceHospital(stay.serviceId)
        : Promise.resolve(null),
      staff.practitionerHospital(practitionerId),
    ]);
    return isStaffOfStay(stay, serviceHospital, practitionerHospital);
  }
}

export type StayGate = ReturnType<typeof createStayGate>;
