import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';
import { StayView } from './transition-contracts.ts';

const closed = { additionalProperties: false } as const;
const Text = (maxLength: number) => Type.String({ maxLength });
const Atc = Nullable(Type.String({ maxLength: 7, description: 'WHO ATC code, e.g. C03CA01' }));

export const StayDocumentParams = Type.Object({ patientId: Uuid, stayId: Uuid });

/** A finding R1112-1-2 asks for: explicitly none, or what there was. Null (in the letter) = not said. */
export const Finding = Type.Union([
  Type.Object({ status: Type.Literal('none') }, closed),
  Type.Object({ status: Type.Literal('present'), details: Text(2000) }, closed),
]);

export const DischargeTreatment = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    atcCode: Atc,
    dosage: Text(150),
    duration: Nullable(Text(40)),
  },
  closed,
);
export const StoppedTreatment = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    atcCode: Atc,
    dosage: Nullable(Text(150)),
    reason: Nullable(Text(500)),
  },
  closed,
);

/** The structured lettre de liaison: every part nullable, a null part is reported missing, not refused. */
export const StructuredLetter = Type.Object(
  {
    identities: Type.Object(
      {
        patient: Nullable(Text(300)),
        medecinTraitant: Nullable(Text(300)),
        referringPractitioner: Nullable(Text(300)),
        hospitalDoctor: Nullable(Text(300)),
      },
      closed,
    ),
    admission: Type.Object({ date: Nullable(IsoDate), mode: Nullable(Text(200)) }, closed),
    discharge: Type.Object({ date: Nullable(IsoDate), mode: Nullable(Text(200)) }, closed),
    reasonForAdmission: Nullable(Text(2000)),
    summary: Type.Object(
      {
        text: Nullable(Text(8000)),
        adverseEvents: Nullable(Finding),
        multiResistantOrganisms: Nullable(Finding),
        bloodProducts: Nullable(Finding),
        implantedDevices: Nullable(Finding),
      },
      closed,
    ),
    dischargeTreatments: Nullable(Type.Immutable(Type.Array(DischargeTreatment, { maxItems: 60 }))),
    stoppedTreatments: Nullable(Type.Immutable(Type.Array(StoppedTreatment, { maxItems: 60 }))),
    pendingResults: Nullable(Finding),
    followUp: Type.Object(
      {
        plannedCare: Nullable(Finding),
        appointments: Type.Immutable(
          Type.Array(
            Type.Object(
              {
                date: IsoDate,
                with: Type.String({ minLength: 1, maxLength: 200 }),
                place: Nullable(Text(200)),
              },
              closed,
            ),
            { maxItems: 30 },
          ),
        ),
      },
      closed,
    ),
  },
  closed,
);
export type StructuredLetter = Static<typeof StructuredLetter>;

/** POST …/letter: a structured letter, or the hospital's PDF in base64 (at most 10 MiB, like documents). */
export const LetterSubmission = Type.Object(
  {
    kind: Type.Union([Type.Literal('structured'), Type.Literal('pdf')]),
    structured: Type.Optional(StructuredLetter),
    contentBase64: Type.Optional(Type.String({ minLength: 1, contentEncoding: 'base64' })),
  },
  closed,
);
export type LetterSubmission = Static<typeof LetterSubmission>;

export const MissingPart = Type.Object({ part: Type.String(), fr: Type.String(), en: Type.String() });

export const LetterStatus = Type.Union([
  Type.Literal('missing'),
  Type.Literal('complete'),
  Type.Literal('incomplete'),
  Type.Literal('unchecked'),
]);

export const LetterView = Type.Object({
  stay: StayView,
  status: LetterStatus,
  letter: Nullable(
    Type.Object({
      id: Uuid,
      kind: Type.Union([Type.Literal('pdf'), Type.Literal('structured')]),
      documentId: Uuid,
      content: Nullable(StructuredLetter),
      missingParts: ReadonlyList(MissingPart),
      receivedAt: IsoDateTime,
      authorPractitionerId: Nullable(Uuid),
      acknowledgedBy: Nullable(Uuid),
      acknowledgedAt: Nullable(IsoDateTime),
      version: Type.Integer(),
    }),
  ),
  canWrite: Type.Boolean(),
  canAcknowledge: Type.Boolean(),
});
export type LetterView = Static<typeof LetterView>;

