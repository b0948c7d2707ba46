import type { Kysely } from 'kysely';
import type { PatientFinder } from '../domain/record/record-ports.ts';
import type { Database } from './database-schema.ts';

/**
 * Searches patients within a practitioner's active care teams. The name words are prefixes matched
 * on the indexed name keys; the care-team condition keeps anyone else's patients out of the results.
 */
export function createSqlPatientFinder(db: Kysely<Database>): PatientFinder {
  return {
    async search(practitionerId, query, limit) {
      let select = db
        .selectFrom('patients as p')
        .select([
          'p.patient_id',
          'p.birth_family_name',
          'p.used_family_name',
          'p.first_given_name',
          'p.sex',
          'p.birth_date',
          'p.identity_status',
        ])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('care_team_members as m')
              .select('m.id')
              .whereRef('m.patient_id', '=', 'p.patient_id')
              .where('m.practitioner_id', '=', practitionerId)
              .where('m.ended_on', 'is', null),
          ),
        );
      if (query.kind === 'ins') select = select.where('p.ins_matricule', '=', query.matricule);
      if (query.kind === 'birth-date') select = select.where('p.birth_date', '=', query.birthDate);
      if (query.kind === 'name') {
        for (const word of query.words) {
          const prefix = `${word.replace(/[%_\\]/g, '')}%`;
          select = select.where((eb) =>
            eb.or([
              eb('p.family_name_key', 'like', prefix),
              eb('p.used_family_name_key', 'like', prefix),
              eb('p.given_name_key', 'like', prefix),
            ]),
          );
        }
      }
      const rows = await select
        .orderBy('p.birth_family_name')
        .orderBy('p.first_given_name')
        .orderBy('p.patient_id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        patientId: row.patient_id,
        birthFamilyName: row.birth_family_name,
        usedFamilyName: row.used_family_name,
        firstGivenName: row.first_given_name,
        sex: row.sex,
        birthDate: row.birth_date,
        identityStatus: row.identity_status,
      }));
    },
  };
}
