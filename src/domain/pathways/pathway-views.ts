import type { LocalizedText } from '../rules/localized-text.ts';
import { localDateOf } from '../shared/wall-clock.ts';
import { adherenceOf, countAdherence, type Adherence } from './pathway-adherence.ts';
import type { Enrolment } from './pathway-enrolment.ts';
import { stepOf, timingIsDefault, type PathwayStep, type PathwayTemplate } from './pathway-template.ts';
import { isOpen, openStatusAt, type OccurrenceStatus, type StepOccurrence } from './step-occurrence.ts';

/** How the pathway view shows an occurrence: done, next (not late yet), late, or closed otherwise. */
export type OccurrenceState = 'done' | 'next' | 'late' | 'skipped' | 'on-hold' | 'cancelled';

export interface OccurrenceView {
  readonly occurrence: StepOccurrence;
  /** The stored status, brought up to `now` for open ones (the due scan may not have run yet). */
  readonly status: OccurrenceStatus;
  readonly state: OccurrenceState;
  /** The last day on time, on the territory's calendar. */
  readonly lastOnTimeDay: string;
  readonly onTime: boolean | null;
}

export interface StepView {
  readonly step: PathwayStep;
  readonly timingIsDefault: boolean;
  readonly occurrences: readonly OccurrenceView[];
}

/** One enrolment as clinicians see it: its template version, each step's occurrences, adherence. */
export interface EnrolmentView {
  readonly enrolment: Enrolment;
  readonly template: PathwayTemplate;
  readonly steps: readonly StepView[];
  readonly adherence: Adherence;
}

export function occurrenceView(occurrence: StepOccurrence, now: Date, timeZone: string): OccurrenceView {
  const status = isOpen(occurrence.status) ? openStatusAt(occurrence, now) : occurrence.status;
  const state: OccurrenceState =
    status === 'rupture' ? 'late' : status === 'scheduled' || status === 'due' ? 'next' : status;
  return {
    occurrence,
    status,
    state,
    lastOnTimeDay: localDateOf(new Date(occurrence.lateAt.getTime() - 1), timeZone),
    onTime:
      occurrence.status === 'done'
        ? occurrence.completedAt !== null && occurrence.completedAt < occurrence.lateAt
        : null,
  };
}

/** The clinician's view of a patient's pathways; enrolments whose template version is unknown are left out. */
export function enrolmentViews(
  input: { enrolments: readonly Enrolment[]; occurrences: readonly StepOccurrence[] },
  templateOf: (enrolment: Enrolment) => PathwayTemplate | undefined,
  now: Date,
  timeZone: string,
): EnrolmentView[] {
  return input.enrolments.flatMap((enrolment) => {
    const template = templateOf(enrolment);
    if (template === undefined) return [];
    const own = input.occurrences.filter((o) => o.enrolmentId === enrolment.id);
    return [
      {
        enrolment,
        template,
        steps: template.steps.map((step) => ({
          step,
          timingIsDefault: timingIsDefault(step),
          occurrences: own.filter((o) => o.stepId === step.id).map((o) => occurrenceView(o, now, timeZone)),
        })),
        adherence: adherenceOf(countAdherence(own, now)),
      },
    ];
  });
}

/** One thing the patient should do next, in plain words, for the portal. */
export interface NextStepForPatient {
  readonly occurrenceId: string;
  readonly pathwayTitle: LocalizedText;
  readonly what: LocalizedText;
  readonly fromDay: string;
  readonly byDay: string;
  readonly late: boolean;
  readonly sentence: LocalizedText;
}

/** The open steps of active pathways, soonest first, each said as a sentence the patient can act on. */
export function nextStepsForPatient(
  input: { enrolments: readonly Enrolment[]; occurrences: readonly StepOccurrence[] },
  templateOf: (enrolment: Enrolment) => PathwayTemplate | undefined,
  now: Date,
  timeZone: string,
): NextStepForPatient[] {
  const active = new Map(input.enrolments.filter((e) => e.status === 'active').map((e) => [e.id, e]));
  return input.occurrences
    .filter((o) => isOpen(o.status) && active.has(o.enrolmentId))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .flatMap((occurrence) => {
      const enrolment = active.get(occurrence.enrolmentId);
      const template = enrolment === undefined ? undefined : templateOf(enrolment);
      const step = template === undefined ? undefined : stepOf(template, occurrence.stepId);
      if (template === undefined || step === undefined) return [];
      const view = occurrenceView(occurrence, now, timeZone);
      const fromDay = localDateOf(occurrence.dueAt, timeZone);
      const late = view.state === 'late';
      return [
        {
          occurrenceId: occurrence.id,
          pathwayTitle: template.title,
          what: step.patientLabel,
          fromDay,
          byDay: view.lastOnTimeDay,
          late,
          sentence: late
            ? {
                fr: `${step.patientLabel.fr} : c'était prévu au plus tard le ${view.lastOnTimeDay}. Parlez-en à votre équipe de soins.`,
                en: `${step.patientLabel.en}: this was planned by ${view.lastOnTimeDay}. Please talk to your care team.`,
              }
            : {
                fr: `${step.patientLabel.fr}, entre le ${fromDay} et le ${view.lastOnTimeDay}.`,
                en: `${step.patientLabel.en}, between ${fromDay} and ${view.lastOnTimeDay}.`,
              },
        },
      ];
    });
}
