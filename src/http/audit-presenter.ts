import type { AccessLogItem, AuditLogItem } from '../contracts/audit-contracts.ts';
import type { AccessLogItem as DomainAccessLogItem } from '../domain/audit/access-log.ts';
import type { AuditLogRow } from '../domain/audit/audit-log-service.ts';

/** An audit entry as the DPO's list shows it. */
export function presentAuditLogRow(row: AuditLogRow): AuditLogItem {
  return { ...row, at: row.at.toISOString() };
}

/** The CSV export's columns, in order, and how each reads a row: the same fields as the list. */
export const AUDIT_CSV_COLUMNS: readonly (readonly [string, (row: AuditLogRow) => string | null])[] = [
  ['seq', (row) => row.seq],
  ['at', (row) => row.at.toISOString()],
  ['actor_kind', (row) => row.actor.kind],
  ['account_id', (row) => row.actor.accountId],
  ['login', (row) => row.actor.login],
  ['name', (row) => row.actor.name],
  ['profession', (row) => row.actor.profession],
  ['role', (row) => row.role],
  ['patient_ids', (row) => row.patientIds.join(' ')],
  ['action', (row) => row.action],
  ['resource', (row) => row.resource],
  ['outcome', (row) => row.outcome],
  ['reason', (row) => row.reason],
  ['client_address', (row) => row.clientAddress],
];

/** A line of the patient's access log: dates as text; where the next page starts stays inside. */
export function presentAccessLogItem(item: DomainAccessLogItem): AccessLogItem {
  return {
    id: item.id,
    who: item.who,
    role: item.role,
    outsideTeam: item.outsideTeam,
    activity: item.activity,
    outcome: item.outcome,
    breakGlass: item.breakGlass,
    firstAt: item.firstAt.toISOString(),
    lastAt: item.lastAt.toISOString(),
    count: item.count,
  };
}
