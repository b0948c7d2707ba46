import type { RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import { EVENT_OF_ENTRY, summaryOf, validateClinicalEntry } from '../record/clinical-entry.ts';
import type { Clock } from '../shared/clock.ts';
import { isoDate } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { NewId } from '../shared/new-id.ts';
import type { Stay } from '../stays/stay.ts';
import type {
  DischargeLetterStore,
  MedicationChanges,
  ReconciliationStore,
  StoredReconciliation,
} from './discharge-ports.ts';
import {
  classCounts,
  reconcile,
  withReasons,
  type DischargeLine,
  type ReconciliationLine,
} from './medication-reconciliation.ts';
import { isAtcCode } from './discharge-letter.ts';
import type { StayGate, StayScope } from './stay-gate.ts';

/** Where the discharge prescription comes from: the structured letter, typed in here, or nowhere yet. */
export type DischargeSource = 'letter' | 'entered' | 'none';

export interface ReconciliationView {
  readonly stay: Stay;
  /** Null id and version 0 while nothing is saved: the lines are then a proposal. */
  readonly id: string | null;
  readonly status: 'draft' | 'confirmed';
  readonly version: number;
  readonly lines: readonly ReconciliationLine[];
  readonly dischargeSource: DischargeSource;
  readonly confirmedBy: string | null;
  readonly confirmedAt: Date | null;
}

export interface DraftInput {
  /** The version the caller saw (0 before anything was saved). */
  readonly version: number;
  readonly reasons: readonly { readonly key: string; readonly reason: string | null }[];
  /** The discharge prescription, when the letter is a PDF (or has not come): typed in on this screen. */
  readonly dischargeLines?: readonly DischargeLine[] | undefined;
}

const purposeOf = (action: 'read' | 'write') => ({ action, resource: 'medication-reconciliation' }) as const;

/**
 * The medication reconciliation of a stay: the record's pre-admission list against the discharge
 * prescription, reasons edited in a draft, then confirmed by the GP — which updates the shared
 * medication list, with provenance, in the same transaction.
 */
export function createReconciliationService(deps: {
  gate: StayGate;
  store: ReconciliationStore;
  letters: DischargeLetterStore;
  clock: Clock;
  newId: NewId;
}) {
  const { gate, store, letters, clock, newId } = deps;

  /** The lines as they stand: stored once confirmed, else recomputed from the record and the letter. */
  const current = async (scope: StayScope, stay: Stay, entered?: readonly DischargeLine[]) => {
    const [stored, letter, preAdmission] = await Promise.all([
      store.find(scope),
      letters.find(scope),
      store.preAdmission(scope, stay.admittedAt),
    ]);
    if (stored?.status === 'confirmed') {
      return {
        stored,
        lines: stored.lines,
        source: sourceOf(stored.lines, letter?.content?.dischargeTreatments != null),
      };
    }
    const fromLetter = letter?.content?.dischargeTreatments ?? null;
    if (fromLetter !== null && entered !== undefined)
      throw new DomainError(
        'invalid-input',
        'dischargeLines: the discharge treatments come from the structured letter of this stay',
      );
    const previouslyEntered = (stored?.lines ?? []).flatMap((line) =>
      line.after === null ? [] : [line.after],
    );
    const discharge = fromLetter ?? entered ?? previouslyEntered;
    const typedReasons = new Map(
      (stored?.lines ?? []).flatMap((line) =>
        line.reason === null ? [] : [[line.key, line.reason] as const],
      ),
    );
    const lines = withReasons(
      reconcile(preAdmission, discharge, letter?.content?.stoppedTreatments ?? []),
      typedReasons,
    );
    const source: DischargeSource =
      fromLetter !== null ? 'letter' : discharge.length > 0 || entered !== undefined ? 'entered' : 'none';
    return { stored, lines, source };
  };

  const view = (stay: Stay, state: Awaited<ReturnType<typeof current>>): ReconciliationView => ({
    stay,
    id: state.stored?.id ?? null,
    status: state.stored?.status ?? 'draft',
    version: state.stored?.version ?? 0,
    lines: state.lines,
    dischargeSource: state.source,
    confirmedBy: state.stored?.confirmedBy ?? null,
    confirmedAt: state.stored?.confirmedAt ?? null,
  });

  /** Opens for writing a draft still at `version`. Errors: `conflict` (stale, or already confirmed). */
  const openDraft = async (
    principal: Principal,
    patientId: string,
    stayId: string,
    input: DraftInput,
    origin: RequestOrigin,
  ) => {
    if (principal.kind !== 'professional')
      throw new DomainError('forbidden', 'a reconciliation is done by a professional');
    if (input.dischargeLines !== undefined) checkDischargeLines(input.dischargeLines);
    const { stay, scope } = await gate.open(principal, patientId, stayId, purposeOf('write'), origin);
    const state = await current(scope, stay, input.dischargeLines);
    if (state.stored?.status === 'confirmed')
      throw new DomainError('conflict', 'this reconciliation is already confirmed');
    const version = state.stored?.version ?? 0;
    if (input.version !== version)
      throw new DomainError('conflict', `the reconciliation changed meanwhile (version ${version} now)`);
    const keys = new Set(state.lines.map((line) => line.key));
    const unknown = input.reasons
      .filter(({ key }) => !keys.has(key))
      .map(({ key }) => `reasons: no line ${key}`);
    if (unknown.length > 0) throw new DomainError('invalid-input', unknown.join('; '), unknown);
    const lines = withReasons(state.lines, new Map(input.reasons.map(({ key, reason }) => [key, reason])));
    return { principal, stay, scope, state: { ...state, lines }, version };
  };

  return {
    /** The reconciliation of a stay, or the proposal when none is saved. Errors: `not-found`, `forbidden`. */
    async read(
      principal: Principal,
      patientId: string,
      stayId: string,
      origin: RequestOrigin,
    ): Promise<ReconciliationView> {
      const { stay, scope } = await gate.open(principal, patientId, stayId, purposeOf('read'), origin);
      return view(stay, await current(scope, stay));
    },

    /** Saves the draft's reasons (and typed-in discharge lines). Errors: `invalid-input`, `conflict`… */
    async saveDraft(
      principal: Principal,
      patientId: string,
      stayId: string,
      input: DraftInput,
      origin: RequestOrigin,
    ): Promise<ReconciliationView> {
      const { stay, scope, state, version } = await openDraft(principal, patientId, stayId, input, origin);
      const saved: StoredReconciliation = {
        id: state.stored?.id ?? newId(),
        stayId,
        lines: state.lines,
        status: 'draft',
        confirmedBy: null,
        confirmedAt: null,
        version: version + 1,
      };
      await store.saveDraft(scope, saved, state.stored === null ? null : version, {
        id: newId(),
        type: 'medication-reconciliation.drafted',
        patientId,
        actorAccountId: principal.accountId,
        occurredAt: clock(),
        payload: { stayId, reconciliationId: saved.id, version: saved.version, ...classCounts(state.lines) },
      });
      return view(stay, { ...state, stored: saved });
    },

    /**
     * Confirms the reconciliation and applies it to the shared medication list. Errors:
     * `invalid-input` (no discharge prescription yet), `conflict` (stale or confirmed), `not-found`, `forbidden`.
     */
    async confirm(
      principal: Principal,
      patientId: string,
      stayId: string,
      input: DraftInput,
      origin: RequestOrigin,
    ): Promise<ReconciliationView> {
      const opened = await openDraft(principal, patientId, stayId, input, origin);
      const { stay, scope, state, version } = opened;
      if (state.source === 'none')
        throw new DomainError(
          'invalid-input',
          'no discharge prescription yet: wait for the structured letter or enter the discharge treatments',
        );
      const at = clock();
      const id = state.stored?.id ?? newId();
      const confirmed: StoredReconciliation = {
        id,
        stayId,
        lines: state.lines,
        status: 'confirmed',
        confirmedBy: scope.principal.kind === 'professional' ? scope.principal.practitionerId : null,
        confirmedAt: at,
        version: version + 1,
      };
      const changes = medicationChanges(
        state.lines,
        `reconciliation:${id}`,
        isoDate(stay.dischargedAt ?? at),
        newId,
      );
      for (const { entry } of changes.add) validateClinicalEntry(entry, at);
      const event = (type: DomainEvent['type'], payload: DomainEvent['payload']): DomainEvent => ({
        id: newId(),
        type,
        patientId,
        actorAccountId: opened.principal.accountId,
        occurredAt: at,
        payload,
      });
      const stoppedNames = new Map(
        state.lines.flatMap((l) => (l.before === null ? [] : [[l.before.medicationId, l.before]])),
      );
      await store.confirm(scope, confirmed, state.stored === null ? null : version, changes, [
        ...changes.stop.map(({ medicationId }) =>
          event('medication.stopped', {
            entryId: medicationId,
            name: stoppedNames.get(medicationId)?.name ?? null,
            provenance: changes.provenance,
          }),
        ),
        ...changes.add.map(({ id: entryId, entry }) =>
          event(EVENT_OF_ENTRY.medication, { ...summaryOf(entry), entryId, provenance: changes.provenance }),
        ),
        event('medication-reconciliation.confirmed', {
          stayId,
          reconciliationId: id,
          ...classCounts(state.lines),
        }),
      ]);
      return view(stay, { ...state, stored: confirmed });
    },
  };
}

export type ReconciliationService = ReturnType<typeof createReconciliationService>;

/**
 * What a confirmed reconciliation does to the medication list: stopped lines end, changed lines end
 * and come back as new lines with the discharge dose, new lines start; continued lines stay as they are.
 */
export function medicationChanges(
  lines: readonly ReconciliationLine[],
  provenance: string,
  onDay: string,
  newId: NewId,
): MedicationChanges {
  const stop = lines.flatMap((line) =>
    line.before !== null && (line.class === 'stopped' || line.class === 'changed')
      ? [{ medicationId: line.before.medicationId, endedOn: onDay }]
      : [],
  );
  const add = lines.flatMap((line) =>
    line.after !== null && (line.class === 'new' || line.class === 'changed')
      ? [
          {
            id: newId(),
            entry: {
              kind: 'medication' as const,
              atcCode: line.after.atcCode,
              name: line.after.name,
              dosage:
                line.after.duration === null
                  ? line.after.dosage
                  : `${line.after.dosage} (durée : ${line.after.duration})`,
              startedOn: onDay,
              status: 'active' as const,
            },
          },
        ]
      : [],
  );
  return { stop, add, provenance };
}

function sourceOf(lines: readonly ReconciliationLine[], fromLetter: boolean): DischargeSource {
  if (fromLetter) return 'letter';
  return lines.some((line) => line.after !== null) ? 'entered' : 'none';
}

function checkDischargeLines(lines: readonly DischargeLine[]): void {
  const problems = lines.flatMap((line, i) => [
    ...(line.name.trim() === '' ? [`dischargeLines/${i}/name must not be blank`] : []),
    ...(line.dosage.trim() === '' ? [`dischargeLines/${i}/dosage must not be blank`] : []),
    ...(line.atcCode !== null && !isAtcCode(line.atcCode)
      ? [`dischargeLines/${i}/atcCode "${line.atcCode}" is not an ATC code`]
      : []),
  ]);
  if (problems.length > 0) throw new DomainError('invalid-input', problems.join('; '), problems);
}
