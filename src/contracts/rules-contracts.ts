import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

const closed = { additionalProperties: false } as const;

/** Text in French (the reference) and English. */
export const LocalizedText = Type.Object({ fr: Type.String(), en: Type.String() });

const RuleSetId = Type.String({ pattern: '^[a-z][a-z0-9-]{0,59}$', description: 'e.g. starter' });
const RuleId = Type.String({ pattern: '^[a-z][a-z0-9-]{0,59}$' });

/** An alert or suggestion a coordination rule raised on a patient. */
export const PatientAlert = Type.Object({
  id: Uuid,
  kind: Type.Union([
    Type.Literal('alert'),
    Type.Literal('referral-suggestion'),
    Type.Literal('pathway-suggestion'),
  ]),
  text: LocalizedText,
  explanation: LocalizedText,
  details: Type.Object({
    specialty: Type.Optional(Type.String()),
    templateId: Type.Optional(Type.String()),
  }),
  ruleSetId: Type.String(),
  ruleId: Type.String(),
  ruleLabel: LocalizedText,
  raisedAt: IsoDateTime,
});
export type PatientAlert = Static<typeof PatientAlert>;

export const PatientAlertList = Type.Object({ items: ReadonlyList(PatientAlert) });
export type PatientAlertList = Static<typeof PatientAlertList>;

export const AlertParams = Type.Object({ patientId: Uuid, alertId: Uuid });

export const TargetParams = Type.Object({
  patientId: Uuid,
  name: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'e.g. hba1c' }),
});
export const TargetBody = Type.Object(
  { value: Type.Number(), unit: Nullable(Type.String({ minLength: 1, maxLength: 20 })) },
  closed,
);

export const RuleSummary = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  label: LocalizedText,
  on: ReadonlyList(Type.String()),
  actions: ReadonlyList(Type.String()),
  source: Nullable(Type.String()),
  enabled: Type.Boolean(),
});

export const RuleSetSummary = Type.Object({
  id: Type.String(),
  label: Nullable(LocalizedText),
  version: Type.Integer(),
  origin: Type.Union([Type.Literal('shipped'), Type.Literal('admin')]),
  savedAt: IsoDateTime,
  rules: ReadonlyList(RuleSummary),
  problems: ReadonlyList(Type.String({ description: 'file:line:column: message' })),
});
export type RuleSetSummary = Static<typeof RuleSetSummary>;

export const RuleSetList = Type.Object({ items: ReadonlyList(RuleSetSummary) });
export type RuleSetList = Static<typeof RuleSetList>;

export const RuleSetDetail = Type.Object({
  ...RuleSetSummary.properties,
  source: Type.String({ description: 'The YAML text of the latest version' }),
  versions: ReadonlyList(
    Type.Object({
      version: Type.Integer(),
      origin: Type.Union([Type.Literal('shipped'), Type.Literal('admin')]),
      savedBy: Nullable(Uuid),
      savedAt: IsoDateTime,
    }),
  ),
});
export type RuleSetDetail = Static<typeof RuleSetDetail>;

export const RuleSetParams = Type.Object({ ruleSetId: RuleSetId });
export const RuleParams = Type.Object({ ruleSetId: RuleSetId, ruleId: RuleId });

export const SaveRuleSet = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 200_000, description: 'The rule set in YAML' }),
    baseVersion: Nullable(
      Type.Integer({ minimum: 1, description: 'The version edited; null to create a new set' }),
    ),
  },
  closed,
);
export type SaveRuleSet = Static<typeof SaveRuleSet>;

export const SwitchRule = Type.Object({ enabled: Type.Boolean() }, closed);

export const DryRunRequest = Type.Object(
  {
    ruleSetId: RuleSetId,
    source: Nullable(
      Type.String({
        minLength: 1,
        maxLength: 200_000,
        description: 'A text to try instead of the stored set',
      }),
    ),
    from: IsoDateTime,
    to: IsoDateTime,
  },
  closed,
);
export type DryRunRequest = Static<typeof DryRunRequest>;

const SimulatedAction = Type.Object({
  kind: Type.String(),
  role: Nullable(Type.String()),
  priority: Nullable(Type.String()),
  text: Nullable(LocalizedText),
});

export const DryRunResult = Type.Object({
  evaluatedEvents: Type.Integer(),
  truncated: Type.Boolean(),
  firings: ReadonlyList(
    Type.Object({
      patient: Type.Integer({ description: 'The patient as a number within this run, never an identity' }),
      ruleId: Type.String(),
      ruleLabel: LocalizedText,
      eventType: Type.String(),
      occurredAt: IsoDateTime,
      explanation: LocalizedText,
      actions: ReadonlyList(SimulatedAction),
    }),
  ),
  waiting: ReadonlyList(
    Type.Object({
      patient: Type.Integer(),
      ruleId: Type.String(),
      eventType: Type.String(),
      occurredAt: IsoDateTime,
      dueAt: IsoDateTime,
    }),
  ),
});
export type DryRunResult = Static<typeof DryRunResult>;
