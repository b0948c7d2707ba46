import type { InsKind } from '../identity/ins.ts';
import type { AdmissionKind, PatientClass } from '../stays/stay.ts';

/** The ADT events Relais acts on (issue 7); any other trigger is read but changes nothing. */
export const HANDLED_ADT_EVENTS = ['A01', 'A02', 'A03', 'A04', 'A08', 'A11', 'A13', 'A40'] as const;
export type HandledAdtEvent = (typeof HANDLED_ADT_EVENTS)[number];

export function isHandledAdtEvent(code: string): code is HandledAdtEvent {
  return (HANDLED_ADT_EVENTS as readonly string[]).includes(code);
}

/**
 * A national identifier from PID-3: an INS (reference A4 OIDs .8/.9/.10/.11), or the obsolete INS-C
 * (…4.2), which is read so that it is recognised, and never used to match (reference A4).
 */
export interface NationalId {
  readonly kind: InsKind | 'INS-C';
  readonly value: string;
  /** Whether the value is a well-formed INS with a right key (always false for INS-C). */
  readonly valid: boolean;
}

/** A patient identifier the hospital assigned (IPP), named by its assigning authority (CX-4). */
export interface LocalPatientId {
  /** CX-4's universal id (an OID) when given, else its namespace id; '' when the sender gives none. */
  readonly authority: string;
  readonly id: string;
}

/** The identity traits of PID (reference A5's strict traits, as the hospital sends them). */
export interface AdtTraits {
  /** PID-5 of type L (nom de naissance), or the first name when none is typed. */
  readonly birthFamilyName: string | null;
  readonly firstGivenName: string | null;
  /** PID-5.3, the list of birth given names in PAM France. */
  readonly givenNames: string | null;
  /** PID-5 of type D (nom d'usage), when sent. */
  readonly usedFamilyName: string | null;
  readonly birthDate: string | null;
  readonly sex: 'male' | 'female' | 'unknown';
  /** PID-11 address of type BDL: the INSEE code of the birthplace. */
  readonly birthPlaceCode: string | null;
  /** PID-32 (table 0445: PROV, VALI, DOUT, FICT…), as sent. */
  readonly identityReliability: readonly string[];
}

/** PV1: the visit (stay) the message is about. */
export interface AdtVisit {
  readonly visitNumber: string | null;
  readonly patientClass: PatientClass | null;
  readonly unit: string | null;
  readonly admissionKind: AdmissionKind;
  readonly attending: string | null;
  readonly dischargeDisposition: string | null;
  readonly admittedAt: Date | null;
  readonly dischargedAt: Date | null;
}

/** PAM France's ZBE movement segment. */
export interface AdtMovement {
  readonly id: string | null;
  readonly at: Date | null;
  readonly action: 'INSERT' | 'UPDATE' | 'CANCEL' | null;
  /** ZBE-7, the functional unit (UF) medically responsible. */
  readonly unit: string | null;
}

/** One ADT message, mapped: what Relais needs to match the patient and apply the movement. */
export interface AdtEvent {
  readonly event: string;
  readonly facility: string;
  /** EVN-2 (recorded) or, failing it, the movement's time or MSH-7. */
  readonly recordedAt: Date | null;
  /** EVN-6 (when the event happened), when sent. */
  readonly occurredAt: Date | null;
  readonly nationalIds: readonly NationalId[];
  readonly localIds: readonly LocalPatientId[];
  readonly traits: AdtTraits;
  readonly visit: AdtVisit | null;
  readonly movement: AdtMovement | null;
  readonly procedureCount: number;
  /** A40: the retired identifiers (MRG-1) that now name the patient of PID-3. */
  readonly mergedLocalIds: readonly LocalPatientId[];
}

/** The INS that may be used to match: valid, and not the obsolete INS-C. */
export function matchableIns(event: Pick<AdtEvent, 'nationalIds'>): readonly string[] {
  return [
    ...new Set(event.nationalIds.filter((id) => id.kind !== 'INS-C' && id.valid).map((id) => id.value)),
  ];
}
