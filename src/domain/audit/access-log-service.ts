import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import { DomainError } from '../shared/domain-error.ts';
import { groupAccesses, type AccessLogItem, type ProfessionalAccess } from './access-log.ts';

/** Port: the audit entries of professionals on the scope's patient, newest first. */
export interface AccessLogReader {
  /** At most `limit` entries, older than `beforeSeq` when given. The patient's own reads are not among them. */
  professionalAccesses(
    scope: PatientScope,
    beforeSeq: string | null,
    limit: number,
  ): Promise<readonly ProfessionalAccess[]>;
}

export interface AccessLogPage {
  readonly items: readonly AccessLogItem[];
  readonly nextCursor: string | null;
}

/** "Who accessed my record": the signed-in patient's own access log, in plain kinds, folded and paged. */
export interface AccessLogService {
  /** Errors: `forbidden` (not a patient), `invalid-input` (cursor). */
  myAccessLog(principal: Principal, cursor: string | null, origin: RequestOrigin): Promise<AccessLogPage>;
}

export const ACCESS_LOG_PAGE = 20;
const BATCH = 200;
/** A page stops after this many entries even if they fold into fewer lines (a burst of one kind). */
const MAX_SCANNED = 2000;
const CURSOR = /^[1-9][0-9]{0,17}$/;

export function createAccessLogService(deps: {
  access: PatientAccess;
  reader: AccessLogReader;
  /** Lines per page, and entries read per query while filling one. */
  pageSize?: number;
  batchSize?: number;
}): AccessLogService {
  const pageSize = deps.pageSize ?? ACCESS_LOG_PAGE;
  const batchSize = deps.batchSize ?? BATCH;
  return {
    async myAccessLog(principal, cursor, origin) {
      if (principal.kind !== 'patient')
        throw new DomainError('forbidden', 'the access log is shown to the patient themself');
      if (cursor !== null && !CURSOR.test(cursor))
        throw new DomainError('invalid-input', 'cursor is not one this API returned');
      const purpose = { action: 'read', resource: 'access-log' } as const;
      const scope = await deps.access.open(principal, principal.patientId, purpose, origin);
      return readPage(deps.reader, scope, cursor, { pageSize, batchSize });
    },
  };
}

/**
 * Reads entries batch by batch until one line more than the page has started (so the page's last
 * line is complete), the log ends, or MAX_SCANNED entries were read.
 */
async function readPage(
  reader: AccessLogReader,
  scope: PatientScope,
  cursor: string | null,
  { pageSize, batchSize }: { pageSize: number; batchSize: number },
): Promise<AccessLogPage> {
  const entries: ProfessionalAccess[] = [];
  let beforeSeq = cursor;
  for (;;) {
    const batch = await reader.professionalAccesses(scope, beforeSeq, batchSize);
    entries.push(...batch);
    const items = groupAccesses(entries);
    const last = batch.at(-1);
    if (items.length > pageSize) {
      const page = items.slice(0, pageSize);
      return { items: page, nextCursor: page.at(-1)?.oldestSeq ?? null };
    }
    if (batch.length < batchSize || last === undefined) return { items, nextCursor: null };
    if (entries.length >= MAX_SCANNED) return { items, nextCursor: last.seq };
    beforeSeq = last.seq;
  }
}
