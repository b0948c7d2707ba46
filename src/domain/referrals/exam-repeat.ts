/**
 * The duplicate-test warning: an exam asked for while a result of the same exam is still within its
 * validity window must come with a reason to repeat it.
 */

/** An exam and how long its result stays useful; several LOINC codes may name the same exam. */
export interface ExamValidity {
  readonly id: string;
  readonly label: { readonly fr: string; readonly en: string };
  readonly codes: readonly string[];
  readonly validityDays: number;
  /** Where the window comes from; a window without an official source is a configurable default. */
  readonly source: string;
  readonly officialRule: boolean;
}

/** A result of the patient's record, as the warning shows it. */
export interface PriorResult {
  readonly id: string;
  readonly loincCode: string;
  readonly display: string;
  readonly value: string;
  readonly effectiveAt: Date;
}

/** An asked exam that repeats a recent result. */
export interface RepeatedExam {
  readonly code: string;
  readonly exam: ExamValidity;
  /** The latest result within the window. */
  readonly result: PriorResult;
  readonly validUntil: Date;
}

const DAY_MS = 86_400_000;

/** The asked exams a result within the window already answers, latest result first per exam. */
export function findRepeatedExams(
  askedCodes: readonly string[],
  results: readonly PriorResult[],
  windows: readonly ExamValidity[],
  at: Date,
): RepeatedExam[] {
  const repeats: RepeatedExam[] = [];
  for (const code of askedCodes) {
    const exam = windows.find((window) => window.codes.includes(code));
    if (exam === undefined) continue;
    const latest = results
      .filter((result) => exam.codes.includes(result.loincCode) && result.effectiveAt <= at)
      .reduce<PriorResult | undefined>(
        (best, result) => (best === undefined || result.effectiveAt > best.effectiveAt ? result : best),
        undefined,
      );
    if (latest === undefined) continue;
    const validUntil = new Date(latest.effectiveAt.getTime() + exam.validityDays * DAY_MS);
    if (validUntil > at) repeats.push({ code, exam, result: latest, validUntil });
  }
  return repeats;
}
