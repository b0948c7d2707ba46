import type { DomainEvent, EventType } from '../journal/domain-event.ts';

export const STAY_STATUSES = ['admitted', 'discharged', 'cancelled'] as const;
export type StayStatus = (typeof STAY_STATUSES)[number];

/** PV1-2: hospitalised, seen and sent home, or an emergency-department visit. */
export const PATIENT_CLASSES = ['inpatient', 'outpatient', 'emergency'] as const;
export type PatientClass = (typeof PATIENT_CLASSES)[number];

/** PV1-4, as readmission scores read it: emergency and urgent admissions are "acute". */
export const ADMISSION_KINDS = ['emergency', 'urgent', 'elective', 'unknown'] as const;
export type AdmissionKind = (typeof ADMISSION_KINDS)[number];

/**
 * A hospital stay as the hospital's ADT messages describe it. `facility` is the sending facility
 * (MSH-4, a FINESS in PAM France) and `visitNumber` its visit number (PV1-19), which together name the
 * stay; `hospitalId`/`serviceId` are the directory's organisations when the facility and unit are known.
 */
export interface Stay {
  readonly id: string;
  readonly patientId: string;
  readonly facility: string;
  readonly hospitalId: string | null;
  readonly visitNumber: string;
  readonly patientClass: PatientClass;
  readonly admissionKind: AdmissionKind;
  readonly status: StayStatus;
  /** The unit the patient is in (or left from), as the hospital names it. */
  readonly unit: string | null;
  readonly serviceId: string | null;
  /** The attending doctor, as sent (a name). */
  readonly attending: string | null;
  readonly admittedAt: Date;
  readonly dischargedAt: Date | null;
  /** PV1-36, e.g. home, transfer, death. */
  readonly dischargeDisposition: string | null;
  /** Procedures reported for the stay (PR1 segments), which the HOSPITAL score counts. */
  readonly procedureCount: number;
  readonly updatedAt: Date;
  /** Bumped on each change, for optimistic concurrency. */
  readonly version: number;
}

export type StayEventType = Extract<EventType, `stay.${string}`>;

/**
 * The journal event of a change to a stay, at `occurredAt` (the movement's time as the hospital gives
 * it, so a discharge pathway counts from the discharge, not from when the message came in).
 */
export function stayEvent(
  type: StayEventType,
  stay: Stay,
  context: { readonly id: string; readonly occurredAt: Date; readonly fromUnit?: string | null },
): DomainEvent {
  return {
    id: context.id,
    type,
    patientId: stay.patientId,
    actorAccountId: null,
    occurredAt: context.occurredAt,
    payload: {
      stayId: stay.id,
      facility: stay.facility,
      unit: stay.unit,
      patientClass: stay.patientClass,
      admissionKind: stay.admissionKind,
      admittedAt: stay.admittedAt.toISOString(),
      dischargedAt: stay.dischargedAt?.toISOString() ?? null,
      ...(context.fromUnit === undefined ? {} : { fromUnit: context.fromUnit }),
    },
  };
}

/** Whole days in hospital, as length-of-stay scores count them (admission day 0); null while admitted. */
export function lengthOfStayDays(stay: Pick<Stay, 'admittedAt' | 'dischargedAt'>): number | null {
  if (stay.dischargedAt === null) return null;
  const day = 24 * 60 * 60 * 1000;
  return Math.max(0, Math.floor((stay.dischargedAt.getTime() - stay.admittedAt.getTime()) / day));
}
