import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Bundle, BundleEntry, Patient } from '@medplum/fhirtypes';
import pino from 'pino';
import { sql } from 'kysely';
import { syntheticPatientBundle } from '../bench/synthetic-bundles.ts';
import { createRelais, type Relais } from '../src/app.ts';
import { readConfig, type RelaisConfig } from '../src/config.ts';
import { fhirResourceModules } from '../src/fhir/resource-registry.ts';
import { validateFhirResource } from '../src/fhir/fhir-validator.ts';
import { createProfessional } from './support/factories.ts';
import { createIsolatedDatabase, TEST_PG_URL_ENV } from './support/postgres-server.ts';
import { testDialects } from './support/test-database.ts';

const RELAIS = join(import.meta.dirname, '../src/cli/relais.ts');

/** Runs `relais ARGS` as a child process on the database; its exit code, stdout and stderr. */
function relaisCli(database: RelaisConfig['database'], args: readonly string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, RELAIS_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (database.kind === 'postgres') env.DATABASE_URL = database.url;
  else env.RELAIS_DATA = database.dataDir;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [RELAIS, ...args],
      { env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
          stdout,
          stderr,
        }),
    );
  });
}

for (const { dialect, skip } of testDialects()) {
  describe(`relais import fhir and export patient on ${dialect}`, { skip }, () => {
    let folder: string;
    let database: RelaisConfig['database'];
    let login: string;
    /** The types the registry creates: the synthetic bundles keep those (more as modules are served). */
    let creatable: Set<string>;

    /** Opens the database in-process (the CLI must have closed it: PGlite has one user). */
    const withRelais = async <T>(use: (relais: Relais) => Promise<T>): Promise<T> => {
      const relais = await createRelais(
        { ...readConfig({}), database },
        { logger: pino({ level: 'silent' }), scheduleJobs: false },
      );
      try {
        return await use(relais);
      } finally {
        await relais.close();
      }
    };

    const bundleFor = (index: number): Bundle => {
      const bundle = syntheticPatientBundle(index);
      const entry = (bundle.entry ?? []).filter((e) => creatable.has(e.resource?.resourceType ?? ''));
      return { ...bundle, entry };
    };

    before(async () => {
      folder = await mkdtemp(join(tmpdir(), 'relais-cli-'));
      database =
        dialect === 'pglite'
          ? { kind: 'pglite', dataDir: join(folder, 'data') }
          : { kind: 'postgres', url: await createIsolatedDatabase(process.env[TEST_PG_URL_ENV] ?? '') };
      ({ login, creatable } = await withRelais(async (relais) => ({
        login: (await createProfessional(relais)).login,
        creatable: new Set(
          fhirResourceModules(relais.services)
            .filter((module) => module.create !== undefined)
            .map((module) => module.type),
        ),
      })));
    });
    after(() => rm(folder, { recursive: true, force: true }));

    test('imports a folder of transaction Bundles, each atomic, and sums up what it took and refused', async () => {
      const bundles = join(folder, 'bundles');
      const { mkdir } = await import('node:fs/promises');
      await mkdir(bundles);
      for (const index of [1, 2, 3])
        await writeFile(join(bundles, `0${index}-patient.json`), JSON.stringify(bundleFor(index)));
      const bad = bundleFor(4);
      const invalid: BundleEntry = {
        resource: { ...(bad.entry?.[0]?.resource as Patient), birthDate: 'soon' },
        request: { method: 'POST', url: 'Patient' },
      };
      await writeFile(
        join(bundles, '04-invalid.json'),
        JSON.stringify({ ...bad, entry: [...(bad.entry ?? []), invalid] }),
      );
      await writeFile(join(bundles, '05-broken.json'), '{ not json');
      await writeFile(join(bundles, 'notes.txt'), 'not a bundle, not read');

      const run = await relaisCli(database, ['import', 'fhir', bundles, '--as', login, '--jobs', '2']);
      assert.equal(run.code, 1, `refusals exit 1\n${run.stdout}\n${run.stderr}`);
      const perBundle = bundleFor(1).entry?.length ?? 0;
      assert.match(
        run.stdout,
        new RegExp(
          `^Imported 3 of 5 bundles: ${3 * perBundle} resources in [\\d.]+ s \\(\\d+ resources/s\\)$`,
          'm',
        ),
      );
      assert.match(run.stdout, /^ {2}Patient +3$/m);
      assert.match(run.stdout, /^Refused 2 bundles:$/m);
      assert.match(
        run.stdout,
        /^ {2}04-invalid\.json: 400 entry \d+ \(POST Patient\): .*\(Bundle\.entry\[\d+\]\.resource\.birthDate\)$/m,
      );
      assert.match(run.stdout, /^ {2}05-broken\.json: 400 not a JSON file$/m);
      assert.doesNotMatch(
        run.stdout + run.stderr,
        /Fictif|Exemple|Synthèse|Modèle|Essai/,
        'no patient name printed',
      );

      await withRelais(async (relais) => {
        const { rows } = await sql<{ patients: string; writes: string }>`
          select (select count(*) from patients) as patients,
                 (select count(*) from audit_entries a join accounts c on c.id = a.account_id
                   where c.login = ${login} and a.action = 'write' and a.outcome = 'allowed') as writes`.execute(
          relais.database.db,
        );
        assert.equal(rows[0]?.patients, '3', 'the refused Bundle left no patient');
        assert.ok(Number(rows[0].writes) >= 3, 'each write audited under the importing account');
      });
    });

    test('exports a patient as a Bundle of valid resources to stdout or a file, audited as an export', async () => {
      const patientId = await withRelais(async (relais) => {
        const row = await relais.database.db
          .selectFrom('patients')
          .select('patient_id')
          .executeTakeFirstOrThrow();
        return row.patient_id;
      });
      const toStdout = await relaisCli(database, ['export', 'patient', patientId, '--as', login]);
      assert.equal(toStdout.code, 0, toStdout.stderr);
      const bundle = JSON.parse(toStdout.stdout) as Bundle;
      assert.equal(bundle.type, 'searchset');
      assert.equal(bundle.entry?.[0]?.resource?.id, patientId);
      for (const { resource } of bundle.entry ?? []) {
        assert.ok(resource !== undefined);
        assert.deepEqual(validateFhirResource(resource), []);
      }

      const out = join(folder, 'export.json');
      const toFile = await relaisCli(database, ['export', 'patient', patientId, '--as', login, '--out', out]);
      assert.equal(toFile.code, 0, toFile.stderr);
      assert.equal(toFile.stdout, '');
      assert.deepEqual(JSON.parse(await readFile(out, 'utf8')), bundle);

      const refused = await relaisCli(database, [
        'export',
        'patient',
        '0190b5a2-0000-7000-8000-000000000000',
        '--as',
        login,
      ]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /relais: no patient/);
      assert.equal(refused.stdout, '');

      await withRelais(async (relais) => {
        const rows = await relais.database.db
          .selectFrom('audit_entries')
          .select(['action', 'resource', 'outcome'])
          .where('patient_id', '=', patientId)
          .where('resource', '=', 'fhir-export')
          .orderBy('seq')
          .execute();
        assert.deepEqual(
          rows.map((row) => `${row.action} ${row.outcome}`),
          ['read allowed', 'export allowed', 'read allowed', 'export allowed'],
        );
      });
    });
  });
}
