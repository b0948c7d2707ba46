import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

const closed = { additionalProperties: false } as const;

export const ITEM_KIND_CODES = [
  'discharge-letter',
  'follow-up-visit',
  'medication-reconciliation',
  'home-nursing',
  'equipment',
] as const;
export const ADDABLE_KIND_CODES = ['home-nursing', 'equipment'] as const;

export const StayView = Type.Object({
  id: Uuid,
  facility: Type.String({ description: 'The sending facility (MSH-4, a FINESS in PAM France)' }),
  unit: Nullable(Type.String()),
  attending: Nullable(Type.String()),
  patientClass: Type.Enum(['inpatient', 'outpatient', 'emergency'] as const),
  admissionKind: Type.Enum(['emergency', 'urgent', 'elective', 'unknown'] as const),
  status: Type.Enum(['admitted', 'discharged', 'cancelled'] as const),
  admittedAt: IsoDateTime,
  dischargedAt: Nullable(IsoDateTime),
  dischargeDisposition: Nullable(Type.String()),
});
export type StayView = Static<typeof StayView>;

export const TransitionItemView = Type.Object({
  id: Uuid,
  kind: Type.Enum(ITEM_KIND_CODES),
  label: Nullable(Type.Object({ fr: Type.String(), en: Type.String() })),
  responsible: Type.String({
    description: 'A care-team role, or "coordination": the coordinator, else the médecin traitant',
  }),
  dueAt: IsoDateTime,
  lastOnTimeDay: Type.String({ description: 'The last day on time, Europe/Paris (YYYY-MM-DD)' }),
  deadlineSource: Type.Enum(['regulation', 'pathway', 'default', 'manual'] as const, {
    description: 'regulation: a text of law; default: a configurable design default, not a rule',
  }),
  status: Type.Enum(['pending', 'late', 'done', 'not-needed'] as const),
  note: Nullable(Type.String()),
  doneAt: Nullable(IsoDateTime),
  doneBy: Nullable(Type.String()),
  evidence: Nullable(Type.String()),
  evidenceRef: Nullable(
    Type.String({ description: 'The letter, reconciliation or pathway step that completed it' }),
  ),
  taskId: Nullable(Uuid),
});

export const TransitionView = Type.Object({
  id: Uuid,
  status: Type.Enum(['open', 'closed', 'cancelled'] as const),
  openedAt: IsoDateTime,
  dischargedAt: IsoDateTime,
  closedAt: Nullable(IsoDateTime),
  version: Type.Integer({ description: 'Send it back with a change: a stale one gets 409' }),
  items: ReadonlyList(TransitionItemView),
});

export const TransitionSummary = Type.Object({
  id: Uuid,
  status: Type.Enum(['open', 'closed', 'cancelled'] as const),
  total: Type.Integer(),
  closedItems: Type.Integer({ description: 'Items done or not needed' }),
  late: Type.Integer(),
  nextDueAt: Nullable(IsoDateTime),
});

export const StayList = Type.Object({
  items: ReadonlyList(Type.Object({ stay: StayView, transition: Nullable(TransitionSummary) })),
});

export const StayDetail = Type.Object({ stay: StayView, transition: Nullable(TransitionView) });

export const StayParams = Type.Object({ patientId: Uuid, stayId: Uuid }, closed);
export const ItemParams = Type.Object({ patientId: Uuid, stayId: Uuid, itemId: Uuid }, closed);

export const AddItemRequest = Type.Object(
  {
    kind: Type.Enum(ADDABLE_KIND_CODES),
    dueOn: IsoDate,
    note: Type.String({ minLength: 1, maxLength: 1000, description: 'What must be arranged' }),
    version: Type.Integer({ minimum: 1 }),
  },
  closed,
);

export const MarkItemRequest = Type.Object(
  {
    status: Type.Enum(['done', 'not-needed'] as const),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    version: Type.Integer({ minimum: 1 }),
  },
  closed,
);

const MustAct = Type.Object({
  role: Type.String({ description: 'The care-team role asked to act' }),
  names: ReadonlyList(Type.String()),
});

export const InpatientsWorklist = Type.Object({
  inpatients: ReadonlyList(
    Type.Object({ patientId: Uuid, patientName: Type.String(), stay: StayView, mustAct: MustAct }),
  ),
  items: ReadonlyList(
    Type.Object({
      patientId: Uuid,
      patientName: Type.String(),
      stay: StayView,
      item: TransitionItemView,
      mustAct: MustAct,
    }),
  ),
});

export const IndicatorsQuery = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'First discharge day counted (YYYY-MM-DD, Paris)' }),
    to: Type.String({ format: 'date', description: 'Last discharge day counted, included' }),
  },
  closed,
);

const Share = Type.Object({ count: Type.Integer(), of: Type.Integer() });

export const TransitionIndicatorsView = Type.Object({
  from: IsoDate,
  to: IsoDate,
  transitions: Type.Integer(),
  letterDelayHours: Nullable(
    Type.Object({ median: Type.Number(), p90: Type.Number(), letters: Type.Integer() }),
  ),
  lettersOnDischargeDay: Share,
  followUpsOnTime: Share,
});
