import type { CareTeamRole } from '../care-team/care-team-role.ts';
import type { LocalizedText } from '../rules/localized-text.ts';
import { DomainError } from '../shared/domain-error.ts';
import { localDateOf } from '../shared/wall-clock.ts';
import { timingIsDefault, type PathwayStep } from './pathway-template.ts';
import { openStatusAt, type StepOccurrence } from './step-occurrence.ts';

export const DEFAULT_WITHIN_DAYS = 14;
export const MAX_WITHIN_DAYS = 365;
export const DEFAULT_PATHWAY_WORKLIST_LIMIT = 100;
export const MAX_PATHWAY_WORKLIST_LIMIT = 500;

/** Which steps a worklist shows: ruptures, and steps due before `dueBefore`, narrowed by the filters. */
export interface PathwayWorklistQuery {
  readonly dueBefore: Date;
  readonly templateId?: string;
  readonly stepId?: string;
  readonly role?: CareTeamRole;
  /** Only steps this professional must act on (as holder of the step's role, or as stand-in coordinator). */
  readonly practitionerId?: string;
  /** Only steps whose responsible professionals work in this organisation (practice or service). */
  readonly organizationId?: string;
  readonly limit: number;
}

/** A worklist row's key: which occurrence of which patient, chosen before the rows are read in full. */
export interface PathwayWorklistKey {
  readonly patientId: string;
  readonly occurrenceId: string;
}

/** A professional who may act on a step. */
export interface Actor {
  readonly practitionerId: string;
  readonly name: string;
  readonly organizationId: string | null;
}

/** A row as the store reads it: the occurrence, its patient, and who holds the roles concerned. */
export interface PathwayWorklistRow {
  readonly occurrence: StepOccurrence;
  readonly patientName: string;
  /** Who holds the step's role in the patient's care team today. */
  readonly roleHolders: readonly Actor[];
  /** The patient's coordinators, who act when the role is vacant. */
  readonly coordinators: readonly Actor[];
}

/** Who must act on a step: the holders of its role or, when vacant, the coordinators. */
export function whoMustAct(row: PathwayWorklistRow): {
  role: CareTeamRole;
  actors: readonly Actor[];
  vacant: boolean;
} {
  const vacant = row.roleHolders.length === 0;
  return vacant
    ? { role: 'coordinator', actors: row.coordinators, vacant }
    : { role: row.occurrence.role, actors: row.roleHolders, vacant };
}

/** Why a step is on the worklist, in words: late since when, or due when; a default timing says so. */
export function whyListed(
  step: PathwayStep,
  occurrence: StepOccurrence,
  now: Date,
  timeZone: string,
): LocalizedText {
  const day = (instant: Date) => localDateOf(instant, timeZone);
  const lastOnTime = day(new Date(occurrence.lateAt.getTime() - 1));
  const defaults = timingIsDefault(step)
    ? { fr: ' (délai par défaut, à valider)', en: ' (default timing, to be confirmed)' }
    : { fr: '', en: '' };
  if (openStatusAt(occurrence, now) === 'rupture') {
    return {
      fr: `${step.label.fr} : en retard, attendu au plus tard le ${lastOnTime}${defaults.fr}`,
      en: `${step.label.en}: late, expected by ${lastOnTime}${defaults.en}`,
    };
  }
  return {
    fr: `${step.label.fr} : à faire à partir du ${day(occurrence.dueAt)}, au plus tard le ${lastOnTime}${defaults.fr}`,
    en: `${step.label.en}: due from ${day(occurrence.dueAt)}, by ${lastOnTime} at the latest${defaults.en}`,
  };
}

/** Checks the worklist's horizon and page size. Error: `invalid-input`. */
export function checkWorklistBounds(withinDays: number, limit: number): void {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WITHIN_DAYS)
    throw new DomainError('invalid-input', `withinDays must be a whole number from 0 to ${MAX_WITHIN_DAYS}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PATHWAY_WORKLIST_LIMIT)
    throw new DomainError(
      'invalid-input',
      `limit must be a whole number from 1 to ${MAX_PATHWAY_WORKLIST_LIMIT}`,
    );
}
