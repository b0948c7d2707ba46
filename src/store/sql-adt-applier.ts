import type { Kysely, Transaction } from 'kysely';
import type { AdtApplier, AdtApplyOutcome, StoredAdtMessage } from '../domain/adt-inbox/adt-applier.ts';
import { isHandledAdtEvent, matchableIns, type AdtEvent } from '../domain/hl7/adt-event.ts';
import type { AdtMappingResult } from '../domain/hl7/adt-mapping.ts';
import type { DomainEvent } from '../domain/journal/domain-event.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { NewId } from '../domain/shared/new-id.ts';
import { decideStayChange, serviceForUnit, unitOf } from '../domain/stays/adt-application.ts';
import { decideMerge } from '../domain/stays/adt-merge.ts';
import { decideMatch, traitCandidateQuery, type MatchDecision } from '../domain/stays/patient-matching.ts';
import type { Database } from './database-schema.ts';
import { dismissedBefore, holdBehind, openQueueItem, pendingItemFor } from './sql-adt-hold.ts';
import {
  linksOf,
  linkTo,
  loadMatchFacts,
  localKey,
  unlink,
  type LinkContext,
} from './sql-patient-matching.ts';
import { stayOf, writeStay } from './sql-stays.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';

/**
 * Applies stored ADT messages to the record (issue 7): match the patient, then change the stay, each
 * message in one transaction with its journal events and its effect row — the effect row is what makes
 * a second application of the same message id write nothing.
 */
export interface AdtApplierDeps {
  readonly clock: Clock;
  readonly newId: NewId;
  /** Parses and maps a raw message (the HL7 adapter's `readAdtEvent`). */
  readonly read: (raw: string) => AdtMappingResult;
}

/** A human's answer to the queue item a message waited behind. */
export type QueueResolution =
  | { readonly kind: 'linked'; readonly patientId: string; readonly accountId: string }
  | { readonly kind: 'dismissed' };

export function createSqlAdtApplier(db: Kysely<Database>, deps: AdtApplierDeps): AdtApplier {
  return { apply: (message) => inTransaction(db, (trx) => applyAdtMessage(trx, message, deps)) };
}

const NOT_OURS = 'not a Relais patient: Relais follows its own patients only';
const SET_ASIDE = 'set aside in the matching queue: not a Relais patient';

/**
 * Applies one message inside the caller's transaction. With a `resolution`, the message is one that
 * was held and a human has just settled who it is about (see sql-patient-matching-queue.ts).
 */
