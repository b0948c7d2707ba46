import { Readable } from 'node:stream';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditLogFilterQuery, AuditLogListQuery, AuditLogPage } from '../../contracts/audit-contracts.ts';
import type { AuditLogRow, AuditLogService } from '../../domain/audit/audit-log-service.ts';
import { AUDIT_CSV_COLUMNS, presentAuditLogRow } from '../audit-presenter.ts';
import { originOf, principalOf } from '../authentication.ts';
import { csvRecord } from '../csv-record.ts';
import { problemResponses } from '../openapi.ts';

const CSV_MEDIA_TYPE = 'text/csv';
// Spreadsheets (Excel in French) read a CSV as UTF-8 only when it starts with the byte order mark.
const UTF8_BOM = '\uFEFF';
/** The export's body: text in OpenAPI, a stream for the handler (Fastify sends streams as they are). */
const CsvStream = Type.Unsafe<Readable>({ type: 'string' });

/** The audit trail for the data protection officer: filtered pages and a CSV export. DPO accounts only. */
export const auditRoutes: FastifyPluginCallbackTypebox<{ auditLog: AuditLogService }> = (
  app,
  { auditLog },
  done,
) => {
  const tags = ['audit'];
  const config = { audience: 'professional' } as const;

  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary:
          'Audit entries, newest first, filtered by patient, account, log-in, action, outcome and period (paginated). DPO accounts only; the reading is itself audited.',
        querystring: AuditLogListQuery,
        response: { 200: AuditLogPage, ...problemResponses(400, 401, 403) },
      },
      config,
    },
    async (request) => {
      const page = await auditLog.list(principalOf(request), request.query, originOf(request));
      return { items: page.items.map(presentAuditLogRow), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/audit/export',
    {
      schema: {
        tags,
        summary:
          'Every audit entry matching the filters as CSV (UTF-8, RFC 4180, header row), streamed. DPO accounts only; the export is itself audited.',
        querystring: AuditLogFilterQuery,
        produces: [CSV_MEDIA_TYPE],
        response: {
          200: { description: 'the entries (CSV)', content: { [CSV_MEDIA_TYPE]: { schema: CsvStream } } },
          ...problemResponses(400, 401, 403),
        },
      },
      config,
    },
    async (request, reply) => {
      const rows = await auditLog.export(principalOf(request), request.query, originOf(request));
      const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
      return reply
        .type(`${CSV_MEDIA_TYPE}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="relais-audit-${stamp}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(csvLines(rows)));
    },
  );
  done();
};

async function* csvLines(rows: AsyncIterable<AuditLogRow>): AsyncIterable<string> {
  yield UTF8_BOM + csvRecord(AUDIT_CSV_COLUMNS.map(([name]) => name));
  for await (const row of rows) yield csvRecord(AUDIT_CSV_COLUMNS.map(([, read]) => read(row)));
}
