import type { InstrumentId, SeverityBand } from './screening-instrument.ts';
import type { UrgentReason } from './urgent-follow-up.ts';

/** Who filled a questionnaire in: the patient themself (portal) or a professional with the patient. */
export type FilledBy = 'patient' | 'professional';

/** A completed, scored questionnaire as the record keeps it. */
export interface QuestionnaireResponse {
  readonly id: string;
  readonly instrument: InstrumentId;
  /** One answer (0–3) per item, in the instrument's order. */
  readonly answers: readonly number[];
  /** The unscored difficulty question, when answered. */
  readonly difficulty: number | null;
  readonly score: number;
  readonly band: SeverityBand;
  /** Empty when no urgent follow-up was needed. */
  readonly urgentReasons: readonly UrgentReason[];
  readonly filledBy: FilledBy;
  readonly filledByAccountId: string;
  readonly completedAt: Date;
}