export const LetterReceipt = Type.Object({
  id: Uuid,
  documentId: Uuid,
  version: Type.Integer(),
  status: LetterStatus,
  missingParts: ReadonlyList(MissingPart),
});
export type LetterReceipt = Static<typeof LetterReceipt>;

const ReconciliationClass = Type.Union([
  Type.Literal('continued'),
  Type.Literal('changed'),
  Type.Literal('stopped'),
  Type.Literal('new'),
]);

export const DischargeLine = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    atcCode: Atc,
    dosage: Type.String({ minLength: 1, maxLength: 150 }),
    duration: Nullable(Text(40)),
  },
  closed,
);

export const ReconciliationView = Type.Object({
  stay: StayView,
  id: Nullable(Uuid),
  status: Type.Union([Type.Literal('draft'), Type.Literal('confirmed')]),
  version: Type.Integer({ description: '0 while nothing is saved: the lines are a proposal' }),
  dischargeSource: Type.Union([Type.Literal('letter'), Type.Literal('entered'), Type.Literal('none')]),
  confirmedBy: Nullable(Uuid),
  confirmedAt: Nullable(IsoDateTime),
  lines: ReadonlyList(
    Type.Object({
      key: Type.String(),
      class: ReconciliationClass,
      before: Nullable(
        Type.Object({
          medicationId: Uuid,
          name: Type.String(),
          atcCode: Nullable(Type.String()),
          dosage: Type.String(),
        }),
      ),
      after: Nullable(
        Type.Object({
          name: Type.String(),
          atcCode: Nullable(Type.String()),
          dosage: Type.String(),
          duration: Nullable(Type.String()),
        }),
      ),
      matchedBy: Nullable(Type.Union([Type.Literal('atc'), Type.Literal('name')])),
      reason: Nullable(Type.String()),
    }),
  ),
});
export type ReconciliationView = Static<typeof ReconciliationView>;

/** PUT …/reconciliation and POST …/reconciliation/confirm: the version seen, reasons by line key. */
export const ReconciliationRequest = Type.Object(
  {
    version: Type.Integer({ minimum: 0 }),
    reasons: Type.Array(
      Type.Object({ key: Type.String({ maxLength: 300 }), reason: Nullable(Text(500)) }, closed),
      {
        maxItems: 200,
      },
    ),
    dischargeLines: Type.Optional(Type.Array(DischargeLine, { maxItems: 60 })),
  },
  closed,
);
export type ReconciliationRequest = Static<typeof ReconciliationRequest>;

const ScoreItem = Type.Object({
  item: Type.String(),
  value: Type.Union([Type.Number(), Type.Boolean()]),
  points: Type.Integer(),
});

export const ReadmissionRiskView = Type.Object({
  stay: StayView,
  assessment: Nullable(
    Type.Object({
      lace: Type.Object({ total: Type.Integer(), items: ReadonlyList(ScoreItem) }),
      charlson: Type.Object({
        score: Type.Integer(),
        categories: ReadonlyList(Type.Object({ category: Type.String(), weight: Type.Integer() })),
      }),
      cutoff: Type.Integer({
        description: 'LACE high-risk cut-off: a configurable default (literature convention)',
      }),
      band: Type.Union([Type.Literal('high'), Type.Literal('below-cutoff')]),
      hospital: Nullable(
        Type.Object({
          total: Type.Integer(),
          band: Type.Union([Type.Literal('low'), Type.Literal('intermediate'), Type.Literal('high')]),
          items: ReadonlyList(ScoreItem),
        }),
      ),
      assessedAt: IsoDateTime,
    }),
  ),
});
export type ReadmissionRiskView = Static<typeof ReadmissionRiskView>;