export async function applyAdtMessage(
  trx: Transaction<Database>,
  message: StoredAdtMessage,
  deps: AdtApplierDeps,
  resolution?: QueueResolution,
): Promise<AdtApplyOutcome> {
  const at = deps.clock();
  const effect = await trx
    .selectFrom('adt_message_effects')
    .selectAll()
    .where('message_id', '=', message.id)
    .forUpdate()
    .executeTakeFirst();
  if (effect !== undefined && (effect.outcome !== 'held' || resolution === undefined)) {
    return outcomeOf(effect);
  }
  const record = async (
    outcome: AdtApplyOutcome,
    queueId: string | null = effect?.queue_id ?? null,
  ): Promise<AdtApplyOutcome> => {
    const row = {
      patient_id: outcome.status === 'applied' ? outcome.patientId : null,
      outcome: outcome.status,
      note: outcome.status === 'applied' ? (outcome.note ?? null) : outcome.reason,
      queue_id: queueId,
      applied_at: at,
    };
    await trx
      .insertInto('adt_message_effects')
      .values({ message_id: message.id, ...row })
      .onConflict((oc) => oc.column('message_id').doUpdateSet(row))
      .execute();
    return outcome;
  };

  const read = deps.read(message.raw);
  if (!read.ok) return record({ status: 'failed', reason: read.problems.join('; ') });
  const event = read.event;
  if (!isHandledAdtEvent(event.event)) {
    return record({ status: 'applied', patientId: null, note: `${event.event} is not used by Relais` });
  }
  const keys = [...event.localIds, ...event.mergedLocalIds].map(localKey);
  const linkContext = (by: LinkContext['by']): LinkContext => ({
    at,
    newId: deps.newId,
    by: resolution?.kind === 'linked' ? 'queue' : by,
    actorAccountId: resolution?.kind === 'linked' ? resolution.accountId : null,
  });

  if (resolution === undefined) {
    const waiting = await pendingItemFor(trx, event.facility, keys);
    if (waiting !== null) {
      await holdBehind(trx, message, waiting, at);
      return record({ status: 'held', reason: 'waits behind a pending matching-queue item' }, waiting);
    }
  }
  if (resolution?.kind === 'dismissed')
    return record({ status: 'applied', patientId: null, note: SET_ASIDE });

  const decision: MatchDecision =
    resolution?.kind === 'linked'
      ? { kind: 'certain', patientId: resolution.patientId, by: 'local-id' }
      : await matchOf(trx, event);
  if (decision.kind === 'none') return record({ status: 'applied', patientId: null, note: NOT_OURS });
  if (decision.kind === 'uncertain') {
    if (await dismissedBefore(trx, event.facility, keys)) {
      return record({ status: 'applied', patientId: null, note: SET_ASIDE });
    }
    const queueId = await openQueueItem(
      trx,
      message,
      event,
      { keys, ...decision },
      { at, newId: deps.newId },
    );
    return record({ status: 'held', reason: `matching queue: ${decision.reason}` }, queueId);
  }

  const patientId = decision.patientId;
  const events: DomainEvent[] = [];
  if (event.event === 'A40') {
    // The surviving identifiers name the patient the retired ones did; the retired ones name no one.
    events.push(...(await unlink(trx, event.facility, event.mergedLocalIds, linkContext('merge'))));
    events.push(...(await linkTo(trx, event.facility, event.localIds, patientId, linkContext('merge'))));
    await insertEvents(trx, events);
    return record({
      status: 'applied',
      patientId,
      note: 'merge applied: the retired identifiers were relinked',
    });
  }
  events.push(...(await linkTo(trx, event.facility, event.localIds, patientId, linkContext(decision.by))));

  const visitNumber = event.visit?.visitNumber ?? null;
  const currentRow =
    visitNumber === null
      ? undefined
      : await trx
          .selectFrom('stays')
          .selectAll()
          .where('facility', '=', event.facility)
          .where('visit_number', '=', visitNumber)
          .forUpdate()
          .executeTakeFirst();
  const place = await directoryPlace(trx, event);
  const change = decideStayChange(event, patientId, currentRow === undefined ? null : stayOf(currentRow), {
    now: at,
    newId: deps.newId,
    ...place,
  });
  if (change.kind === 'write') {
    // The row is locked above, so the version cannot have moved.
    await writeStay(trx, change.stay, change.expectedVersion);
    events.push(...change.events);
  }
  await insertEvents(trx, events);
  if (change.kind === 'failed') return record({ status: 'failed', reason: change.reason });
  return record({
    status: 'applied',
    patientId,
    ...(change.kind === 'unchanged' ? { note: change.note } : {}),
  });
}

/** Who the message is about: A40 by its two identifiers, any other event by INS, local id, traits. */
async function matchOf(trx: Transaction<Database>, event: AdtEvent): Promise<MatchDecision> {
  const ins = matchableIns(event);
  const facts = await loadMatchFacts(
    trx,
    event.facility,
    ins,
    event.localIds,
    traitCandidateQuery(event.traits),
  );
  if (event.event === 'A40') {
    const retired = await linksOf(trx, event.facility, event.mergedLocalIds);
    const merge = decideMerge({
      surviving: [...facts.byIns, ...facts.byLocalId],
      retired: retired.map((row) => row.patient_id),
    });
    if (merge.kind === 'relink') return { kind: 'certain', patientId: merge.patientId, by: 'local-id' };
    if (merge.kind === 'conflict') {
      return { kind: 'uncertain', reason: 'merge-of-two-patients', candidates: merge.candidates };
    }
  }
  return decideMatch({ ins, traits: event.traits }, facts);
}

/** The directory's hospital whose FINESS is the facility, and its service for the unit (best effort). */
async function directoryPlace(
  trx: Transaction<Database>,
  event: AdtEvent,
): Promise<{ hospitalId: string | null; serviceId: string | null }> {
  const hospital = await trx
    .selectFrom('organizations')
    .select('id')
    .where('kind', '=', 'hospital')
    .where('finess', '=', event.facility)
    .executeTakeFirst();
  if (hospital === undefined) return { hospitalId: null, serviceId: null };
  const services = await trx
    .selectFrom('organizations')
    .select(['id', 'name', 'specialty'])
    .where('kind', '=', 'hospital_service')
    .where('parent_id', '=', hospital.id)
    .execute();
  return { hospitalId: hospital.id, serviceId: serviceForUnit(unitOf(event), services) };
}

function outcomeOf(effect: {
  outcome: string;
  patient_id: string | null;
  note: string | null;
}): AdtApplyOutcome {
  if (effect.outcome === 'applied') {
    return {
      status: 'applied',
      patientId: effect.patient_id,
      ...(effect.note === null ? {} : { note: effect.note }),
    };
  }
  const reason = effect.note ?? '';
  return effect.outcome === 'held' ? { status: 'held', reason } : { status: 'failed', reason };
}
