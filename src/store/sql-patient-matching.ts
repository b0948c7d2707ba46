import { sql, type Transaction } from 'kysely';
import type { LocalPatientId } from '../domain/hl7/adt-event.ts';
import type { DomainEvent } from '../domain/journal/domain-event.ts';
import type { NewId } from '../domain/shared/new-id.ts';
import type { MatchCandidate, MatchFacts, TraitQuery } from '../domain/stays/patient-matching.ts';
import type { Database, PatientLocalIdsTable } from './database-schema.ts';

/** At most this many trait candidates are shown to a human; more means the traits say too little. */
const MAX_TRAIT_CANDIDATES = 20;

/** A hospital identifier as one text, for array overlap lookups (the queue's `local_keys`). */
export function localKey(id: LocalPatientId): string {
  return `${id.authority}|${id.id}`;
}

/** Loads what `decideMatch` needs: patients by INS, by linked local id, and by traits. */
export async function loadMatchFacts(
  trx: Transaction<Database>,
  facility: string,
  ins: readonly string[],
  localIds: readonly LocalPatientId[],
  traits: TraitQuery | null,
): Promise<MatchFacts> {
  const byIns =
    ins.length === 0
      ? []
      : await trx.selectFrom('patients').select('patient_id').where('ins_matricule', 'in', ins).execute();
  const traitCandidates =
    traits === null
      ? []
      : await trx
          .selectFrom('patients')
          .select([
            'patient_id as patientId',
            'ins_matricule as insMatricule',
            'birth_family_name as birthFamilyName',
            'first_given_name as firstGivenName',
            'used_family_name as usedFamilyName',
            'birth_date as birthDate',
            'sex',
          ])
          // Same birth date and one name in common, or the same names born another day: enough
          // likeness for a human to look at, never enough for Relais to decide (see decideMatch).
          .where((eb) =>
            eb.or([
              eb.and([
                eb('birth_date', '=', traits.birthDate),
                eb.or([
                  eb('family_name_key', '=', traits.familyKey),
                  eb('used_family_name_key', '=', traits.familyKey),
                  eb('given_name_key', 'like', `${traits.givenKey}%`),
                ]),
              ]),
              eb.and([
                eb('family_name_key', '=', traits.familyKey),
                eb('given_name_key', 'like', `${traits.givenKey}%`),
              ]),
            ]),
          )
          // Patients with the same birth date and names first, so that the limit never leaves out a
          // strict match among many partial ones (decideMatch would then call the match uncertain).
          .orderBy(
            sql`birth_date = ${traits.birthDate} and family_name_key = ${traits.familyKey}
              and given_name_key like ${`${traits.givenKey}%`}`,
            'desc',
          )
          .orderBy('patient_id')
          .limit(MAX_TRAIT_CANDIDATES)
          .execute();
  return {
    byIns: byIns.map((row) => row.patient_id),
    byLocalId: (await linksOf(trx, facility, localIds)).map((row) => row.patient_id),
    traitCandidates: traitCandidates satisfies MatchCandidate[],
  };
}

/** The links of the given identifiers of a facility (each identifier names at most one patient). */
export async function linksOf(
  trx: Transaction<Database>,
  facility: string,
  ids: readonly LocalPatientId[],
): Promise<{ patient_id: string; authority: string; local_id: string }[]> {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('patient_local_ids')
    .select(['patient_id', 'authority', 'local_id'])
    .where('facility', '=', facility)
    .where((eb) =>
      eb.or(ids.map((id) => eb.and([eb('authority', '=', id.authority), eb('local_id', '=', id.id)]))),
    )
    .orderBy('patient_id')
    .execute();
}

export interface LinkContext {
  readonly at: Date;
  readonly newId: NewId;
  readonly by: PatientLocalIdsTable['linked_by'];
  /** The account of the human who decided, when one did. */
  readonly actorAccountId: string | null;
}

/**
 * Ties the identifiers to the patient, taking them from any other patient they named (a merge, or a
 * human's decision), and returns the journal events of what changed; identifiers already tied to the
 * patient change nothing.
 */
export async function linkTo(
  trx: Transaction<Database>,
  facility: string,
  ids: readonly LocalPatientId[],
  patientId: string,
  context: LinkContext,
): Promise<DomainEvent[]> {
  const existing = await linksOf(trx, facility, ids);
  const elsewhere = existing.filter((row) => row.patient_id !== patientId);
  const events = await unlink(trx, facility, elsewhere.map(localIdOf), context);
  const fresh = uniqueIds(ids).filter(
    (id) => !existing.some((row) => row.patient_id === patientId && sameId(localIdOf(row), id)),
  );
  if (fresh.length > 0) {
    await trx
      .insertInto('patient_local_ids')
      .values(
        fresh.map((id) => ({
          patient_id: patientId,
          facility,
          authority: id.authority,
          local_id: id.id,
          linked_at: context.at,
          linked_by: context.by,
        })),
      )
      .execute();
  }
  return [...events, ...fresh.map((id) => linkEvent('hospital-id.linked', patientId, facility, id, context))];
}

/** Retires identifiers (A40's MRG-1, or before linking them elsewhere), with their journal events. */
export async function unlink(
  trx: Transaction<Database>,
  facility: string,
  ids: readonly LocalPatientId[],
  context: LinkContext,
): Promise<DomainEvent[]> {
  const removed = await Promise.all(
    uniqueIds(ids).map((id) =>
      trx
        .deleteFrom('patient_local_ids')
        .where('facility', '=', facility)
        .where('authority', '=', id.authority)
        .where('local_id', '=', id.id)
        .returning('patient_id')
        .executeTakeFirst()
        .then((row) => (row === undefined ? [] : [{ patientId: row.patient_id, id }])),
    ),
  );
  return removed
    .flat()
    .map(({ patientId, id }) => linkEvent('hospital-id.unlinked', patientId, facility, id, context));
}

function linkEvent(
  type: 'hospital-id.linked' | 'hospital-id.unlinked',
  patientId: string,
  facility: string,
  id: LocalPatientId,
  context: LinkContext,
): DomainEvent {
  return {
    id: context.newId(),
    type,
    patientId,
    actorAccountId: context.actorAccountId,
    occurredAt: context.at,
    payload: { facility, authority: id.authority, localId: id.id, by: context.by },
  };
}

function localIdOf(row: { authority: string; local_id: string }): LocalPatientId {
  return { authority: row.authority, id: row.local_id };
}

function sameId(a: LocalPatientId, b: LocalPatientId): boolean {
  return a.authority === b.authority && a.id === b.id;
}

function uniqueIds(ids: readonly LocalPatientId[]): LocalPatientId[] {
  return ids.filter((id, index) => ids.findIndex((other) => sameId(other, id)) === index);
}
