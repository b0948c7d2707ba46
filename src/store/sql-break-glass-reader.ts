import type { Kysely } from 'kysely';
import type { BreakGlassReader } from '../domain/emergency-access/break-glass-ports.ts';
import type { Database } from './database-schema.ts';

/** A patient's break-the-glass grants with who held them, newest first. */
export function createSqlBreakGlassReader(db: Kysely<Database>): BreakGlassReader {
  return {
    async accessesTo(scope, limit) {
      const rows = await db
        .selectFrom('break_glass_grants as g')
        .innerJoin('practitioners as p', 'p.id', 'g.practitioner_id')
        .leftJoin('organizations as o', 'o.id', 'p.organization_id')
        .select([
          'g.id',
          'g.reason',
          'g.granted_at',
          'g.expires_at',
          'p.given_name',
          'p.family_name',
          'o.name as organization',
        ])
        .where('g.patient_id', '=', scope.patientId)
        .orderBy('g.granted_at', 'desc')
        .orderBy('g.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        holderName: `${row.given_name} ${row.family_name}`,
        organization: row.organization,
        reason: row.reason,
        grantedAt: row.granted_at,
        expiresAt: row.expires_at,
      }));
    },
  };
}
