import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { InboxCursor } from '../domain/referrals/referral-cursor.ts';
import { MAX_REFERRAL_PAGE } from '../domain/referrals/referral-cursor.ts';
import type { InboxOwner, ReferralReader } from '../domain/referrals/referral-ports.ts';
import type { ReferralHistoryItem } from '../domain/referrals/referral-views.ts';
import { noObjectionTo } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { DOCUMENT_COLUMNS, documentSummaryOf, labResultOf, RESULT_COLUMNS } from './sql-referral-record.ts';
import { CLOSED_REFERRAL, OPEN_REFERRAL, referralViewOf, selectReferralViews } from './sql-referral-views.ts';

type Payload = ReferralHistoryItem['payload'];

/** Reads referrals for display: one referral, inboxes, outboxes, a patient's referrals. */
export function createSqlReferralReader(db: Kysely<Database>): ReferralReader {
  const histories = (patientId: string, referralId?: string) =>
    db
      .selectFrom('events')
      .select(['type', 'occurred_at', 'payload'])
      .where('patient_id', '=', patientId)
      .where('type', 'like', 'referral.%')
      .$if(referralId !== undefined, (query) =>
        query.where(sql<string>`payload->>'referralId'`, '=', referralId ?? ''),
      )
      .orderBy('seq')
      .execute();

  return {
    async messageReferral(messageId) {
      const row = await db
        .selectFrom('referral_messages')
        .select('referral_id')
        .where('id', '=', messageId)
        .executeTakeFirst();
      return row?.referral_id;
    },

    async detail(scope) {
      const row = await selectReferralViews(db)
        .where('r.patient_id', '=', scope.patientId)
        .where('r.id', '=', scope.referralId)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const view = referralViewOf(row);
      const { referral } = view;
      const documentIds = [
        ...referral.attachedDocumentIds,
        ...(referral.report?.documentId ? [referral.report.documentId] : []),
      ];
      const [results, documents, messages, events] = await Promise.all([
        referral.attachedResultIds.length === 0
          ? []
          : db
              .selectFrom('results')
              .select(RESULT_COLUMNS)
              .where('patient_id', '=', referral.patientId)
              .where('id', 'in', referral.attachedResultIds)
              .orderBy('effective_at', 'desc')
              .execute(),
        documentIds.length === 0
          ? []
          : db
              .selectFrom('documents')
              .select(DOCUMENT_COLUMNS)
              .where('patient_id', '=', referral.patientId)
              .where('id', 'in', documentIds)
              .orderBy('created_at', 'desc')
              .execute(),
        db
          .selectFrom('referral_messages as m')
          .innerJoin('practitioners as author', 'author.id', 'm.author_practitioner_id')
          .select([
            'm.id',
            'm.kind',
            'm.author_practitioner_id',
            'm.body',
            'm.created_at',
            'author.given_name',
            'author.family_name',
          ])
          .where('m.patient_id', '=', referral.patientId)
          .where('m.referral_id', '=', referral.id)
          .orderBy('m.created_at')
          // An answer given at the instant of its question still follows it.
          .orderBy('m.kind', 'desc')
          .orderBy('m.id')
          .execute(),
        histories(referral.patientId, referral.id),
      ]);
      const summaries = documents.map(documentSummaryOf);
      return {
        ...view,
        attachedResults: results.map(labResultOf),
        attachedDocuments: summaries.filter((d) => referral.attachedDocumentIds.includes(d.id)),
        reportDocument: summaries.find((d) => d.id === referral.report?.documentId) ?? null,
        messages: messages.map((m) => ({
          id: m.id,
          kind: m.kind,
          authorPractitionerId: m.author_practitioner_id,
          authorName: `${m.given_name} ${m.family_name}`,
          text: m.body,
          at: m.created_at,
        })),
        history: events.map((e) => ({ at: e.occurred_at, type: e.type, payload: e.payload as Payload })),
      };
    },

    async document(scope, documentId) {
      const row = await db
        .selectFrom('referrals as r')
        .innerJoin('documents as d', (join) =>
          join
            .onRef('d.patient_id', '=', 'r.patient_id')
            .on('d.id', '=', documentId)
            .on((eb) =>
              eb.or([
                eb(eb.val(documentId), '=', eb.fn.any('r.attached_document_ids')),
                eb('r.report_document_id', '=', documentId),
              ]),
            ),
        )
        .select(['d.title', 'd.mime_type', 'd.content'])
        .where('r.patient_id', '=', scope.patientId)
        .where('r.id', '=', scope.referralId)
        .executeTakeFirst();
      return row === undefined
        ? undefined
        : { title: row.title, mimeType: row.mime_type, content: row.content };
    },

    async inbox(owner, after, limit) {
      const rows = await selectReferralViews(db)
        .innerJoin(inboxPage(db, owner, after, limit + 1).as('w'), (join) =>
          join.onRef('w.patient_id', '=', 'r.patient_id').onRef('w.id', '=', 'r.id'),
        )
        .orderBy('r.urgency_rank')
        .orderBy('r.stage_started_at')
        .orderBy('r.id')
        .execute();
      return rows.map(referralViewOf);
    },

    async outbox(practitionerId, state, after, limit) {
      const rows = await selectReferralViews(db)
        .where('r.referrer_practitioner_id', '=', practitionerId)
        .where(noObjectionTo('r.patient_id', practitionerId))
        .$if(state === 'open', (query) => query.where(OPEN_REFERRAL))
        .$if(state === 'closed', (query) => query.where(CLOSED_REFERRAL))
        .$if(after !== null, (query) =>
          query.where(
            sql<boolean>`(r.updated_at, r.id) < (${after?.updatedAt.toISOString()}::timestamptz, ${after?.id}::uuid)`,
          ),
        )
        .orderBy('r.updated_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(limit + 1)
        .execute();
      return rows.map(referralViewOf);
    },

    async patientReferrals(scope) {
      const rows = await selectReferralViews(db)
        .where('r.patient_id', '=', scope.patientId)
        .orderBy('r.updated_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(MAX_REFERRAL_PAGE)
        .execute();
      return rows.map(referralViewOf);
    },

    async patientHistories(scope) {
      const byReferral = new Map<string, ReferralHistoryItem[]>();
      for (const event of await histories(scope.patientId)) {
        const payload = event.payload as Payload;
        const referralId = String(payload['referralId']);
        const items = byReferral.get(referralId) ?? [];
        items.push({ at: event.occurred_at, type: event.type, payload });
        byReferral.set(referralId, items);
      }
      return byReferral;
    },
  };
}

/**
 * One inbox page as a union of ordered, bounded scans (ADR 0006): addressed to the owner by name, to
 * their service, to their specialty (while nobody took them), and taken by them. Each reads its own
 * partial index (0007-referrals.ts) in inbox order after the cursor and stops after `perSource` rows.
 */
function inboxPage(db: Kysely<Database>, owner: InboxOwner, after: InboxCursor | null, perSource: number) {
  const untaken = sql<boolean>`r.performer_practitioner_id is null`;
  const sources: RawBuilder<boolean>[] = [
    sql<boolean>`r.target_practitioner_id = ${owner.practitionerId} and ${untaken}`,
    sql<boolean>`r.performer_practitioner_id = ${owner.practitionerId}`,
  ];
  if (owner.organizationId !== null)
    sources.push(sql<boolean>`r.target_organization_id = ${owner.organizationId} and ${untaken}`);
  if (owner.specialty !== null)
    sources.push(sql<boolean>`r.target_specialty = ${owner.specialty} and ${untaken}`);
  const scans = sources.map((condition) =>
    db
      .selectFrom(
        db
          .selectFrom('referrals as r')
          .select(['r.patient_id', 'r.id', 'r.urgency_rank', 'r.stage_started_at'])
          .where(OPEN_REFERRAL)
          .where(condition)
          .where(noObjectionTo('r.patient_id', owner.practitionerId))
          .$if(after !== null, (query) =>
            query.where(
              sql<boolean>`(r.urgency_rank, r.stage_started_at, r.id) > (${after?.urgencyRank}::smallint, ${after?.stageStartedAt.toISOString()}::timestamptz, ${after?.id}::uuid)`,
            ),
          )
          .orderBy('r.urgency_rank')
          .orderBy('r.stage_started_at')
          .orderBy('r.id')
          .limit(perSource)
          .as('source'),
      )
      .selectAll(),
  );
  const [first, ...rest] = scans;
  if (first === undefined) throw new Error('an inbox always has the named and performer sources');
  const union = rest.reduce((all, scan) => all.unionAll(scan), first);
  return db
    .selectFrom(union.as('u'))
    .selectAll()
    .orderBy('u.urgency_rank')
    .orderBy('u.stage_started_at')
    .orderBy('u.id')
    .limit(perSource);
}
