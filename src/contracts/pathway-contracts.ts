import { Type, type Static } from 'typebox';
import { CARE_TEAM_ROLE_CODES } from './care-team-role-codes.ts';
import { IsoDate, IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

const closed = { additionalProperties: false } as const;

const Text = Type.Object({ fr: Type.String(), en: Type.String() });
const Role = Type.Enum(CARE_TEAM_ROLE_CODES);
const Confidence = Type.Enum(['verified', 'secondary', 'recalled_unverified', 'design_default'] as const);
const DueRule = Type.Object({
  earliest: Nullable(Type.String({ description: 'ISO 8601 duration; evidence counts from then' })),
  target: Type.String({ description: 'ISO 8601 duration: due from then' }),
  latest: Type.String({ description: 'ISO 8601 duration: the last day on time' }),
});

export const PathwayTemplateSummary = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  title: Text,
  population: Type.String(),
  startsWith: Nullable(Type.String({ description: 'The event the start date stands for' })),
  sources: ReadonlyList(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      publisher: Nullable(Type.String()),
      year: Nullable(Type.String()),
      url: Nullable(Type.String()),
    }),
  ),
  steps: ReadonlyList(
    Type.Object({
      id: Type.String(),
      label: Text,
      patientLabel: Text,
      role: Role,
      specialty: Nullable(Type.String()),
      referenceRoles: ReadonlyList(Type.String()),
      trigger: Type.Object({
        kind: Type.Union([Type.Literal('enrolment'), Type.Literal('step-done'), Type.Literal('event')]),
        stepId: Nullable(Type.String()),
        eventType: Nullable(Type.String()),
      }),
      due: DueRule,
      repeat: Nullable(DueRule),
      evidence: ReadonlyList(
        Type.Object({
          kind: Type.String({ description: 'result, encounter, document, task or questionnaire' }),
          codes: ReadonlyList(Type.String({ description: 'LOINC codes, document types or instruments' })),
          specialties: ReadonlyList(Type.String()),
          roles: ReadonlyList(Type.String()),
        }),
      ),
      confidence: Type.Object({ requirement: Confidence, timing: Confidence }),
      timingIsDefault: Type.Boolean({
        description: 'True when the timing is a configurable default, not a published rule: say so',
      }),
      sources: ReadonlyList(Type.String()),
      notes: Nullable(Type.String()),
    }),
  ),
});
export const PathwayTemplateList = Type.Object({ items: ReadonlyList(PathwayTemplateSummary) });

export const EnrolRequest = Type.Object(
  { templateId: Type.String({ minLength: 1, maxLength: 80 }), startOn: IsoDate },
  closed,
);
export const ReasonRequest = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, closed);
export const EnrolmentParams = Type.Object({ patientId: Uuid, enrolmentId: Uuid });
export const OccurrenceParams = Type.Object({ patientId: Uuid, occurrenceId: Uuid });

const Adherence = Type.Object({
  doneOnTime: Type.Integer(),
  doneLate: Type.Integer(),
  missing: Type.Integer({ description: 'Steps past their window with no evidence' }),
  share: Nullable(Type.Number({ description: 'Done on time / judged; null when nothing is judged yet' })),
});

export const OccurrenceView = Type.Object({
  id: Uuid,
  status: Type.String({ description: 'scheduled, due, rupture, done, skipped, on-hold, cancelled' }),
  state: Type.Enum(['done', 'next', 'late', 'skipped', 'on-hold', 'cancelled'] as const),
  triggerAt: IsoDateTime,
  dueAt: IsoDateTime,
  lastOnTimeDay: IsoDate,
  completedAt: Nullable(IsoDateTime),
  evidence: Nullable(Type.Object({ kind: Type.String(), id: Type.String(), label: Type.String() })),
  skipReason: Nullable(Type.String()),
  onTime: Nullable(Type.Boolean()),
});

export const EnrolmentView = Type.Object({
  id: Uuid,
  templateId: Type.String(),
  templateVersion: Type.Integer(),
  title: Text,
  status: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('ended')]),
  startedOn: IsoDate,
  enrolledBy: Type.Union([Type.Literal('manual'), Type.Literal('rule')]),
  endReason: Nullable(Type.String()),
  adherence: Adherence,
  steps: ReadonlyList(
    Type.Object({
      stepId: Type.String(),
      label: Text,
      role: Role,
      specialty: Nullable(Type.String()),
      timingIsDefault: Type.Boolean(),
      occurrences: ReadonlyList(OccurrenceView),
    }),
  ),
});
export const PatientPathwayList = Type.Object({ items: ReadonlyList(EnrolmentView) });

export const PortalPathwaySteps = Type.Object({
  items: ReadonlyList(
    Type.Object({
      occurrenceId: Uuid,
      pathwayTitle: Text,
      what: Text,
      fromDay: IsoDate,
      byDay: IsoDate,
      late: Type.Boolean(),
      sentence: Text,
    }),
  ),
});

export const PathwayWorklistQuery = Type.Object(
  {
    // Query strings are text: no coercion (http-server.ts), so numbers are digits checked by the use case.
    withinDays: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,3}$', description: 'Horizon in days, 0 to 365 (default 14)' }),
    ),
    templateId: Type.Optional(Type.String({ maxLength: 80 })),
    stepId: Type.Optional(Type.String({ maxLength: 60 })),
    role: Type.Optional(Role),
    practitionerId: Type.Optional(Uuid),
    organizationId: Type.Optional(Uuid),
    limit: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,3}$', description: 'Rows, 1 to 500 (default 100)' }),
    ),
  },
  closed,
);
export type PathwayWorklistQuery = Static<typeof PathwayWorklistQuery>;

export const PathwayWorklist = Type.Object({
  items: ReadonlyList(
    Type.Object({
      occurrenceId: Uuid,
      patientId: Uuid,
      patientName: Type.String(),
      templateId: Type.String(),
      pathwayTitle: Text,
      stepId: Type.String(),
      stepLabel: Text,
      status: Type.String({ description: 'due or rupture (or scheduled, when due within the horizon)' }),
      dueAt: IsoDateTime,
      lastOnTimeDay: IsoDate,
      mustAct: Type.Object({
        role: Role,
        vacant: Type.Boolean({ description: "The step's role is vacant: the coordinator acts" }),
        actors: ReadonlyList(Type.Object({ practitionerId: Uuid, name: Type.String() })),
      }),
      why: Text,
    }),
  ),
});

export const PathwayAdherenceList = Type.Object({
  items: ReadonlyList(Type.Intersect([Type.Object({ templateId: Type.String(), title: Text }), Adherence])),
});
