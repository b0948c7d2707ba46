import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Relais } from '../app.ts';
import { careTeamMemberRow, createPatient, createProfessional } from '../../tests/support/factories.ts';
import { patientCriteria } from '../../tests/support/patient-criteria.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';
import type { Database } from './database-schema.ts';
import { createKeptPatientVersions } from './kept-patient-versions.ts';
import { createSqlPatientCriteriaFinder } from './sql-patient-criteria-finder.ts';
import { createSqlPatientFinder } from './sql-patient-finder.ts';

/** A search by name, as the FHIR `name=` parameter gives it (one word per alternative), first page. */
const byName = (...alternatives: string[]) =>
  patientCriteria({ names: [alternatives.map((word) => [word])] });

/** A family name no other test's patient starts with (letters only: name keys drop digits). */
const uniqueFamily = (stem: string) =>
  `${stem}${randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 8)}`;

for (const { dialect, skip } of testDialects()) {
  describe(`one listed care-team row per practitioner and patient on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let db: Kysely<Database>;
    before(async () => {
      relais = await startTestRelais(dialect);
      db = relais.database.db;
    });
    after(() => relais.close());

    /** The pair's rows, oldest id first: whether each is listed, and whether it is active. */
    const rowsOf = async (practitionerId: string, patientId: string) =>
      db
        .selectFrom('care_team_members')
        .select(['id', 'listed', 'ended_on'])
        .where('practitioner_id', '=', practitionerId)
        .where('patient_id', '=', patientId)
        .orderBy('id')
        .execute();
    const listedIds = async (practitionerId: string, patientId: string) =>
      (await rowsOf(practitionerId, patientId)).filter((row) => row.listed).map((row) => row.id);
    const addMembership = (practitionerId: string, patientId: string, role = 'coordinator') =>
      db
        .insertInto('care_team_members')
        .values(careTeamMemberRow(patientId, practitionerId, role))
        .returning('id')
        .executeTakeFirstOrThrow();
    const end = (id: string) =>
      db.updateTable('care_team_members').set({ ended_on: '2026-03-01' }).where('id', '=', id).execute();
    /** What both searches give the practitioner for the word: ids (with the FHIR total). */
    const searched = async (practitionerId: string, ...words: string[]) => {
      const fhir = await createSqlPatientCriteriaFinder(db, createKeptPatientVersions(db))(
        practitionerId,
        byName(...words),
      );
      const web = await createSqlPatientFinder(db).search(
        practitionerId,
        { kind: 'name', words: [words[0] ?? ''] },
        20,
      );
      return {
        fhir: fhir.patients.map((found) => found.patientId),
        total: fhir.total,
        web: web.map((hit) => hit.patientId),
      };
    };

    test('a patient met in several memberships is listed, and found, once; the listing moves as they end', async () => {
      const gp = await createProfessional(relais);
      const family = uniqueFamily('Listee');
      const word = family.toLowerCase();
      // Two memberships written in one statement (registration), then a third.
      const patientId = await createPatient(relais, [gp.practitionerId, gp.practitionerId], {
        identity: { birthFamilyName: family },
      });
      await addMembership(gp.practitionerId, patientId);
      const once = { fhir: [patientId], total: 1, web: [patientId] };
      /** The one listed row (failing if there are more or none), after checking the searches. */
      const theListed = async () => {
        const listed = await listedIds(gp.practitionerId, patientId);
        assert.equal(listed.length, 1, 'exactly one listed row');
        assert.deepEqual(await searched(gp.practitionerId, word), once);
        return listed[0] ?? '';
      };
      const othersActive = async (id: string) =>
        (await rowsOf(gp.practitionerId, patientId)).filter((row) => row.id !== id && row.ended_on === null);

      const first = await theListed();
      await end(first);
      const [next] = await othersActive(first);
      assert.equal(await theListed(), next?.id, 'the first other active row, by id, takes the listing');

      await db
        .deleteFrom('care_team_members')
        .where('id', '=', next?.id ?? '')
        .execute();
      const [last] = await othersActive(first);
      assert.equal(await theListed(), last?.id, 'after a deletion');

      await end(last?.id ?? '');
      assert.deepEqual(await listedIds(gp.practitionerId, patientId), [], 'no active row, none listed');
      assert.deepEqual(await searched(gp.practitionerId, word), { fhir: [], total: 0, web: [] });

      await db.updateTable('care_team_members').set({ ended_on: null }).where('id', '=', first).execute();
      assert.equal(await theListed(), first, 'a row started again');
    });

    test('a membership moved to another patient is listed there only if the pair had none, and hands its listing on', async () => {
      const gp = await createProfessional(relais);
      // The practitioner's first membership of `from` (médecin traitant) is listed; `to` has none as such.
      const from = await createPatient(relais, [gp.practitionerId, gp.practitionerId]);
      const to = await createPatient(relais, []);
      const already = await addMembership(gp.practitionerId, to, 'nurse');
      const [moved] = await listedIds(gp.practitionerId, from);
      await db
        .updateTable('care_team_members')
        .set({ patient_id: to })
        .where('id', '=', moved ?? '')
        .execute();
      const [staying] = await rowsOf(gp.practitionerId, from);
      assert.deepEqual(await listedIds(gp.practitionerId, from), [staying?.id], 'the one left takes over');
      assert.deepEqual(
        await listedIds(gp.practitionerId, to),
        [already.id],
        'the moved row joins a listed pair',
      );
    });

    test('a patient whose several names start with the words is found once, with the right total', async () => {
      const gp = await createProfessional(relais);
      const family = uniqueFamily('Doublon');
      const word = family.toLowerCase();
      // Met by its birth name, its used name and its given name, for each of two alternatives.
      const everywhere = await createPatient(relais, [gp.practitionerId, gp.practitionerId], {
        identity: {
          birthFamilyName: family,
          usedFamilyName: `${family}e`,
          firstGivenName: `${family}a`,
          givenNames: `${family}a`,
        },
      });
      // No used name (null): met by its given name only.
      const givenOnly = await createPatient(relais, [gp.practitionerId], {
        identity: { birthFamilyName: 'Autrenom', firstGivenName: family, givenNames: family },
      });
      const found = await searched(gp.practitionerId, word, word.slice(0, -1));
      assert.deepEqual([...found.fhir].sort(), [everywhere, givenOnly].sort());
      assert.equal(found.total, 2);
      assert.deepEqual([...found.web].sort(), [everywhere, givenOnly].sort());
    });

    test(
      'two transactions adding the same practitioner to a patient at once list one row',
      {
        skip: dialect === 'pglite' ? 'one connection: transactions cannot overlap' : false,
      },
      async () => {
        const gp = await createProfessional(relais);
        const nurse = await createProfessional(relais);
        const patientId = await createPatient(relais, [gp.practitionerId]);
        let firstInserted!: () => void;
        const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
        let releaseFirst!: () => void;
        const released = new Promise<void>((resolve) => (releaseFirst = resolve));
        const row = (role: string) => careTeamMemberRow(patientId, nurse.practitionerId, role);
        const first = db.transaction().execute(async (trx) => {
          await trx.insertInto('care_team_members').values(row('nurse')).execute();
          firstInserted();
          await released;
        });
        await inserted;
        // The second insert waits for the first transaction, then sees its row.
        const second = db.transaction().execute(async (trx) => {
          await trx.insertInto('care_team_members').values(row('coordinator')).execute();
        });
        setTimeout(releaseFirst, 200);
        await Promise.all([first, second]);
        assert.equal((await rowsOf(nurse.practitionerId, patientId)).length, 2);
        assert.equal((await listedIds(nurse.practitionerId, patientId)).length, 1);
      },
    );
  });
}
