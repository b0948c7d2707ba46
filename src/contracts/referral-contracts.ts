import { Type, type Static, type TProperties } from 'typebox';
import { IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';
import { DocumentSummary, LabResult } from './record-contracts.ts';

/**
 * The referral API (issue 5): send, inbox/outbox, act, follow. Contracts hold no domain imports, so the
 * unions below repeat the domain's codes (src/domain/referrals/referral.ts); a test checks they agree.
 */
const closed = { additionalProperties: false } as const;

export const ReferralKind = Type.Union([Type.Literal('referral'), Type.Literal('tele-expertise')]);
export const ReferralUrgency = Type.Union([
  Type.Literal('urgent'),
  Type.Literal('soon'),
  Type.Literal('routine'),
]);
export const ReferralStatus = Type.Union([
  Type.Literal('requested'),
  Type.Literal('on_hold'),
  Type.Literal('accepted'),
  Type.Literal('scheduled'),
  Type.Literal('seen'),
  Type.Literal('reported'),
  Type.Literal('closed'),
  Type.Literal('declined'),
  Type.Literal('cancelled'),
]);
export const ReferralStage = Type.Union([
  Type.Literal('accept'),
  Type.Literal('answer'),
  Type.Literal('schedule'),
  Type.Literal('report'),
  Type.Literal('acknowledge'),
]);
export const ReferralActionKind = Type.Union([
  Type.Literal('accept'),
  Type.Literal('decline'),
  Type.Literal('redirect'),
  Type.Literal('ask'),
  Type.Literal('answer'),
  Type.Literal('schedule'),
  Type.Literal('mark-seen'),
  Type.Literal('report'),
  Type.Literal('acknowledge'),
  Type.Literal('cancel'),
]);
export const ReferralRelation = Type.Union([
  Type.Literal('referrer'),
  Type.Literal('target'),
  Type.Literal('performer'),
  Type.Literal('care-team'),
  Type.Literal('patient'),
]);

export const ReferralTargetInput = Type.Union([
  Type.Object({ kind: Type.Literal('practitioner'), practitionerId: Uuid }, closed),
  Type.Object({ kind: Type.Literal('service'), organizationId: Uuid }, closed),
  Type.Object(
    { kind: Type.Literal('specialty'), specialty: Type.String({ minLength: 2, maxLength: 60 }) },
    closed,
  ),
]);

/** POST /api/patients/:patientId/referrals: what the referrer fills in (I must be in the care team). */
export const NewReferralRequest = Type.Object(
  {
    kind: ReferralKind,
    urgency: ReferralUrgency,
    target: ReferralTargetInput,
    reason: Type.String({ maxLength: 2000 }),
    clinicalQuestion: Type.String({ maxLength: 4000 }),
    preferences: Type.Object(
      {
        place: Nullable(Type.String({ maxLength: 500 })),
        teleconsultation: Type.Boolean(),
        availability: Nullable(Type.String({ maxLength: 500 })),
      },
      closed,
    ),
    attachedResultIds: Type.Array(Uuid, { maxItems: 20 }),
    attachedDocumentIds: Type.Array(Uuid, { maxItems: 20 }),
    requestedExams: Type.Array(
      Type.Object(
        {
          code: Type.String({ maxLength: 10, description: 'LOINC code' }),
          display: Type.String({ maxLength: 200 }),
          repeatReason: Nullable(
            Type.String({
              maxLength: 500,
              description: 'Required when the exam repeats a result still valid',
            }),
          ),
        },
        closed,
      ),
      { maxItems: 20 },
    ),
  },
  closed,
);
export type NewReferralRequest = Static<typeof NewReferralRequest>;

/** POST /api/patients/:patientId/referrals/exam-check: which asked exams repeat a result still valid. */
export const ExamCheckRequest = Type.Object(
  { codes: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 20 }) },
  closed,
);
export const RepeatedExamView = Type.Object({
  code: Type.String(),
  exam: Type.Object({
    id: Type.String(),
    label: Type.String({ description: 'In the caller’s language' }),
    validityDays: Type.Integer(),
    officialRule: Type.Boolean({ description: 'False: a configurable default, not an official rule' }),
    source: Type.String(),
  }),
  result: LabResult,
  validUntil: IsoDateTime,
});
export const ExamCheckResult = Type.Object({ repeats: ReadonlyList(RepeatedExamView) });
export type ExamCheckResult = Static<typeof ExamCheckResult>;

