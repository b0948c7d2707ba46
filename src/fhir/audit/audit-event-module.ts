import type { AuditEvent } from '@medplum/fhirtypes';
import type { AuditLogService } from '../../domain/audit/audit-log-service.ts';
import { auditEventToFhir } from '../mappers/audit-event-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import { AUDIT_EVENT_SEARCH_PARAMS, auditLogFilterOf } from './audit-event-search.ts';

/**
 * AuditEvent: the audit trail as GET /api/audit serves it, for data protection officers only (role
 * dpo, with two-factor sign-in). Anyone else is refused and the refusal recorded; the DPO's own search
 * or read is recorded before any entry leaves. Newest first; an entry's id is its sequence number.
 */
export function auditEventModule(auditLog: AuditLogService): ResourceModule<AuditEvent> {
  return {
    type: 'AuditEvent',
    documentation:
      'The audit trail, newest first, for data protection officers only (role dpo with two-factor sign-in); every search and read of it is itself recorded.',
    searchParams: AUDIT_EVENT_SEARCH_PARAMS,
    sortable: [],
    async read({ principal, origin }, id) {
      return auditEventToFhir(await auditLog.entry(principal, id, origin));
    },
    async search({ principal, origin }, request) {
      const window = { offset: request.offset, limit: request.count };
      const found = await auditLog.search(principal, auditLogFilterOf(request), window, origin);
      return { total: found.total, resources: found.items.map(auditEventToFhir) };
    },
  };
}
