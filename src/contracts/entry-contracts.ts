import { Type, type Static } from 'typebox';
import { DataCategory, IsoDate, IsoDateTime, Nullable, Uuid } from './common-contracts.ts';

const closed = { additionalProperties: false } as const;
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** The bodies of POST /api/patients/{patientId}/<kind>, one schema per kind of entry. */
export const NewCondition = Type.Object(
  {
    codeSystem: Type.Union([Type.Literal('ICD-10'), Type.Literal('SNOMED-CT')]),
    code: Text(20),
    display: Text(200),
    clinicalStatus: Type.Union([Type.Literal('active'), Type.Literal('resolved')]),
    onsetDate: Nullable(IsoDate),
  },
  closed,
);
export const NewMedication = Type.Object(
  {
    atcCode: Nullable(Type.String({ maxLength: 7 })),
    name: Text(200),
    dosage: Text(200),
    startedOn: Nullable(IsoDate),
    status: Type.Union([Type.Literal('active'), Type.Literal('stopped')]),
  },
  closed,
);
export const NewAllergy = Type.Object(
  {
    substance: Text(200),
    reaction: Nullable(Type.String({ maxLength: 200 })),
    criticality: Type.Union([Type.Literal('low'), Type.Literal('high'), Type.Literal('unable-to-assess')]),
  },
  closed,
);
export const NewResult = Type.Object(
  {
    loincCode: Text(10),
    display: Text(200),
    valueNumeric: Nullable(Type.Number()),
    valueText: Nullable(Type.String({ maxLength: 500 })),
    unit: Nullable(Type.String({ maxLength: 30 })),
    referenceRange: Nullable(Type.String({ maxLength: 60 })),
    interpretation: Nullable(
      Type.Union([
        Type.Literal('normal'),
        Type.Literal('low'),
        Type.Literal('high'),
        Type.Literal('abnormal'),
      ]),
    ),
    effectiveAt: IsoDateTime,
  },
  closed,
);
export const NewDocument = Type.Object(
  {
    typeCode: Type.String({ minLength: 3, maxLength: 10, description: 'LOINC document type, e.g. 11488-4' }),
    title: Text(200),
    mimeType: Type.String({ maxLength: 100 }),
    contentBase64: Type.String({ minLength: 1, contentEncoding: 'base64' }),
    category: Type.Optional(Nullable(DataCategory)),
  },
  closed,
);
export const NewCareTeamMember = Type.Object({ practitionerId: Uuid, role: Text(40) }, closed);
export const NewAppointment = Type.Object(
  {
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    kind: Type.Union([
      Type.Literal('consultation'),
      Type.Literal('exam'),
      Type.Literal('teleconsultation'),
      Type.Literal('home_visit'),
    ]),
    practitionerId: Nullable(Uuid),
    organizationId: Nullable(Uuid),
    reason: Text(300),
    instructions: Nullable(Type.String({ maxLength: 2000 })),
  },
  closed,
);

export type NewCondition = Static<typeof NewCondition>;
export type NewMedication = Static<typeof NewMedication>;
export type NewAllergy = Static<typeof NewAllergy>;
export type NewResult = Static<typeof NewResult>;
export type NewDocument = Static<typeof NewDocument>;
export type NewCareTeamMember = Static<typeof NewCareTeamMember>;
export type NewAppointment = Static<typeof NewAppointment>;

/** POST /api/patients: the identity and the first care team (which must include the caller). */
export const NewPatient = Type.Object(
  {
    ins: Type.Optional(
      Type.Object({ matricule: Type.String({ maxLength: 20 }), oid: Type.String({ maxLength: 60 }) }, closed),
    ),
    identityStatus: Type.String({ maxLength: 5 }),
    birthFamilyName: Text(100),
    firstGivenName: Text(100),
    givenNames: Type.Optional(Type.String({ maxLength: 200 })),
    usedFamilyName: Type.Optional(Type.String({ maxLength: 100 })),
    usedGivenName: Type.Optional(Type.String({ maxLength: 100 })),
    sex: Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Literal('unknown')]),
    birthDate: IsoDate,
    birthPlaceCode: Type.Optional(Type.String({ maxLength: 5 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    email: Type.Optional(Type.String({ maxLength: 200 })),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    careTeam: Type.Array(NewCareTeamMember, { minItems: 1, maxItems: 30 }),
  },
  closed,
);
export type NewPatient = Static<typeof NewPatient>;