/** One exam a referral may ask for, from the validity catalogue (data/exam-validity.yaml). */
export const ExamCatalogueEntry = Type.Object({
  id: Type.String(),
  label: Type.String(),
  code: Type.String({ description: 'The LOINC code the form asks with' }),
  validityDays: Type.Integer(),
  officialRule: Type.Boolean(),
  source: Type.String(),
});

/**
 * GET /api/patients/:patientId/referral-draft: what the form proposes — recent results and documents to
 * attach, the liaison letter the record fills (CSP R1112-1-1), the exams it knows.
 */
export const ReferralDraft = Type.Object({
  recentResults: ReadonlyList(LabResult),
  recentDocuments: ReadonlyList(DocumentSummary),
  liaisonLetter: Type.Object({
    treatments: ReadonlyList(Type.String()),
    allergies: ReadonlyList(Type.String()),
  }),
  exams: ReadonlyList(ExamCatalogueEntry),
});
export type ReferralDraft = Static<typeof ReferralDraft>;

/** One action on a referral: its kind, the version it was read at (no lost update), its fields. */
const action = <K extends string, F extends TProperties>(kind: K, fields: F) =>
  Type.Object({ kind: Type.Literal(kind), version: Type.Integer({ minimum: 1 }), ...fields }, closed);

export const ReferralActionRequest = Type.Union([
  action('accept', {}),
  action('decline', { reason: Type.String({ maxLength: 2000 }) }),
  action('redirect', { organizationId: Uuid, reason: Type.String({ maxLength: 2000 }) }),
  action('ask', { question: Type.String({ maxLength: 4000 }) }),
  action('answer', { answer: Type.String({ maxLength: 4000 }) }),
  action('schedule', {
    at: IsoDateTime,
    place: Nullable(Type.String({ maxLength: 500 })),
    teleconsultation: Type.Boolean(),
    instructions: Nullable(Type.String({ maxLength: 2000 })),
  }),
  action('mark-seen', {}),
  action('report', { text: Nullable(Type.String({ maxLength: 20000 })), documentId: Nullable(Uuid) }),
  action('acknowledge', {}),
  action('cancel', { reason: Type.String({ maxLength: 2000 }) }),
]);
export type ReferralActionRequest = Static<typeof ReferralActionRequest>;

export const ReferralIdParams = Type.Object({ referralId: Uuid });

const Party = Type.Object({
  kind: Type.Union([Type.Literal('practitioner'), Type.Literal('service'), Type.Literal('specialty')]),
  id: Type.String({ description: 'Practitioner id, organisation id or specialty code' }),
  label: Type.String({ description: 'A name, a service name, or a specialty' }),
});

const Deadline = Type.Object({
  stage: ReferralStage,
  waitingOn: Type.Union([Type.Literal('target'), Type.Literal('performer'), Type.Literal('referrer')]),
  since: IsoDateTime,
  dueAt: IsoDateTime,
  overdue: Type.Boolean(),
  escalated: Type.Boolean(),
});

const summaryFields = {
  id: Uuid,
  version: Type.Integer(),
  kind: ReferralKind,
  urgency: ReferralUrgency,
  status: ReferralStatus,
  patient: Type.Object({
    id: Uuid,
    name: Type.String(),
    birthDate: Type.String({ format: 'date' }),
  }),
  referrer: Type.Object({ practitionerId: Uuid, name: Type.String() }),
  target: Party,
  performer: Nullable(Type.Object({ practitionerId: Uuid, name: Type.String() })),
  reason: Type.String(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  deadline: Nullable(Deadline),
  appointmentAt: Nullable(IsoDateTime),
  relations: ReadonlyList(ReferralRelation),
  actions: ReadonlyList(ReferralActionKind),
};

/** A referral in the inbox, outbox or a patient's list. */
export const ReferralSummary = Type.Object(summaryFields);
export type ReferralSummary = Static<typeof ReferralSummary>;

export const ReferralMessage = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('question'), Type.Literal('answer')]),
  author: Type.String(),
  text: Type.String(),
  at: IsoDateTime,
});

export const ReferralHistoryEntry = Type.Object({
  at: IsoDateTime,
  type: Type.String({ description: 'The journal event type, e.g. referral.accepted' }),
  by: Nullable(Type.String()),
  note: Nullable(Type.String({ description: 'A reason, a new target, a date…' })),
});

