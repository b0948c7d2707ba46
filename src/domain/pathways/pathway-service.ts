import { auditEntryFor, type PatientAccess, type RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import { ownerOf, type RecordPartOwners } from '../record/record-parts.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import { localDateOf, startOfLocalDay } from '../shared/wall-clock.ts';
import { adherenceOf, type Adherence } from './pathway-adherence.ts';
import type { PathwayCatalog } from './pathway-catalog.ts';
import { endEnrolment, pauseEnrolment, resumeEnrolment, type Enrolment } from './pathway-enrolment.ts';
import {
  enrolledEvent,
  enrolmentChangedEvent,
  stepSkippedEvent,
  type PathwayEventContext,
} from './pathway-events.ts';
import type { HeldStepsChange, PathwayStore, PathwayWorklistReader } from './pathway-ports.ts';
import { firstOccurrences } from './pathway-progress.ts';
import { stepOf, type PathwayTemplate } from './pathway-template.ts';
import {
  enrolmentViews,
  nextStepsForPatient,
  occurrenceView,
  type EnrolmentView,
  type NextStepForPatient,
} from './pathway-views.ts';
import {
  checkWorklistBounds,
  whoMustAct,
  whyListed,
  type PathwayWorklistQuery,
  type PathwayWorklistRow,
} from './pathway-worklist.ts';
import { skipOccurrence } from './step-occurrence.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How far ahead a start date may be planned (a planned discharge), and how far back it may go. */
const MAX_DAYS_AHEAD = 365;
const MAX_YEARS_BACK = 5;

/** A worklist row with who must act and why, in words. */
export interface PathwayWorklistItem extends PathwayWorklistRow {
  readonly template: PathwayTemplate;
  readonly mustAct: ReturnType<typeof whoMustAct>;
  readonly why: ReturnType<typeof whyListed>;
  /** The last day on time, on the territory's calendar. */
  readonly lastOnTimeDay: string;
}

/** Pathways for professionals and patients; every patient read and write goes through the access gate. */
export function createPathwayService(deps: {
  access: PatientAccess;
  audit: AuditTrail;
  catalog: PathwayCatalog;
  store: PathwayStore;
  /** Whose an enrolment named by its id alone is (a FHIR read). */
  owners: RecordPartOwners;
  worklistReader: PathwayWorklistReader;
  clock: Clock;
  newId: NewId;
  timeZone: string;
}) {
  const { access, audit, catalog, store, owners, worklistReader, clock, newId, timeZone } = deps;
  const templateOf = (enrolment: Enrolment) =>
    catalog.version(enrolment.templateId, enrolment.templateVersion);
  const professional = (principal: Principal) => {
    if (principal.kind !== 'professional')
      throw new DomainError('forbidden', 'pathways are managed by the care team');
    return principal;
  };
  const open = (principal: Principal, patientId: string, action: 'read' | 'write', origin: RequestOrigin) =>
    access.open(principal, patientId, { action, resource: 'pathway' }, origin);
  const context = (principal: Principal, at: Date): PathwayEventContext => ({
    at,
    actorAccountId: principal.accountId,
    newId,
  });

  /** The enrolment and its template version. Error: `not-found`. */
  const enrolmentIn = async (scope: PatientScope, enrolmentId: string) => {
    const enrolment = await store.findEnrolment(scope, enrolmentId);
    const template = enrolment === undefined ? undefined : templateOf(enrolment);
    if (enrolment === undefined || template === undefined)
      throw new DomainError('not-found', `no pathway enrolment with id ${enrolmentId} for this patient`);
    return { enrolment, template };
  };

  const changeEnrolment = async (
    principal: Principal,
    patientId: string,
    enrolmentId: string,
    origin: RequestOrigin,
    change: (
      enrolment: Enrolment,
      at: Date,
    ) => {
      next: Enrolment;
      steps: HeldStepsChange;
      type: 'pathway.paused' | 'pathway.resumed' | 'pathway.ended';
    },
  ) => {
    professional(principal);
    const scope = await open(principal, patientId, 'write', origin);
    const { enrolment, template } = await enrolmentIn(scope, enrolmentId);
    const at = clock();
    const { next, steps, type } = change(enrolment, at);
    const saved = await store.changeEnrolment(
      scope,
      next,
      steps,
      enrolmentChangedEvent(type, next, template, context(principal, at)),
    );
    if (!saved)
      throw new DomainError(
        'conflict',
        'someone else changed this pathway meanwhile: reload it and try again',
      );
  };

  return {
    /** The latest version of every installed template, with its sources and which timings are defaults. */
    listTemplates(principal: Principal): PathwayTemplate[] {
      professional(principal);
      return catalog.latest();
    },

    /**
     * Enrols a patient in the latest version of a template from a start date (the territory's
     * calendar). Errors: `invalid-input` (unknown template, bad date), `forbidden`, `not-found`,
     * `conflict` (already following it).
     */
    async enrol(
      principal: Principal,
      patientId: string,
      input: { readonly templateId: string; readonly startOn: string },
      origin: RequestOrigin,
    ): Promise<string> {
      professional(principal);
      const template = catalog.latestOf(input.templateId);
      if (template === undefined)
        throw new DomainError('invalid-input', `no pathway template "${input.templateId}"`);
      const now = clock();
      checkStartDate(input.startOn, localDateOf(now, timeZone));
      const scope = await open(principal, patientId, 'write', origin);
      const enrolment: Enrolment = {
        id: newId(),
        patientId,
        templateId: template.id,
        templateVersion: template.version,
        status: 'active',
        startedOn: input.startOn,
        startAt: startOfLocalDay(input.startOn, timeZone),
        origin: { kind: 'manual', ref: null },
        pausedAt: null,
        endedAt: null,
        endReason: null,
        version: 1,
      };
      await store.enrol(
        scope,
        enrolment,
        firstOccurrences(template, enrolment, { timeZone, newId }),
        enrolledEvent(enrolment, template, context(principal, now)),
      );
      return enrolment.id;
    },

    /** Pauses a pathway: its open steps are held. Errors: `forbidden`, `not-found`, `conflict`. */
    pause: (principal: Principal, patientId: string, enrolmentId: string, origin: RequestOrigin) =>
      changeEnrolment(principal, patientId, enrolmentId, origin, (enrolment, at) => ({
        next: pauseEnrolment(enrolment, at),
        steps: { kind: 'hold' },
        type: 'pathway.paused',
      })),

    /** Resumes a paused pathway; held steps move by the length of the pause. Errors: as pause. */
    resume: (principal: Principal, patientId: string, enrolmentId: string, origin: RequestOrigin) =>
      changeEnrolment(principal, patientId, enrolmentId, origin, (enrolment, at) => {
        const { enrolment: next, pausedMs } = resumeEnrolment(enrolment, at);
        return { next, steps: { kind: 'release', shiftMs: pausedMs }, type: 'pathway.resumed' };
      }),

    /** Ends a pathway with a reason; its open steps are cancelled. Errors: as pause, and `invalid-input`. */
    end: (
      principal: Principal,
      patientId: string,
      enrolmentId: string,
      reason: string,
      origin: RequestOrigin,
    ) =>
      changeEnrolment(principal, patientId, enrolmentId, origin, (enrolment, at) => ({
        next: endEnrolment(enrolment, reason, at),
        steps: { kind: 'cancel' },
        type: 'pathway.ended',
      })),

    /** Skips an open step with a reason. Errors: `invalid-input`, `forbidden`, `not-found`, `conflict`. */
    async skip(
      principal: Principal,
      patientId: string,
      occurrenceId: string,
      reason: string,
      origin: RequestOrigin,
    ) {
      professional(principal);
      const scope = await open(principal, patientId, 'write', origin);
      const occurrence = await store.findOccurrence(scope, occurrenceId);
      const template =
        occurrence === undefined
          ? undefined
          : catalog.version(occurrence.templateId, occurrence.templateVersion);
      const step =
        template === undefined || occurrence === undefined ? undefined : stepOf(template, occurrence.stepId);
      if (occurrence === undefined || step === undefined)
        throw new DomainError('not-found', `no pathway step with id ${occurrenceId} for this patient`);
      const at = clock();
      const skipped = skipOccurrence(occurrence, reason, { accountId: principal.accountId, at });
      if (!(await store.skip(scope, skipped, stepSkippedEvent(skipped, step, context(principal, at)))))
        throw new DomainError('conflict', 'this step was closed meanwhile: reload the pathway');
    },

    /** A patient's pathways: every step's occurrences (done, next, late) with dates, and adherence. */
    async patientPathways(
      principal: Principal,
      patientId: string,
      origin: RequestOrigin,
    ): Promise<EnrolmentView[]> {
      const scope = await open(principal, patientId, 'read', origin);
      return enrolmentViews(await store.patientPathways(scope), templateOf, clock(), timeZone);
    },

    /**
     * One enrolment named by its id alone, with its patient, read through that patient's gate as
     * their pathways are. Errors: `not-found`, `forbidden`.
     */
    async enrolment(
      principal: Principal,
      enrolmentId: string,
      origin: RequestOrigin,
    ): Promise<{ patientId: string; enrolment: EnrolmentView }> {
      const patientId = await ownerOf(owners, 'pathway-enrolment', enrolmentId);
      const scope = await open(principal, patientId, 'read', origin);
      const views = enrolmentViews(await store.patientPathways(scope), templateOf, clock(), timeZone);
      const enrolment = views.find((view) => view.enrolment.id === enrolmentId);
      if (enrolment === undefined)
        throw new DomainError('not-found', `no pathway enrolment with id ${enrolmentId}`);
      return { patientId, enrolment };
    },

    /**
     * A patient's pathways and next steps for another use case that already opened the patient's data
     * (the GDPR summary), so the access is audited once, by that use case.
     */
    async pathwaysWithin(
      scope: PatientScope,
    ): Promise<{ enrolments: EnrolmentView[]; nextSteps: NextStepForPatient[] }> {
      const pathways = await store.patientPathways(scope);
      const now = clock();
      return {
        enrolments: enrolmentViews(pathways, templateOf, now, timeZone),
        nextSteps: nextStepsForPatient(pathways, templateOf, now, timeZone),
      };
    },

    /** What the signed-in patient should do next, in plain words. Error: `forbidden` (not a patient). */
    async portalNextSteps(principal: Principal, origin: RequestOrigin): Promise<NextStepForPatient[]> {
      if (principal.kind !== 'patient') throw new DomainError('forbidden', 'the portal is for patients');
      const scope = await open(principal, principal.patientId, 'read', origin);
      return nextStepsForPatient(await store.patientPathways(scope), templateOf, clock(), timeZone);
    },

    /**
     * Ruptures and steps due within `withinDays` across the professional's caseload (patients they
     * coordinate or are the GP of), each with who must act and why. Every patient listed is audited
     * like a search hit. Errors: `forbidden` (patient), `invalid-input` (bounds).
     */
    async worklist(
      principal: Principal,
      query: Omit<PathwayWorklistQuery, 'dueBefore'> & { readonly withinDays: number },
      origin: RequestOrigin,
    ): Promise<PathwayWorklistItem[]> {
      const { practitionerId } = professional(principal);
      checkWorklistBounds(query.withinDays, query.limit);
      const now = clock();
      const { withinDays, ...filters } = query;
      const dueBefore = startOfLocalDay(
        localDateOf(new Date(now.getTime() + (withinDays + 1) * 86_400_000), timeZone),
        timeZone,
      );
      const page = await worklistReader.worklistPage(practitionerId, { ...filters, dueBefore }, now);
      const purpose = { action: 'search', resource: 'pathway-worklist' } as const;
      const allowed = {
        outcome: 'allowed',
        reason: 'pathway worklist row within care team',
        role: null,
      } as const;
      const patients = [...new Set(page.map((key) => key.patientId))];
      // The audit rows are made durable while the rows are read: nothing is returned before both.
      const [rows] = await Promise.all([
        worklistReader.worklistRows(page, now),
        patients.length > 0
          ? audit.append(
              patients.map((patientId) => auditEntryFor(principal, patientId, purpose, origin, now, allowed)),
            )
          : undefined,
      ]);
      return rows.flatMap((row) => {
        const template = catalog.version(row.occurrence.templateId, row.occurrence.templateVersion);
        const step = template === undefined ? undefined : stepOf(template, row.occurrence.stepId);
        if (template === undefined || step === undefined) return [];
        return [
          {
            ...row,
            template,
            mustAct: whoMustAct(row),
            why: whyListed(step, row.occurrence, now, timeZone),
            lastOnTimeDay: occurrenceView(row.occurrence, now, timeZone).lastOnTimeDay,
          },
        ];
      });
    },

    /** Adherence per template over the professional's caseload. Error: `forbidden` (patient). */
    async adherenceByTemplate(principal: Principal): Promise<({ template: PathwayTemplate } & Adherence)[]> {
      const { practitionerId } = professional(principal);
      const counts = await worklistReader.adherenceByTemplate(practitionerId, clock());
      return counts.flatMap(({ templateId, ...rest }) => {
        const template = catalog.latestOf(templateId);
        return template === undefined ? [] : [{ template, ...adherenceOf(rest) }];
      });
    },
  };
}

export type PathwayService = ReturnType<typeof createPathwayService>;

/** A start date: a real day, at most a year ahead and five years back. Error: `invalid-input`. */
function checkStartDate(startOn: string, today: string): void {
  const parsed = Date.parse(`${startOn}T00:00:00Z`);
  if (
    !ISO_DATE.test(startOn) ||
    Number.isNaN(parsed) ||
    new Date(parsed).toISOString().slice(0, 10) !== startOn
  )
    throw new DomainError('invalid-input', `startOn "${startOn}" is not a date (YYYY-MM-DD)`);
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  if (parsed > todayMs + MAX_DAYS_AHEAD * 86_400_000)
    throw new DomainError('invalid-input', `startOn ${startOn} is more than ${MAX_DAYS_AHEAD} days ahead`);
  if (parsed < todayMs - MAX_YEARS_BACK * 366 * 86_400_000)
    throw new DomainError('invalid-input', `startOn ${startOn} is more than ${MAX_YEARS_BACK} years back`);
}
