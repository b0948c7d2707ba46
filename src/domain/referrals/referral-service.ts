import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { NewId } from '../shared/new-id.ts';
import { findRepeatedExams, type ExamValidity } from './exam-repeat.ts';
import { referralActionEvent, referralSentEvent } from './referral-events.ts';
import { requireReferralProfessional, type OpenedReferral, type ReferralGate } from './referral-gate.ts';
import { referralRelationsOf } from './referral-policy.ts';
import type {
  NewReferralMessage,
  ReferralFactsSource,
  ReferralReader,
  ReferralRecordSource,
  ReferralStore,
  TargetFacts,
} from './referral-ports.ts';
import { deadlineOf, DEFAULT_SLA, slaWithOverrides, type SlaPolicy } from './referral-sla.ts';
import type { ReferralDetailView, ReferralListItem } from './referral-views.ts';
import {
  allowedReferralActions,
  applyReferralAction,
  newReferralState,
  validateNewReferral,
  type NewReferral,
  type Referral,
  type ReferralAction,
  type ReferralTarget,
} from './referral.ts';

/** Sending referrals and moving them along their lifecycle, through the patient gate and the referral gate. */
export function createReferralService(deps: {
  access: PatientAccess;
  gate: ReferralGate;
  store: ReferralStore;
  facts: ReferralFactsSource;
  record: ReferralRecordSource;
  reader: ReferralReader;
  examValidity: readonly ExamValidity[];
  /** Completes the referral's open overdue tasks: they were about a stage that is now over. */
  completeStageTasks: (
    referralId: string,
    by: { readonly accountId: string; readonly practitionerId: string; readonly name: string },
  ) => Promise<unknown>;
  clock: Clock;
  newId: NewId;
}) {
  const { access, gate, store, facts, record, reader, examValidity, completeStageTasks, clock, newId } = deps;

  /** The target in words. Error: `invalid-input` when it does not exist. */
  const describe = async (target: ReferralTarget): Promise<TargetFacts> => {
    const described = await facts.describeTarget(target);
    if (described === undefined) throw new DomainError('invalid-input', unknownTarget(target));
    return described;
  };

  /** The delays that apply to a referral: those of the performer's service once taken, else the target's. */
  const policyOf = async (referral: Referral, target: TargetFacts): Promise<SlaPolicy> => {
    const organizationId =
      referral.performerPractitionerId === null
        ? target.organizationId
        : (await facts.viewer(referral.performerPractitionerId, null, clock())).organizationId;
    return organizationId === null ? DEFAULT_SLA : slaWithOverrides(await store.slaOverrides(organizationId));
  };

  /** Errors: `invalid-input` naming the attachments that are not the patient's and the unjustified repeats. */
  const checkAttachmentsAndExams = async (scope: PatientScope, input: NewReferral, at: Date) => {
    const askedCodes = input.requestedExams.map((exam) => exam.code);
    const windows = examValidity.filter((exam) => exam.codes.some((code) => askedCodes.includes(code)));
    const [existing, prior] = await Promise.all([
      record.existing(scope, input.attachedResultIds, input.attachedDocumentIds),
      windows.length === 0 ? [] : record.priorResults(scope, [...new Set(windows.flatMap((w) => w.codes))]),
    ]);
    const problems = [
      ...input.attachedResultIds
        .filter((id) => !existing.results.has(id))
        .map((id) => `no result ${id} in this patient's record`),
      ...input.attachedDocumentIds
        .filter((id) => !existing.documents.has(id))
        .map((id) => `no document ${id} in this patient's record`),
      ...findRepeatedExams(askedCodes, prior, windows, at)
        .filter((repeat) => !justified(input, repeat.code))
        .map(
          (repeat) =>
            `${repeat.exam.label.en} was done on ${repeat.result.effectiveAt.toISOString().slice(0, 10)} ` +
            `(${repeat.result.display}: ${repeat.result.value}) and is valid until ` +
            `${repeat.validUntil.toISOString().slice(0, 10)}: say why it must be repeated (repeatReason)`,
        ),
    ];
    if (problems.length > 0) throw new DomainError('invalid-input', problems.join('; '), problems);
  };

  return {
    /**
     * Sends a referral from the patient's record (the sender must be in the care team); a referral to
     * a hospital service carries the liaison letter filled from the record. Returns the new id.
     * Errors: `invalid-input` (missing fields, unknown target or attachment, unjustified repeat),
     * `forbidden`, `not-found` (patient).
     */
    async send(principal: Principal, input: NewReferral, origin: RequestOrigin): Promise<string> {
      const professional = requireReferralProfessional(principal);
      validateNewReferral(input);
      const purpose = { action: 'write', resource: 'referral' } as const;
      const scope = await access.open(principal, input.patientId, purpose, origin);
      if (input.target.kind === 'practitioner' && input.target.practitionerId === professional.practitionerId)
        throw new DomainError('invalid-input', 'a referral is addressed to someone else than its sender');
      const at = clock();
      const [target, sender] = await Promise.all([
        describe(input.target),
        facts.viewer(professional.practitionerId, null, at),
        checkAttachmentsAndExams(scope, input, at),
      ]);
      const liaisonLetter = target.hospitalService
        ? { reasons: input.reason.trim(), ...(await record.liaisonLines(scope)) }
        : null;
      const referral = newReferralState(newId(), input, professional.practitionerId, liaisonLetter, at);
      const deadline = deadlineOf(referral, at, await policyOf(referral, target));
      if (deadline === null) throw new Error('a referral just sent waits for acceptance');
      const event = referralSentEvent(referral, {
        at,
        actorAccountId: principal.accountId,
        actorName: sender.name,
        targetLabel: target.label,
        performerName: null,
        newId,
      });
      await store.insert(referral, deadline, event);
      return referral.id;
    },

    /**
     * Takes an action on a referral seen at `version` and returns it as the actor now sees it (even a
     * redirection that leaves them outside it); the gate checks who may, the lifecycle what the status
     * allows. Errors: `forbidden`, `not-found`, `conflict` (status does not allow it, or changed since
     * `version`), `invalid-input` (missing text, unknown service or document).
     */
    async act(
      principal: Principal,
      referralId: string,
      action: ReferralAction,
      version: number,
      origin: RequestOrigin,
    ): Promise<ReferralDetailView & Pick<ReferralListItem, 'relations' | 'actions'>> {
      const opened = await gate.open(principal, referralId, action.kind, origin);
      const { referral } = opened.stored;
      if (referral.version !== version) {
        throw new DomainError(
          'conflict',
          'someone else changed this referral meanwhile: reload it and try again',
        );
      }
      const updated = applyReferralAction(referral, action, {
        practitionerId: opened.viewer.practitionerId,
        relations: opened.relations,
        at: opened.at,
      });
      if (action.kind === 'report' && action.documentId !== null) {
        await requireDocumentOfPatient(opened, action.documentId, origin);
      }
      const [previous, target] = await Promise.all([describe(referral.target), describe(updated.target)]);
      const joinsCareTeam = action.kind === 'accept' && opened.viewer.patientRoles.length === 0;
      const performerName =
        updated.performerPractitionerId === null
          ? null
          : updated.performerPractitionerId === opened.viewer.practitionerId
            ? opened.viewer.name
            : (await describe({ kind: 'practitioner', practitionerId: updated.performerPractitionerId }))
                .label;
      const context = {
        at: opened.at,
        actorAccountId: opened.principal.accountId,
        actorName: opened.viewer.name,
        targetLabel: target.label,
        performerName,
        newId,
      };
      const events: DomainEvent[] = [
        referralActionEvent(
          updated,
          action,
          { previousTargetLabel: previous.label, joinedCareTeam: joinsCareTeam },
          context,
        ),
      ];
      const careTeamMember = joinsCareTeam
        ? { id: newId(), practitionerId: opened.viewer.practitionerId, role: 'specialist' as const }
        : null;
      if (careTeamMember !== null) {
        events.push({
          id: newId(),
          type: 'care-team.member-added',
          patientId: referral.patientId,
          actorAccountId: opened.principal.accountId,
          occurredAt: opened.at,
          payload: { practitionerId: careTeamMember.practitionerId, role: careTeamMember.role },
        });
      }
      const saved = await store.saveChange({
        referral: updated,
        deadline: deadlineOf(updated, opened.at, await policyOf(updated, target)),
        events,
        message: messageOf(action, opened, newId),
        careTeamMember,
      });
      if (!saved) {
        throw new DomainError(
          'conflict',
          'someone else changed this referral meanwhile: reload it and try again',
        );
      }
      // Every action starts a new stage (and clock), so the overdue tasks of the last one are done.
      await completeStageTasks(referral.id, {
        accountId: opened.principal.accountId,
        practitionerId: opened.viewer.practitionerId,
        name: opened.viewer.name,
      });
      const detail = await reader.detail(opened.scope);
      if (detail === undefined) throw new DomainError('not-found', `no referral with id ${referralId}`);
      const relations = referralRelationsOf(detail.referral, opened.viewer);
      return { ...detail, relations, actions: allowedReferralActions(detail.referral, relations) };
    },
  };

  /** A report's document must be in the patient's record. Errors: `forbidden`, `invalid-input`. */
  async function requireDocumentOfPatient(
    opened: OpenedReferral,
    documentId: string,
    origin: RequestOrigin,
  ): Promise<void> {
    const purpose = { action: 'write', resource: 'referral-report' } as const;
    const scope = await access.open(opened.principal, opened.scope.patientId, purpose, origin);
    const existing = await record.existing(scope, [], [documentId]);
    if (!existing.documents.has(documentId))
      throw new DomainError('invalid-input', `no document ${documentId} in this patient's record`);
  }
}

export type ReferralService = ReturnType<typeof createReferralService>;

function messageOf(action: ReferralAction, opened: OpenedReferral, newId: NewId): NewReferralMessage | null {
  const base = { id: newId(), authorPractitionerId: opened.viewer.practitionerId, at: opened.at };
  if (action.kind === 'ask') return { ...base, kind: 'question', text: action.question.trim() };
  if (action.kind === 'answer') return { ...base, kind: 'answer', text: action.answer.trim() };
  return null;
}

/** Whether the referrer said why an exam must be repeated. */
function justified(input: NewReferral, code: string): boolean {
  const reason = input.requestedExams.find((exam) => exam.code === code)?.repeatReason ?? '';
  return reason.trim() !== '';
}

function unknownTarget(target: ReferralTarget): string {
  switch (target.kind) {
    case 'practitioner':
      return `no practitioner with id ${target.practitionerId}`;
    case 'service':
      return `no hospital service with id ${target.organizationId}`;
    case 'specialty':
      return `no practitioner holds the specialty "${target.specialty}"`;
  }
}