/** One referral, everything its parties may see: attachments, liaison letter, thread, history. */
export const ReferralDetail = Type.Object({
  ...summaryFields,
  clinicalQuestion: Type.String(),
  preferences: Type.Object({
    place: Nullable(Type.String()),
    teleconsultation: Type.Boolean(),
    availability: Nullable(Type.String()),
  }),
  attachedResults: ReadonlyList(LabResult),
  attachedDocuments: ReadonlyList(DocumentSummary),
  requestedExams: ReadonlyList(
    Type.Object({ code: Type.String(), display: Type.String(), repeatReason: Nullable(Type.String()) }),
  ),
  liaisonLetter: Nullable(
    Type.Object({
      reasons: Type.String(),
      treatments: ReadonlyList(Type.String()),
      allergies: ReadonlyList(Type.String()),
    }),
  ),
  appointment: Nullable(
    Type.Object({
      at: IsoDateTime,
      place: Nullable(Type.String()),
      teleconsultation: Type.Boolean(),
      instructions: Nullable(Type.String()),
    }),
  ),
  report: Nullable(
    Type.Object({ text: Nullable(Type.String()), document: Nullable(DocumentSummary), at: IsoDateTime }),
  ),
  declineReason: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  closedAt: Nullable(IsoDateTime),
  messages: ReadonlyList(ReferralMessage),
  history: ReadonlyList(ReferralHistoryEntry),
});
export type ReferralDetail = Static<typeof ReferralDetail>;

export const ReferralBoxQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], {
        description: 'Default open',
      }),
    ),
    limit: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,3}$', description: 'Page size, 1 to 100 (default 50)' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 300, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  closed,
);
export type ReferralBoxQuery = Static<typeof ReferralBoxQuery>;

export const ReferralPage = Type.Object({
  items: ReadonlyList(ReferralSummary),
  nextCursor: Nullable(Type.String()),
});
export type ReferralPage = Static<typeof ReferralPage>;

/**
 * GET /api/portal/referrals: the patient's own referrals in plain language. The server sends facts;
 * the web app words them (why, to whom, how and when, what to bring, what next).
 */
export const PortalReferral = Type.Object({
  id: Uuid,
  kind: ReferralKind,
  urgency: ReferralUrgency,
  status: ReferralStatus,
  reason: Type.String(),
  referrerName: Type.String(),
  to: Type.String({ description: 'The professional or service it is addressed to (or who took it)' }),
  sentAt: IsoDateTime,
  appointment: Nullable(
    Type.Object({
      at: IsoDateTime,
      place: Nullable(Type.String()),
      teleconsultation: Type.Boolean(),
      instructions: Nullable(Type.String()),
    }),
  ),
  reportReturnedAt: Nullable(IsoDateTime),
  closedAt: Nullable(IsoDateTime),
  history: ReadonlyList(Type.Object({ at: IsoDateTime, type: Type.String() })),
});
export const PortalReferralList = Type.Object({ items: ReadonlyList(PortalReferral) });
export type PortalReferralList = Static<typeof PortalReferralList>;

/** The SLA of a service (working days per kind, urgency and stage), defaults marked as such. */
export const ServiceSla = Type.Object({
  organizationId: Uuid,
  entries: ReadonlyList(
    Type.Object({
      kind: ReferralKind,
      urgency: ReferralUrgency,
      stage: Type.Union([ReferralStage, Type.Literal('escalate')]),
      workingDays: Type.Integer(),
      isDefault: Type.Boolean({
        description: 'True: Relais’s configurable default, not a service choice nor an official rule',
      }),
    }),
  ),
});
export type ServiceSla = Static<typeof ServiceSla>;

/** PUT /api/admin/services/:organizationId/referral-sla: the service's overrides (the rest stays default). */
export const ServiceSlaRequest = Type.Object(
  {
    overrides: Type.Array(
      Type.Object(
        {
          kind: ReferralKind,
          urgency: ReferralUrgency,
          stage: Type.Union([ReferralStage, Type.Literal('escalate')]),
          workingDays: Type.Integer({ minimum: 0, maximum: 250 }),
        },
        closed,
      ),
      { maxItems: 60 },
    ),
  },
  closed,
);
export type ServiceSlaRequest = Static<typeof ServiceSlaRequest>;
export const OrganizationIdParams = Type.Object({ organizationId: Uuid });
