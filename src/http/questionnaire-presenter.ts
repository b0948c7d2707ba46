import type {
  Instrument,
  QuestionnaireHistory,
  QuestionnaireResult,
  SubmittedQuestionnaire,
} from '../contracts/questionnaire-contracts.ts';
import { INSTRUMENTS } from '../domain/questionnaires/instrument-catalog.ts';
import type { QuestionnaireResponse } from '../domain/questionnaires/questionnaire-response.ts';
import type { SubmittedQuestionnaire as Submitted } from '../domain/questionnaires/questionnaire-service.ts';
import {
  maxScoreOf,
  type ScreeningInstrument,
  type ScreeningLanguage,
} from '../domain/questionnaires/screening-instrument.ts';
import type { QuestionnaireHistory as History } from '../domain/questionnaires/screening-trend.ts';
import { explainUrgentReason } from '../domain/questionnaires/urgent-follow-up.ts';

/** An instrument in one language, as the API sends it. */
export function presentInstrument(instrument: ScreeningInstrument, lang: ScreeningLanguage): Instrument {
  const choices = (labels: readonly { fr: string; en: string }[]) =>
    labels.map((label, value) => ({ value, label: label[lang] }));
  return {
    id: instrument.id,
    title: instrument.title[lang],
    stem: instrument.stem[lang],
    items: instrument.items.map((item, index) => ({ number: index + 1, text: item[lang] })),
    answers: choices(instrument.answerScale),
    difficulty: {
      question: instrument.difficulty.question[lang],
      answers: choices(instrument.difficulty.answers),
    },
    maxScore: maxScoreOf(instrument),
    bands: instrument.bands.map(({ band, min, max, label }) => ({ band, min, max, label: label[lang] })),
    safetyItem: instrument.safetyItem?.number ?? null,
    loinc: instrument.loinc,
    sources: instrument.sources,
  };
}

/** A scored response with its band and urgent reasons in words. */
export function presentResult(response: QuestionnaireResponse, lang: ScreeningLanguage): QuestionnaireResult {
  const instrument = INSTRUMENTS[response.instrument];
  return {
    id: response.id,
    instrument: response.instrument,
    answers: response.answers,
    difficulty: response.difficulty,
    score: response.score,
    maxScore: maxScoreOf(instrument),
    band: response.band,
    bandLabel: instrument.bands.find((band) => band.band === response.band)?.label[lang] ?? response.band,
    urgent: response.urgentReasons.length > 0,
    urgentReasons: response.urgentReasons.map((reason) => explainUrgentReason(instrument, reason, lang)),
    filledBy: response.filledBy,
    completedAt: response.completedAt.toISOString(),
  };
}

/** A just-recorded response, with the follow-up task it raised. */
export function presentSubmitted(submitted: Submitted, lang: ScreeningLanguage): SubmittedQuestionnaire {
  return { ...presentResult(submitted.response, lang), followUpTaskId: submitted.followUpTaskId };
}

export function presentHistory(history: History, lang: ScreeningLanguage): QuestionnaireHistory {
  return {
    items: history.items.map((item) => ({
      ...presentResult(item, lang),
      changeSincePrevious: item.changeSincePrevious,
    })),
    trends: history.trends,
  };
}
