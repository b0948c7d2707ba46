import type { PatientScope } from '../access/patient-scope.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid } from '../shared/new-id.ts';
import type { Stay } from '../stays/stay.ts';
import type { Appointment, CareTeamMember, DocumentSummary } from './coordination-record.ts';

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'fulfilled', 'noshow'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** An appointment of the record, past or upcoming, with where it stands. */
export interface AppointmentEntry extends Appointment {
  readonly status: AppointmentStatus;
}

/** The parts of a record that are read on their own, by their id (a FHIR read names no patient). */
export type RecordPart = 'document' | 'appointment' | 'stay' | 'pathway-enrolment' | 'sharing-choice';

/**
 * Port: the patient a part belongs to. It shows nothing of the part: it only says whose gate to open,
 * and the part is then read under that patient's scope.
 */
export interface RecordPartOwners {
  patientOf(part: RecordPart, id: string): Promise<string | undefined>;
}

/**
 * The patient of a part named by id, whose gate is then opened. Error: `not-found` (a text that is no
 * UUID too: it never reaches the uuid columns).
 */
export async function ownerOf(owners: RecordPartOwners, part: RecordPart, id: string): Promise<string> {
  const patientId = isUuid(id) ? await owners.patientOf(part, id) : undefined;
  if (patientId === undefined) throw new DomainError('not-found', `no ${part} with id ${id}`);
  return patientId;
}

/** Port: a patient's record, one part at a time; every method takes the scope the gate handed out. */
export interface RecordPartReader {
  /** The running memberships, the médecin traitant first. */
  careTeam(scope: PatientScope): Promise<CareTeamMember[]>;
  /** The documents the scope shows (hidden categories left out), newest first. */
  documents(scope: PatientScope): Promise<DocumentSummary[]>;
  /** One document whatever its category: the caller checks the category against the scope. */
  document(scope: PatientScope, documentId: string): Promise<DocumentSummary | undefined>;
  /** Every appointment, past and upcoming, whatever its status, by start. */
  appointments(scope: PatientScope): Promise<AppointmentEntry[]>;
  appointment(scope: PatientScope, appointmentId: string): Promise<AppointmentEntry | undefined>;
  /** The hospital stays, latest admission first. */
  stays(scope: PatientScope): Promise<Stay[]>;
  stay(scope: PatientScope, stayId: string): Promise<Stay | undefined>;
}
