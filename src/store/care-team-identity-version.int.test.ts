import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import {
  careTeamMemberRow,
  createPatient,
  createProfessional,
  endMemberships,
} from '../../tests/support/factories.ts';
import { patientCriteria } from '../../tests/support/patient-criteria.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';
import { createKeptPatientVersions } from './kept-patient-versions.ts';
import { createSqlPatientCriteriaFinder } from './sql-patient-criteria-finder.ts';

/** A search by one family name, as the FHIR `family=` parameter gives it, first page of twenty. */
const byFamily = (word: string) => patientCriteria({ families: [[[word]]] });

for (const { dialect, skip } of testDialects()) {
  describe(`care-team rows and their patient's identity version on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    /** The version number each of the patient's care-team rows carries, by practitioner. */
    const carried = async (patientId: string) =>
      Object.fromEntries(
        (
          await relais.database.db
            .selectFrom('care_team_members')
            .select(['practitioner_id', 'identity_version'])
            .where('patient_id', '=', patientId)
            .execute()
        ).map((row) => [row.practitioner_id, row.identity_version]),
      );
    const correct = (patientId: string, phone: string) =>
      relais.database.db.updateTable('patients').set({ phone }).where('patient_id', '=', patientId).execute();

    test('every care-team row carries the current version, however the row or the version was written', async () => {
      const gp = await createProfessional(relais);
      const nurse = await createProfessional(relais);
      const joiner = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
      const bystander = await createPatient(relais, [gp.practitionerId]);
      assert.deepEqual(await carried(patientId), { [gp.practitionerId]: 1, [nurse.practitionerId]: 1 });

      await correct(patientId, '0611223344');
      assert.deepEqual(await carried(patientId), { [gp.practitionerId]: 2, [nurse.practitionerId]: 2 });

      await endMemberships(relais, patientId, nurse.practitionerId, '2026-01-01');
      await correct(patientId, '0622334455');
      assert.deepEqual(
        await carried(patientId),
        { [gp.practitionerId]: 3, [nurse.practitionerId]: 3 },
        'an ended membership too, should it start again',
      );

      await relais.database.db
        .updateTable('patients')
        .set({ updated_at: new Date() })
        .where('patient_id', '=', patientId)
        .execute();
      assert.equal((await carried(patientId))[gp.practitionerId], 3, 'no new version, no change');

      // A member added later, as a referral or a record entry adds one: the trigger fills the copies.
      await relais.database.db
        .insertInto('care_team_members')
        .values(careTeamMemberRow(patientId, joiner.practitionerId, 'nurse'))
        .execute();
      assert.equal((await carried(patientId))[joiner.practitionerId], 3);
      assert.deepEqual(await carried(bystander), { [gp.practitionerId]: 1 }, 'another patient untouched');
    });

    test('a search by name gives the version a correction made', async () => {
      const gp = await createProfessional(relais);
      const family = `Versionne${randomUUID().slice(0, 8).replace(/\d/g, 'x')}`;
      const patientId = await createPatient(relais, [gp.practitionerId], {
        identity: { birthFamilyName: family },
      });
      const db = relais.database.db;
      const find = createSqlPatientCriteriaFinder(db, createKeptPatientVersions(db));

      const before = await find(gp.practitionerId, byFamily(family.toLowerCase()));
      assert.deepEqual(
        before.patients.map((found) => [found.patientId, found.versionId]),
        [[patientId, 1]],
      );
      await correct(patientId, '0633445566');
      const after = await find(gp.practitionerId, byFamily(family.toLowerCase()));
      assert.deepEqual(
        after.patients.map((found) => [found.patientId, found.versionId, found.identity.phone]),
        [[patientId, 2, '0633445566']],
      );
      assert.equal(after.total, 1);
    });
  });
}
