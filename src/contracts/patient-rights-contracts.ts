import { Type, type Static } from 'typebox';
import { IsoDate, Nullable, Uuid } from './common-contracts.ts';

const closed = { additionalProperties: false } as const;
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Optional = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));

export const IdentityStatusCode = Type.Union([
  Type.Literal('PROV'),
  Type.Literal('RECUP'),
  Type.Literal('VALI'),
  Type.Literal('QUAL'),
]);

/** The identity fields to correct (only those given change; null clears an optional one). */
export const IdentityCorrections = Type.Object(
  {
    ins: Type.Optional(
      Nullable(
        Type.Object(
          { matricule: Type.String({ maxLength: 20 }), oid: Type.String({ maxLength: 60 }) },
          closed,
        ),
      ),
    ),
    birthFamilyName: Type.Optional(Text(100)),
    firstGivenName: Type.Optional(Text(100)),
    givenNames: Type.Optional(Text(200)),
    usedFamilyName: Optional(100),
    usedGivenName: Optional(100),
    sex: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Literal('unknown')])),
    birthDate: Type.Optional(IsoDate),
    birthPlaceCode: Optional(5),
    phone: Optional(30),
    email: Optional(200),
    address: Optional(300),
  },
  { ...closed, minProperties: 1 },
);

/** PATCH /api/patients/{patientId}/identity: the corrections and why. */
export const IdentityRectificationRequest = Type.Object(
  { changes: IdentityCorrections, reason: Text(500) },
  closed,
);
export type IdentityRectificationRequest = Static<typeof IdentityRectificationRequest>;

export const IdentityRectificationOutcome = Type.Object({
  changedFields: Type.Array(Type.String()),
  identityStatusBefore: IdentityStatusCode,
  identityStatusAfter: IdentityStatusCode,
});
export type IdentityRectificationOutcome = Static<typeof IdentityRectificationOutcome>;

/** POST /api/portal/rectification-requests: what the patient wants corrected, in their words. */
export const RectificationRequest = Type.Object({ text: Text(2000) }, closed);
export type RectificationRequest = Static<typeof RectificationRequest>;

export const RectificationRequestCreated = Type.Object({
  taskId: Uuid,
  assignedTo: Type.Union([Type.Literal('medecin_traitant'), Type.Literal('coordinator')]),
});
export type RectificationRequestCreated = Static<typeof RectificationRequestCreated>;
