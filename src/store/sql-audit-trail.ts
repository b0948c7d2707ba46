import type { Kysely } from 'kysely';
import type { AuditEntry, AuditTrail } from '../domain/audit/audit-entry.ts';
import type { Database } from './database-schema.ts';
import { afterUnitOfWork, inUnitOfWork } from './unit-of-work.ts';
import { createUnnestInsert } from './unnest-insert.ts';

interface Waiting {
  readonly entries: readonly AuditEntry[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Appends audit entries with group commit: the entries of all requests that arrive while a write is
 * pending go out together in one insert and one commit, and each caller resumes only once
 * its rows are durable. This keeps "no data leaves before its audit row" cheap under load.
 * Inside a unit of work (a FHIR transaction Bundle, ADR 0014) an allowed access is written in the unit,
 * so it is undone with the writes it allowed; a denied one is kept whatever becomes of the unit: it is
 * written, with group commit, once the unit has ended and before its caller resumes.
 */
export function createSqlAuditTrail(db: Kysely<Database>): AuditTrail {
  // One statement of constant size whatever the rows (a worklist page audits up to 500 patients).
  const insert = createUnnestInsert('audit');
  let queue: Waiting[] = [];
  let writing: Promise<void> | undefined;

  const writeQueued = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await insert(
          db,
          'audit_entries',
          batch.flatMap((waiting) => auditRows(waiting.entries)),
        );
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    writing = undefined;
  };

  const groupCommitted = (entries: readonly AuditEntry[]): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      queue.push({ entries, resolve, reject });
      // Wait one turn of the event loop so concurrent requests join the same batch.
      writing ??= new Promise<void>((started) => setImmediate(started)).then(writeQueued);
    });

  return {
    async append(entries) {
      if (entries.length === 0) return;
      if (!inUnitOfWork()) return groupCommitted(entries);
      const allowed = entries.filter((entry) => entry.outcome === 'allowed');
      const denied = entries.filter((entry) => entry.outcome !== 'allowed');
      if (denied.length > 0) afterUnitOfWork(() => groupCommitted(denied));
      if (allowed.length > 0) await insert(db, 'audit_entries', auditRows(allowed));
    },
  };
}

/**
 * The rows of the entries one call appends (one event): entries that differ only by their patient, as
 * a search's hits do, make one row naming every patient in `patient_ids` (migration 0032); an entry
 * alone keeps its patient in `patient_id`.
 */
function auditRows(entries: readonly AuditEntry[]) {
  const events: AuditEntry[][] = [];
  for (const entry of entries) {
    const event = entry.patientId === null ? undefined : events.find(([first]) => sameEvent(first, entry));
    if (event === undefined) events.push([entry]);
    else event.push(entry);
  }
  return events.map((event) => {
    const [first, ...others] = event as [AuditEntry, ...AuditEntry[]];
    return others.length === 0
      ? auditRow(first)
      : { ...auditRow(first), patient_id: null, patient_ids: event.map((entry) => entry.patientId) };
  });
}

/** Whether two entries with a patient record the same access, to the patient's id. */
function sameEvent(a: AuditEntry | undefined, b: AuditEntry): boolean {
  return (
    a !== undefined &&
    a.patientId !== null &&
    a.at.getTime() === b.at.getTime() &&
    a.accountId === b.accountId &&
    a.actorKind === b.actorKind &&
    a.actorRole === b.actorRole &&
    a.action === b.action &&
    a.resource === b.resource &&
    a.outcome === b.outcome &&
    a.reason === b.reason &&
    a.clientAddress === b.clientAddress
  );
}

/** The row of an audit entry, also for writers that append one inside their own transaction. */
export function auditRow(entry: AuditEntry) {
  return {
    at: entry.at,
    account_id: entry.accountId,
    actor_kind: entry.actorKind,
    actor_role: entry.actorRole,
    patient_id: entry.patientId,
    patient_ids: null as string[] | null,
    action: entry.action,
    resource: entry.resource,
    outcome: entry.outcome,
    reason: entry.reason,
    client_address: entry.clientAddress,
  };
}
