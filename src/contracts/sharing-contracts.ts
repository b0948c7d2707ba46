import { Type, type Static } from 'typebox';
import { DataCategory, IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

const closed = { additionalProperties: false } as const;

export const SharingChoiceKind = Type.Union(
  [Type.Literal('objection'), Type.Literal('restriction'), Type.Literal('consent')],
  {
    description:
      'objection: no sharing with a professional or an organisation; restriction: a category seen only by ' +
      'named members of the team; consent: a professional outside the team may read the record',
  },
);

/** A new sharing choice; the fields that apply depend on the kind (the others are refused). */
export const NewSharingChoice = Type.Object(
  {
    kind: SharingChoiceKind,
    practitionerId: Type.Optional(
      Type.String({ format: 'uuid', description: 'objection or consent: the professional' }),
    ),
    organizationId: Type.Optional(
      Type.String({ format: 'uuid', description: 'objection: the organisation (all its members)' }),
    ),
    category: Type.Optional(DataCategory),
    allowedPractitionerIds: Type.Optional(
      Type.Array(Uuid, {
        maxItems: 20,
        description: 'restriction: the members of the care team who may still see the category',
      }),
    ),
  },
  closed,
);
export type NewSharingChoice = Static<typeof NewSharingChoice>;

/** A professional a choice names: public directory data. */
export const NamedProfessional = Type.Object({
  id: Uuid,
  name: Type.String(),
  profession: Type.String(),
  specialty: Nullable(Type.String()),
  organization: Nullable(Type.String()),
});

/** Who recorded or withdrew a choice: the patient, or a professional (named) on their behalf. */
const ChoiceActor = Type.Object({
  kind: Type.Union([Type.Literal('patient'), Type.Literal('professional')]),
  name: Nullable(Type.String()),
});

export const SharingChoice = Type.Object({
  id: Uuid,
  kind: SharingChoiceKind,
  practitioner: Nullable(NamedProfessional),
  organization: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  category: Nullable(DataCategory),
  allowedPractitioners: ReadonlyList(NamedProfessional),
  onBehalf: Type.Boolean({ description: "recorded by a professional on the patient's behalf" }),
  recordedAt: IsoDateTime,
  recordedBy: ChoiceActor,
  withdrawnAt: Nullable(IsoDateTime),
  withdrawnBy: Nullable(ChoiceActor),
});
export type SharingChoice = Static<typeof SharingChoice>;

/** The choices in force first, then the withdrawn ones (the history), newest first in each. */
export const SharingChoiceList = Type.Object({ items: ReadonlyList(SharingChoice) });
export type SharingChoiceList = Static<typeof SharingChoiceList>;

export const SharingChoiceParams = Type.Object({ patientId: Uuid, choiceId: Uuid });
export const PortalSharingChoiceParams = Type.Object({ choiceId: Uuid });

/** A directory search by name words: whom a patient may choose for a consent or an objection. */
export const DirectoryQuery = Type.Object(
  { q: Type.String({ minLength: 2, maxLength: 100, description: 'words of a name' }) },
  closed,
);

export const DirectoryMatches = Type.Object({
  practitioners: ReadonlyList(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      profession: Type.String(),
      specialty: Nullable(Type.String()),
      organization: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
    }),
  ),
  organizations: ReadonlyList(
    Type.Object({
      id: Uuid,
      kind: Type.Union([
        Type.Literal('hospital'),
        Type.Literal('hospital_service'),
        Type.Literal('practice'),
      ]),
      name: Type.String(),
    }),
  ),
});
export type DirectoryMatches = Static<typeof DirectoryMatches>;
