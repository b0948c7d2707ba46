import type { DataCategory } from '../access/data-category.ts';
import type { AccessBasis } from '../access/patient-access-policy.ts';
import type { IdentityStatus } from '../identity/identity-status.ts';
import type { InsKind } from '../identity/ins.ts';

/** The patient's identity as the record shows it; `ins` is present only when the INS may be shared. */
export interface PatientIdentity {
  readonly patientId: string;
  readonly identityStatus: IdentityStatus;
  readonly ins: { readonly matricule: string; readonly kind: InsKind } | null;
  /** Why the INS is withheld, when a matricule is on file but the identity is not qualified. */
  readonly insWithheldReason: string | null;
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

export interface CareTeamMember {
  readonly id: string;
  readonly practitionerId: string;
  readonly name: string;
  readonly profession: string;
  readonly specialty: string | null;
  readonly organization: string | null;
  readonly role: string;
  readonly startedOn: string;
  /** The name of the professional who added the member; null when the system did (imports, demo). */
  readonly addedBy: string | null;
}

export interface Condition {
  readonly id: string;
  readonly codeSystem: string;
  readonly code: string;
  readonly display: string;
  readonly clinicalStatus: 'active' | 'resolved';
  readonly onsetDate: string | null;
}

export interface Medication {
  readonly id: string;
  readonly atcCode: string | null;
  readonly name: string;
  readonly dosage: string;
  readonly startedOn: string | null;
  readonly status: 'active' | 'stopped';
  /** Where the line came from when not typed in (e.g. `reconciliation:<id>`), and when it was written. */
  readonly provenance: string | null;
  readonly recordedAt: string;
}

export interface Allergy {
  readonly id: string;
  readonly substance: string;
  readonly reaction: string | null;
  readonly criticality: 'low' | 'high' | 'unable-to-assess';
}

export interface LabResult {
  readonly id: string;
  readonly loincCode: string;
  readonly display: string;
  readonly valueNumeric: number | null;
  readonly valueText: string | null;
  readonly unit: string | null;
  readonly referenceRange: string | null;
  readonly interpretation: 'normal' | 'low' | 'high' | 'abnormal' | null;
  readonly effectiveAt: string;
}

export interface DocumentSummary {
  readonly id: string;
  readonly typeCode: string;
  readonly title: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
  readonly createdAt: string;
  readonly category: DataCategory | null;
}

export interface Appointment {
  readonly id: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly kind: 'consultation' | 'exam' | 'teleconsultation' | 'home_visit';
  readonly with: string | null;
  readonly place: string | null;
  readonly reason: string;
  readonly instructions: string | null;
}

export interface TimelineEntry {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly summary: Readonly<Record<string, string | number | boolean | null>>;
}

/** On what ground the caller sees a record: the scope's basis, and what it hides. */
export interface RecordAccess {
  readonly basis: AccessBasis;
  readonly expiresAt: string | null;
  readonly hiddenCategories: readonly DataCategory[];
}

/** Everything a care-team member sees when opening a patient. */
export interface CoordinationRecord {
  readonly access: RecordAccess;
  readonly identity: PatientIdentity;
  readonly careTeam: readonly CareTeamMember[];
  readonly conditions: readonly Condition[];
  readonly medications: readonly Medication[];
  readonly allergies: readonly Allergy[];
  readonly latestResults: readonly LabResult[];
  readonly documents: readonly DocumentSummary[];
  readonly upcomingAppointments: readonly Appointment[];
  readonly timeline: readonly TimelineEntry[];
}

/** What a patient sees of their own record in the portal: their team, treatments and what comes next. */
export interface PortalSummary {
  readonly firstGivenName: string;
  readonly careTeam: readonly CareTeamMember[];
  /** Active treatments only. */
  readonly medications: readonly Medication[];
  readonly upcomingAppointments: readonly Appointment[];
}

/** A search hit: enough to pick the right patient, nothing more. */
export interface PatientSearchHit {
  readonly patientId: string;
  readonly birthFamilyName: string;
  readonly usedFamilyName: string | null;
  readonly firstGivenName: string;
  readonly sex: 'male' | 'female' | 'unknown';
  readonly birthDate: string;
  readonly identityStatus: IdentityStatus;
}
