import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

const closed = { additionalProperties: false } as const;

export const InstrumentId = Type.Union([Type.Literal('PHQ-9'), Type.Literal('GAD-7')]);
export type InstrumentId = Static<typeof InstrumentId>;
export const SeverityBand = Type.Union([
  Type.Literal('minimal'),
  Type.Literal('mild'),
  Type.Literal('moderate'),
  Type.Literal('moderately-severe'),
  Type.Literal('severe'),
]);

/** ?lang=fr|en: the language of the wording and of the explanations (French by default). */
export const LanguageQuery = Type.Object(
  { lang: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])) },
  closed,
);
export type LanguageQuery = Static<typeof LanguageQuery>;

const Choice = Type.Object({ value: Type.Integer(), label: Type.String() });

/** An instrument in one language: what a form needs to ask it and read its result. */
export const Instrument = Type.Object({
  id: InstrumentId,
  title: Type.String(),
  stem: Type.String(),
  items: ReadonlyList(Type.Object({ number: Type.Integer(), text: Type.String() })),
  answers: ReadonlyList(Choice),
  difficulty: Type.Object({ question: Type.String(), answers: ReadonlyList(Choice) }),
  maxScore: Type.Integer(),
  bands: ReadonlyList(
    Type.Object({ band: SeverityBand, min: Type.Integer(), max: Type.Integer(), label: Type.String() }),
  ),
  safetyItem: Nullable(Type.Integer({ description: 'The item any positive answer to which is urgent' })),
  loinc: Type.Object({ panel: Type.String(), totalScore: Type.String() }),
  sources: ReadonlyList(Type.String()),
});
export type Instrument = Static<typeof Instrument>;

export const InstrumentList = Type.Object({ items: ReadonlyList(Instrument) });
export type InstrumentList = Static<typeof InstrumentList>;

/** POST …/questionnaires: one answer (0–3) per item in order, null for a skipped one (then refused). */
export const NewQuestionnaireResponse = Type.Object(
  {
    instrument: Type.String({ maxLength: 20, description: 'PHQ-9 or GAD-7' }),
    answers: Type.Array(Nullable(Type.Integer()), { maxItems: 30 }),
    difficulty: Nullable(Type.Integer({ description: 'The unscored difficulty question, 0–3' })),
  },
  closed,
);
export type NewQuestionnaireResponse = Static<typeof NewQuestionnaireResponse>;

const resultFields = {
  id: Uuid,
  instrument: InstrumentId,
  answers: ReadonlyList(Type.Integer()),
  difficulty: Nullable(Type.Integer()),
  score: Type.Integer(),
  maxScore: Type.Integer(),
  band: SeverityBand,
  bandLabel: Type.String(),
  urgent: Type.Boolean(),
  urgentReasons: ReadonlyList(Type.String()),
  filledBy: Type.Union([Type.Literal('patient'), Type.Literal('professional')]),
  completedAt: IsoDateTime,
};

/** A scored response; `urgentReasons` say in words why an urgent follow-up was raised (empty: none). */
export const QuestionnaireResult = Type.Object(resultFields);
export type QuestionnaireResult = Static<typeof QuestionnaireResult>;

/** The answer to POST …/questionnaires: the result, and the urgent follow-up task it created (or null). */
export const SubmittedQuestionnaire = Type.Object({
  ...resultFields,
  followUpTaskId: Nullable(Uuid),
});
export type SubmittedQuestionnaire = Static<typeof SubmittedQuestionnaire>;

export const QuestionnaireHistory = Type.Object({
  items: ReadonlyList(Type.Object({ ...resultFields, changeSincePrevious: Nullable(Type.Integer()) })),
  trends: ReadonlyList(
    Type.Object({
      instrument: InstrumentId,
      latestScore: Type.Integer(),
      previousScore: Nullable(Type.Integer()),
      change: Nullable(Type.Integer()),
      direction: Nullable(
        Type.Union([Type.Literal('better'), Type.Literal('worse'), Type.Literal('stable')]),
      ),
    }),
  ),
});
export type QuestionnaireHistory = Static<typeof QuestionnaireHistory>;
