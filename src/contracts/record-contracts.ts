import { Type, type Static } from 'typebox';
import { DataCategory, IsoDate, IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

const IdentityStatus = Type.Union([
  Type.Literal('PROV'),
  Type.Literal('RECUP'),
  Type.Literal('VALI'),
  Type.Literal('QUAL'),
]);
const Sex = Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Literal('unknown')]);
const Summary = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
);

export const PatientIdentity = Type.Object({
  patientId: Uuid,
  identityStatus: IdentityStatus,
  ins: Nullable(Type.Object({ matricule: Type.String(), kind: Type.String() })),
  insWithheldReason: Nullable(Type.String()),
  birthFamilyName: Type.String(),
  firstGivenName: Type.String(),
  givenNames: Type.String(),
  usedFamilyName: Nullable(Type.String()),
  usedGivenName: Nullable(Type.String()),
  sex: Sex,
  birthDate: IsoDate,
  birthPlaceCode: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  address: Nullable(Type.String()),
});

export const CareTeamMember = Type.Object({
  id: Uuid,
  practitionerId: Uuid,
  name: Type.String(),
  profession: Type.String(),
  specialty: Nullable(Type.String()),
  organization: Nullable(Type.String()),
  role: Type.String(),
  startedOn: IsoDate,
  addedBy: Nullable(Type.String({ description: 'the professional who added the member (null: the system)' })),
});

export const Condition = Type.Object({
  id: Uuid,
  codeSystem: Type.String(),
  code: Type.String(),
  display: Type.String(),
  clinicalStatus: Type.Union([Type.Literal('active'), Type.Literal('resolved')]),
  onsetDate: Nullable(IsoDate),
});

export const Medication = Type.Object({
  id: Uuid,
  atcCode: Nullable(Type.String()),
  name: Type.String(),
  dosage: Type.String(),
  startedOn: Nullable(IsoDate),
  status: Type.Union([Type.Literal('active'), Type.Literal('stopped')]),
  provenance: Nullable(
    Type.String({ description: 'e.g. reconciliation:<id> (a confirmed discharge reconciliation)' }),
  ),
  recordedAt: IsoDateTime,
});

const Criticality = Type.Union([Type.Literal('low'), Type.Literal('high'), Type.Literal('unable-to-assess')]);
export const Allergy = Type.Object({
  id: Uuid,
  substance: Type.String(),
  reaction: Nullable(Type.String()),
  criticality: Criticality,
});

const Interpretation = Type.Union([
  Type.Literal('normal'),
  Type.Literal('low'),
  Type.Literal('high'),
  Type.Literal('abnormal'),
]);
export const LabResult = Type.Object({
  id: Uuid,
  loincCode: Type.String(),
  display: Type.String(),
  valueNumeric: Nullable(Type.Number()),
  valueText: Nullable(Type.String()),
  unit: Nullable(Type.String()),
  referenceRange: Nullable(Type.String()),
  interpretation: Nullable(Interpretation),
  effectiveAt: IsoDateTime,
});

export const DocumentSummary = Type.Object({
  id: Uuid,
  typeCode: Type.String(),
  title: Type.String(),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  createdAt: IsoDateTime,
  category: Nullable(DataCategory),
});

const AppointmentKind = Type.Union([
  Type.Literal('consultation'),
  Type.Literal('exam'),
  Type.Literal('teleconsultation'),
  Type.Literal('home_visit'),
]);
export const Appointment = Type.Object({
  id: Uuid,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  kind: AppointmentKind,
  with: Nullable(Type.String()),
  place: Nullable(Type.String()),
  reason: Type.String(),
  instructions: Nullable(Type.String()),
});

export const TimelineEntry = Type.Object({
  id: Uuid,
  type: Type.String(),
  occurredAt: IsoDateTime,
  summary: Summary,
});

/** On what ground the caller sees this record; break-the-glass ends at `expiresAt`. */
export const RecordAccess = Type.Object({
  basis: Type.Union([
    Type.Literal('self'),
    Type.Literal('care-team'),
    Type.Literal('referral'),
    Type.Literal('consent'),
    Type.Literal('break-glass'),
  ]),
  expiresAt: Nullable(IsoDateTime),
  hiddenCategories: ReadonlyList(DataCategory),
});

export const CoordinationRecord = Type.Object({
  access: RecordAccess,
  identity: PatientIdentity,
  careTeam: ReadonlyList(CareTeamMember),
  conditions: ReadonlyList(Condition),
  medications: ReadonlyList(Medication),
  allergies: ReadonlyList(Allergy),
  latestResults: ReadonlyList(LabResult),
  documents: ReadonlyList(DocumentSummary),
  upcomingAppointments: ReadonlyList(Appointment),
  timeline: ReadonlyList(TimelineEntry),
});
export type CoordinationRecord = Static<typeof CoordinationRecord>;

export const PatientSearchHit = Type.Object({
  patientId: Uuid,
  birthFamilyName: Type.String(),
  usedFamilyName: Nullable(Type.String()),
  firstGivenName: Type.String(),
  sex: Sex,
  birthDate: IsoDate,
  identityStatus: IdentityStatus,
});
export type PatientSearchHit = Static<typeof PatientSearchHit>;

export const PatientSearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Name words, DD/MM/YYYY birth date, or INS',
    }),
  },
  { additionalProperties: false },
);
export const PatientSearchResult = Type.Object({ items: Type.Array(PatientSearchHit) });
export type PatientSearchResult = Static<typeof PatientSearchResult>;

/** The patient portal: their own team, treatments and what comes next, nothing else. */
export const PortalSummary = Type.Object({
  firstGivenName: Type.String(),
  careTeam: ReadonlyList(CareTeamMember),
  medications: ReadonlyList(Medication),
  upcomingAppointments: ReadonlyList(Appointment),
});
export type PortalSummary = Static<typeof PortalSummary>;

export const PractitionerListItem = Type.Object({
  id: Uuid,
  rpps: Type.String(),
  familyName: Type.String(),
  givenName: Type.String(),
  profession: Type.String(),
  specialty: Nullable(Type.String()),
  organization: Nullable(Type.String()),
});
export const PractitionerList = Type.Object({ items: Type.Array(PractitionerListItem) });
export type PractitionerList = Static<typeof PractitionerList>;

/** An organisation of one kind: a hospital service (`/api/services`) or a practice (`/api/practices`). */
export const OrganizationListItem = Type.Object({
  id: Uuid,
  name: Type.String(),
  specialty: Nullable(Type.String()),
});
export const OrganizationList = Type.Object({ items: Type.Array(OrganizationListItem) });
export type OrganizationList = Static<typeof OrganizationList>;
