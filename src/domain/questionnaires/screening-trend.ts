import { INSTRUMENTS } from './instrument-catalog.ts';
import type { InstrumentId } from './screening-instrument.ts';
import type { QuestionnaireResponse } from './questionnaire-response.ts';

/** Lower is better on both instruments; a change smaller than the instrument's meaningful change is stable. */
export type TrendDirection = 'better' | 'worse' | 'stable';

/** How an instrument's score moved between its last two completions. */
export interface ScreeningTrend {
  readonly instrument: InstrumentId;
  readonly latestScore: number;
  readonly previousScore: number | null;
  readonly change: number | null;
  readonly direction: TrendDirection | null;
}

/** A response of the history with the change since the previous completion of the same instrument. */
export interface HistoryItem extends QuestionnaireResponse {
  readonly changeSincePrevious: number | null;
}

/** A patient's questionnaires, newest first, and the trend of each instrument they have completed. */
export interface QuestionnaireHistory {
  readonly items: readonly HistoryItem[];
  readonly trends: readonly ScreeningTrend[];
}

/** Builds the history from responses in any order. */
export function historyOf(responses: readonly QuestionnaireResponse[]): QuestionnaireHistory {
  const newestFirst = [...responses].sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime());
  const items = newestFirst.map((response, index) => {
    const previous = newestFirst.slice(index + 1).find((older) => older.instrument === response.instrument);
    return {
      ...response,
      changeSincePrevious: previous === undefined ? null : response.score - previous.score,
    };
  });
  const trends: ScreeningTrend[] = [];
  for (const item of items) {
    if (trends.some((trend) => trend.instrument === item.instrument)) continue;
    const change = item.changeSincePrevious;
    trends.push({
      instrument: item.instrument,
      latestScore: item.score,
      previousScore: change === null ? null : item.score - change,
      change,
      direction: change === null ? null : directionOf(item.instrument, change),
    });
  }
  return { items, trends };
}

function directionOf(instrument: InstrumentId, change: number): TrendDirection {
  if (Math.abs(change) < INSTRUMENTS[instrument].meaningfulChange) return 'stable';
  return change < 0 ? 'better' : 'worse';
}
