import type { DataCategory } from '../access/data-category.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { ValidIdentity } from '../identity/patient-registration.ts';
import type { ClinicalEntry } from './clinical-entry.ts';
import type { CoordinationRecord, PatientSearchHit, PortalSummary } from './coordination-record.ts';
import type { PatientQuery } from './patient-query.ts';

/** A patient to create: identity, first care team, initial entries, and the events that say so. */
export interface NewPatient {
  readonly patientId: string;
  readonly identity: ValidIdentity;
  readonly entries: readonly { readonly id: string; readonly entry: ClinicalEntry }[];
  readonly events: readonly DomainEvent[];
}

/** Port: reads patient data. Every method takes a scope, i.e. a passed and audited access check. */
export interface RecordReader {
  /** The whole coordination record as of `now` (upcoming appointments are after it). */
  readRecord(scope: PatientScope, now: Date): Promise<Omit<CoordinationRecord, 'access'>>;
  /** The portal's part of the record as of `now`. */
  readPortalSummary(scope: PatientScope, now: Date): Promise<PortalSummary>;
  /** A document's bytes, or undefined when the patient has no such document. */
  readDocument(
    scope: PatientScope,
    documentId: string,
  ): Promise<
    { title: string; mimeType: string; content: Uint8Array; category: DataCategory | null } | undefined
  >;
}

/** Port: finds patients within a practitioner's reach (active care-team membership) only. */
export interface PatientFinder {
  search(practitionerId: string, query: PatientQuery, limit: number): Promise<PatientSearchHit[]>;
}

/** Port: writes state and its events in one transaction (the outbox). */
export interface RecordWriter {
  /** Inserts the patients with everything they carry; all or nothing. Error: `conflict` on a duplicate INS. */
  registerPatients(patients: readonly NewPatient[]): Promise<void>;
  /** Adds one entry with its event. Error: `not-found` when a referenced practitioner does not exist. */
  addEntry(scope: PatientScope, id: string, entry: ClinicalEntry, event: DomainEvent): Promise<void>;
}
