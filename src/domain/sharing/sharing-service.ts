import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import { requireBasis } from '../access/require-basis.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import { ownerOf, type RecordPartOwners } from '../record/record-parts.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { NewId } from '../shared/new-id.ts';
import { checkSharingChoice, parseSharingChoice, type SharingChoiceInput } from './sharing-choice.ts';
import { recordedEvent, withdrawnEvent } from './sharing-events.ts';
import type { SharingChoiceRow, SharingChoiceStore, SharingChoiceView } from './sharing-ports.ts';

const READ = { action: 'read', resource: 'sharing-choices' } as const;
const WRITE = { action: 'write', resource: 'sharing-choices' } as const;

/**
 * The patient's sharing choices: list, record, withdraw. The patient writes their own; a member of the
 * care team writes on the patient's behalf, recorded as such. Nothing is deleted: a withdrawal is a date.
 * The access decision reads the choices in force on every request, so a change counts at once.
 */
export function createSharingService(deps: {
  access: PatientAccess;
  audit: AuditTrail;
  store: SharingChoiceStore;
  /** Whose a choice named by its id alone is (a FHIR read). */
  owners: RecordPartOwners;
  clock: Clock;
  newId: NewId;
}) {
  const { access, store, owners, clock, newId } = deps;

  /** Opens the patient's choices for a change: the patient themself, or their care team. */
  async function openForChange(principal: Principal, patientId: string, origin: RequestOrigin) {
    const scope = await access.open(principal, patientId, WRITE, origin);
    await requireBasis(
      deps,
      scope,
      ['self', 'care-team'],
      'only the patient and their care team record sharing choices',
      origin,
    );
    return scope;
  }

  return {
    /** The choices in force, then the withdrawn ones. Errors: `not-found`, `forbidden`. */
    async list(principal: Principal, patientId: string, origin: RequestOrigin): Promise<SharingChoiceView[]> {
      return store.list(await access.open(principal, patientId, READ, origin));
    },

    /**
     * One choice named by its id alone, with its patient, read through that patient's gate as the
     * list is. Errors: `not-found`, `forbidden`.
     */
    async choice(
      principal: Principal,
      choiceId: string,
      origin: RequestOrigin,
    ): Promise<{ patientId: string; choice: SharingChoiceView }> {
      const patientId = await ownerOf(owners, 'sharing-choice', choiceId);
      const choice = await store.find(await access.open(principal, patientId, READ, origin), choiceId);
      if (choice === undefined) throw new DomainError('not-found', `no sharing choice with id ${choiceId}`);
      return { patientId, choice };
    },

    /**
     * Records a choice (a restriction replaces the category's previous one) with its events.
     * Errors: `invalid-input` (fields that do not fit the kind, someone unknown), `not-found`,
     * `forbidden`, `conflict` (see checkSharingChoice).
     */
    async record(
      principal: Principal,
      patientId: string,
      input: SharingChoiceInput,
      origin: RequestOrigin,
    ): Promise<string> {
      const choice = parseSharingChoice(input);
      const scope = await openForChange(principal, patientId, origin);
      const now = clock();
      const context = await store.context(scope, choice, now);
      const { replaces } = checkSharingChoice(choice, context);
      const row: SharingChoiceRow = {
        ...choice,
        id: newId(),
        recordedByAccountId: principal.accountId,
        onBehalf: onBehalf(scope),
        recordedAt: now,
      };
      const replacedView = replaces === null ? undefined : await store.find(scope, replaces.id);
      const events = [
        ...(replacedView === undefined
          ? []
          : [withdrawnEvent(replacedView, patientId, actor(scope, now), newId())]),
        recordedEvent(row, patientId, context, newId()),
      ];
      const replaced =
        replaces === null ? null : { choiceId: replaces.id, at: now, byAccountId: principal.accountId };
      await store.record(scope, row, replaced, events);
      return row.id;
    },

    /**
     * Withdraws a choice in force. Errors: `not-found` (no such choice for this patient), `forbidden`,
     * `conflict` (already withdrawn).
     */
    async withdraw(principal: Principal, patientId: string, choiceId: string, origin: RequestOrigin) {
      const scope = await openForChange(principal, patientId, origin);
      const choice = await store.find(scope, choiceId);
      if (choice === undefined)
        throw new DomainError('not-found', `the patient has no sharing choice with id ${choiceId}`);
      if (choice.withdrawnAt !== null)
        throw new DomainError('conflict', 'this sharing choice is already withdrawn');
      const now = clock();
      await store.withdraw(
        scope,
        { choiceId, at: now, byAccountId: principal.accountId },
        withdrawnEvent(choice, patientId, actor(scope, now), newId()),
      );
    },
  };
}

export type SharingService = ReturnType<typeof createSharingService>;

/** A professional records the patient's choices on their behalf; the patient records their own. */
const onBehalf = (scope: PatientScope): boolean => scope.principal.kind === 'professional';

const actor = (scope: PatientScope, at: Date) => ({
  accountId: scope.principal.accountId,
  onBehalf: onBehalf(scope),
  at,
});
