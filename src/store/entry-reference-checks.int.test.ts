import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Relais } from '../app.ts';
import { createPatient, createProfessional } from '../../tests/support/factories.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';
import { testDialects } from '../../tests/support/test-database.ts';

/** The error PostgreSQL raised, as the stores read it (SQLSTATE and constraint name). */
async function refusal(write: Promise<unknown>): Promise<{ code: string; constraint: string }> {
  try {
    await write;
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    return { code: code ?? '', constraint: constraint ?? '' };
  }
  throw new Error('the write was accepted');
}

// Migration 0028: the entry tables check their references per statement, with the foreign-key error.
for (const { dialect, skip } of testDialects()) {
  describe(`entry reference checks on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let practitionerId: string;
    let patientId: string;
    before(async () => {
      relais = await startTestRelais(dialect);
      practitionerId = (await createProfessional(relais)).practitionerId;
      patientId = await createPatient(relais, [practitionerId]);
    });
    after(() => relais.close());

    const db = () => relais.database.db;
    const condition = (patient: string) => ({
      patient_id: patient,
      id: randomUUID(),
      code_system: 'http://hl7.org/fhir/sid/icd-10',
      code: 'E11',
      display: 'Diabète de type 2',
      clinical_status: 'active' as const,
      onset_date: null,
      recorded_at: new Date(),
    });
    const conditionCount = async () =>
      Number(
        (
          await db()
            .selectFrom('conditions')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('rows of known patients are written', async () => {
      const before = await conditionCount();
      await db()
        .insertInto('conditions')
        .values([condition(patientId), condition(patientId)])
        .execute();
      assert.equal(await conditionCount(), before + 2);
    });

    test('one row of an unknown patient refuses the whole statement with the foreign-key error', async () => {
      const before = await conditionCount();
      const refused = await refusal(
        db()
          .insertInto('conditions')
          .values([condition(patientId), condition(randomUUID())])
          .execute(),
      );
      assert.deepEqual(refused, { code: '23503', constraint: 'conditions_patient_id_fkey' });
      assert.equal(await conditionCount(), before);
    });

    test('moving a row to an unknown patient is refused too', async () => {
      const refused = await refusal(
        db()
          .updateTable('conditions')
          .set({ patient_id: randomUUID() })
          .where('patient_id', '=', patientId)
          .execute(),
      );
      assert.deepEqual(refused, { code: '23503', constraint: 'conditions_patient_id_fkey' });
    });

    test('a care-team row of an unknown practitioner names its own constraint', async () => {
      const refused = await refusal(
        db()
          .insertInto('care_team_members')
          .values({
            patient_id: patientId,
            id: randomUUID(),
            practitioner_id: randomUUID(),
            role: 'nurse',
            started_on: '2026-01-01',
            ended_on: null,
            added_by: null,
          })
          .execute(),
      );
      assert.deepEqual(refused, { code: '23503', constraint: 'care_team_members_practitioner_id_fkey' });
    });

    test('patients, practitioners and organisations are never deleted', async () => {
      for (const table of ['patients', 'practitioners', 'organizations'] as const) {
        const refused = await refusal(sql`delete from ${sql.table(table)}`.execute(db()));
        assert.equal(refused.code, '23001', table);
      }
      const left = await db().selectFrom('patients').select('patient_id').execute();
      assert.deepEqual(
        left.map((row) => row.patient_id),
        [patientId],
      );
    });
  });
}
