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
  const insert = createUnnestInsert();
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
          batch.flatMap((waiting) => waiting.entries.map(auditRow)),
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
      if (allowed.length > 0) await insert(db, 'audit_entries', allowed.map(auditRow));
    },
  };
}

/** The row of an audit entry, also for writers that append one inside their own transaction. */
export function auditRow(entry: AuditEntry) {
  return {
    at: entry.at,
    account_id: entry.accountId,
    actor_kind: entry.actorKind,
    actor_role: entry.actorRole,
    patient_id: entry.patientId,
    action: entry.action,
    resource: entry.resource,
    outcome: entry.outcome,
    reason: entry.reason,
    client_address: entry.clientAddress,
  };
}
