import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import type { Relais } from '../app.ts';
import type { PatientScope } from '../domain/access/patient-scope.ts';
import { createPatient, createProfessional } from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';
import { createKeptPatientVersions } from './kept-patient-versions.ts';
import { createSqlPatientVersions } from './sql-patient-versions.ts';

/** The database, counting the statements run through it. */
function counted(relais: Relais) {
  let statements = 0;
  const counting: KyselyPlugin = {
    transformQuery: ({ node }) => node,
    transformResult: ({ result }) => {
      statements += 1;
      return Promise.resolve(result);
    },
  };
  return { db: relais.database.db.withPlugin(counting), statements: () => statements };
}

/** A scope as the access gate gives it, naming the identity version its check saw. */
const scopeOf = (patientId: string, identityVersion: number | null) =>
  ({ patientId, identityVersion, hiddenCategories: [] }) as unknown as PatientScope;

for (const { dialect, skip } of testDialects()) {
  describe(`patient identity versions on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    test('a read gives the version its check saw, from what it keeps once read, frozen', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const { db, statements } = counted(relais);
      const versions = createSqlPatientVersions(db, createKeptPatientVersions(db));

      const first = await versions.current(scopeOf(patientId, 1));
      assert.ok(first !== undefined);
      assert.equal(first.versionId, 1);
      assert.equal(statements(), 1);
      assert.equal(await versions.current(scopeOf(patientId, 1)), first, 'the kept version');
      assert.equal(await versions.version(scopeOf(patientId, null), 1), first);
      assert.equal(statements(), 1, 'a kept version is read without a statement');
      assert.throws(() => {
        (first.identity as { phone: string | null }).phone = '0600000000';
      }, TypeError);

      await relais.database.db
        .updateTable('patients')
        .set({ phone: '0611223344' })
        .where('patient_id', '=', patientId)
        .execute();
      assert.equal(
        await versions.current(scopeOf(patientId, 1)),
        first,
        'a check that saw version 1 reads version 1, even once a correction made version 2',
      );
      const second = await versions.current(scopeOf(patientId, 2));
      assert.deepEqual([second?.versionId, second?.identity.phone], [2, '0611223344']);
      const unseen = await versions.current(scopeOf(patientId, null));
      assert.equal(unseen?.versionId, 2, 'with no version seen, the current one');
      assert.equal(await versions.current(scopeOf(patientId, 3)), undefined, 'no version 3');
    });

    test('the versions a search names come in its order, the ones not kept read in one statement', async () => {
      const gp = await createProfessional(relais);
      const register = () => createPatient(relais, [gp.practitionerId]);
      const [a, b, c] = await Promise.all([register(), register(), register()]);
      const { db, statements } = counted(relais);
      const kept = createKeptPatientVersions(db);
      const [keptB] = await kept.numbered([{ patientId: b, versionId: 1 }]);
      assert.equal(statements(), 1);

      const named = [c, b, a, c].map((patientId) => ({ patientId, versionId: 1 }));
      const found = await kept.numbered([...named, { patientId: a, versionId: 9 }]);
      assert.deepEqual(
        found.map((version) => version?.patientId),
        [c, b, a, c, undefined],
        'in the order named; a version that does not exist is undefined',
      );
      assert.equal(found[1], keptB, 'the kept version');
      assert.equal(found[0], found[3], 'one object per version');
      assert.equal(statements(), 2, 'one statement for the versions not kept');
    });
  });
}
