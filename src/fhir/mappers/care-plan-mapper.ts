import type { CarePlan, CarePlanActivity } from '@medplum/fhirtypes';
import type { EnrolmentStatus } from '../../domain/pathways/pathway-enrolment.ts';
import type { EnrolmentView, OccurrenceView, StepView } from '../../domain/pathways/pathway-views.ts';
import type { OccurrenceStatus } from '../../domain/pathways/step-occurrence.ts';
import { reference } from './fhir-mapping.ts';

// An ended enrolment is over, whatever the reason given (kept as a note): the domain does not tell a
// pathway followed to its end from one stopped early.
const PLAN_STATUS: Readonly<Record<EnrolmentStatus, CarePlan['status']>> = {
  active: 'active',
  paused: 'on-hold',
  ended: 'completed',
};

// A step not yet due is scheduled; a due or late one (rupture) is waiting to be done.
const ACTIVITY_STATUS: Readonly<Record<OccurrenceStatus, NonNullable<CarePlanActivity['detail']>['status']>> =
  {
    scheduled: 'scheduled',
    due: 'not-started',
    rupture: 'not-started',
    done: 'completed',
    skipped: 'cancelled',
    'on-hold': 'on-hold',
    cancelled: 'cancelled',
  };

/**
 * A patient's enrolment in a care pathway as a CarePlan: the template's title, the enrolment's status
 * and dates, and one activity per step occurrence (its window from the earliest day to the last day
 * on time, its status as of the view, why it was skipped). Steps not started yet have no activity.
 */
export function carePlanToFhir(view: EnrolmentView): CarePlan {
  const { enrolment, template } = view;
  const activity = view.steps.flatMap((step) =>
    step.occurrences.map((occurrence) => activityOf(step, occurrence)),
  );
  return {
    resourceType: 'CarePlan',
    id: enrolment.id,
    status: PLAN_STATUS[enrolment.status],
    intent: 'plan',
    title: template.title.fr,
    subject: reference('Patient', enrolment.patientId),
    period: {
      start: enrolment.startedOn,
      ...(enrolment.endedAt === null ? {} : { end: enrolment.endedAt.toISOString() }),
    },
    ...(activity.length === 0 ? {} : { activity }),
    ...(enrolment.endReason === null ? {} : { note: [{ text: enrolment.endReason }] }),
  };
}

function activityOf({ step }: StepView, { occurrence, status }: OccurrenceView): CarePlanActivity {
  return {
    detail: {
      kind: 'Task',
      code: { text: step.label.fr },
      status: ACTIVITY_STATUS[status],
      ...(occurrence.skipReason === null ? {} : { statusReason: { text: occurrence.skipReason } }),
      scheduledPeriod: { start: occurrence.earliestAt.toISOString(), end: occurrence.lateAt.toISOString() },
      description: step.patientLabel.fr,
    },
  };
}
