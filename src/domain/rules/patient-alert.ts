import type { LocalizedText } from './localized-text.ts';
import { REFERRAL_SPECIALTIES } from './referral-specialties.ts';
import type { PlannedAction, PlannedFiring } from './rule-evaluation.ts';

export type AlertKind = 'alert' | 'referral-suggestion' | 'pathway-suggestion';

/** Extra data of a suggestion: the specialty to refer to, or the pathway template to enrol in. */
export type AlertDetails =
  { readonly specialty: string } | { readonly templateId: string } | Readonly<Record<string, never>>;

/** An alert or suggestion shown on a patient's record until someone dismisses it. */
export interface PatientAlert {
  readonly id: string;
  readonly kind: AlertKind;
  readonly text: LocalizedText;
  /** Why the rule fired, in words. */
  readonly explanation: LocalizedText;
  readonly details: AlertDetails;
  readonly ruleSetId: string;
  readonly ruleId: string;
  readonly ruleLabel: LocalizedText;
  readonly eventId: string;
  readonly status: 'open' | 'dismissed';
  readonly raisedAt: Date;
}

/** A new alert to store, keyed by its action so that a replay raises it once. */
export interface NewPatientAlert extends Omit<PatientAlert, 'status'> {
  readonly patientId: string;
  readonly actionKey: string;
  readonly firingId: string;
}

/** The alert an action raises on the patient, or undefined for actions that raise none. */
export function alertOf(
  action: PlannedAction,
  firing: PlannedFiring,
  ids: { alertId: string; firingId: string },
): NewPatientAlert | undefined {
  const shown = shownAs(action);
  if (shown === undefined) return undefined;
  return {
    id: ids.alertId,
    patientId: firing.trigger.patientId,
    actionKey: action.key,
    firingId: ids.firingId,
    ...shown,
    explanation: firing.explanation,
    ruleSetId: firing.ruleSetId,
    ruleId: firing.ruleId,
    ruleLabel: firing.ruleLabel,
    eventId: firing.trigger.id,
    raisedAt: firing.decidedAt,
  };
}

function shownAs(
  action: PlannedAction,
): { kind: AlertKind; text: LocalizedText; details: AlertDetails } | undefined {
  switch (action.kind) {
    case 'raise-alert':
      return { kind: 'alert', text: action.text, details: {} };
    case 'suggest-referral': {
      const specialty = REFERRAL_SPECIALTIES[action.specialty];
      return {
        kind: 'referral-suggestion',
        text: {
          fr: `Adressage suggéré en ${specialty.fr} : ${action.reason.fr}`,
          en: `Referral suggested to ${specialty.en}: ${action.reason.en}`,
        },
        details: { specialty: action.specialty },
      };
    }
    case 'enrol-in-pathway':
      return {
        kind: 'pathway-suggestion',
        text: {
          fr: `Inclusion suggérée dans le parcours « ${action.templateId} »`,
          en: `Suggested enrolment in the pathway "${action.templateId}"`,
        },
        details: { templateId: action.templateId },
      };
    case 'create-task':
    case 'notify':
      return undefined;
  }
}
