/** The screening questionnaires Relais scores. */
export const INSTRUMENT_IDS = ['PHQ-9', 'GAD-7'] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

export function isInstrumentId(value: string): value is InstrumentId {
  return (INSTRUMENT_IDS as readonly string[]).includes(value);
}

/** The languages an instrument's wording is shipped in; French is the reference. */
export type ScreeningLanguage = 'fr' | 'en';

/** A text in each language. */
export type LocalText = Readonly<Record<ScreeningLanguage, string>>;

/** Severity bands by total score, named as in the instruments' validation papers. */
export type SeverityBand = 'minimal' | 'mild' | 'moderate' | 'moderately-severe' | 'severe';

/** A questionnaire as data: its wording, answer scale, scoring bands and where they come from. */
export interface ScreeningInstrument {
  readonly id: InstrumentId;
  /** LOINC codes of the panel and of its total score (loinc.org), for interoperability. */
  readonly loinc: { readonly panel: string; readonly totalScore: string };
  readonly title: LocalText;
  /** The question every item answers ("Over the last 2 weeks, how often…"). */
  readonly stem: LocalText;
  /** The scored items, in order; each is answered on `answerScale`. */
  readonly items: readonly LocalText[];
  /** The four answer labels, for the values 0, 1, 2 and 3. */
  readonly answerScale: readonly [LocalText, LocalText, LocalText, LocalText];
  /** The closing functional-difficulty question: optional, recorded, never scored. */
  readonly difficulty: {
    readonly question: LocalText;
    readonly answers: readonly [LocalText, LocalText, LocalText, LocalText];
  };
  /** Contiguous bands covering 0 to the maximum total, lowest first. */
  readonly bands: readonly {
    readonly band: SeverityBand;
    readonly min: number;
    readonly max: number;
    readonly label: LocalText;
  }[];
  /** The item whose any positive answer needs a clinician's attention at once, with what it is about. */
  readonly safetyItem: { readonly number: number; readonly subject: LocalText } | null;
  /** The change in total score held to be clinically meaningful when following a patient over time. */
  readonly meaningfulChange: number;
  /** Where the wording, scoring and bands come from. */
  readonly sources: readonly string[];
}

/** The highest answer value on the 0–3 frequency scale both instruments use. */
export const MAX_ANSWER = 3;

/** The highest total an instrument can reach: every item answered 3. */
export function maxScoreOf(instrument: ScreeningInstrument): number {
  return instrument.items.length * MAX_ANSWER;
}
