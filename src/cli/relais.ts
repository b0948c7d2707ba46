#!/usr/bin/env node
import { Command } from 'commander';
import pino from 'pino';
import { createRelais } from '../app.ts';
import { readConfig } from '../config.ts';
import { createLogger } from '../integrations/pino-logger.ts';
import { callerOfLogin } from './cli-caller.ts';
import { exportPatientBundle } from './export-patient-command.ts';
import { importFhirBundles, summaryLines } from './import-fhir-command.ts';
import { seedIfEmpty } from './seed-command.ts';

/** The configuration of a one-off command: it must not take the running server's HL7 port. */
const withoutListener = () => {
  const config = readConfig();
  return { ...config, hl7: { ...config.hl7, port: null } };
};

const program = new Command()
  .name('relais')
  .description('Relais — city–hospital care coordination')
  .showHelpAfterError();

program
  .command('start')
  .description(
    'start the server and web app (embedded PGlite unless DATABASE_URL is set); seeds the demo on first start',
  )
  .action(async () => {
    const config = readConfig();
    const relais = await createRelais(config);
    await seedIfEmpty(relais, config.demoPatients);
    await relais.http.listen({ host: config.host, port: config.port });
    console.log(
      `\nRelais is running: http://localhost:${config.port}  (API docs: http://localhost:${config.port}/api/docs)`,
    );
    if (relais.hl7 !== null) console.log(`HL7 v2 over MLLP on ${config.hl7.host}:${relais.hl7.port}`);
    const stop = () => {
      relais.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const relais = await createRelais(withoutListener());
    await relais.close();
  });

program
  .command('seed')
  .description('load the demo territory if the database is empty')
  .option('--patients <count>', 'number of demo patients', (value) => Number.parseInt(value, 10))
  .action(async (options: { patients?: number }) => {
    const config = withoutListener();
    const relais = await createRelais(config);
    await seedIfEmpty(relais, options.patients ?? config.demoPatients);
    await relais.close();
  });

/**
 * Runs a one-off command on the database, jobs left to the server, logs on stderr (stdout may carry a
 * Bundle), closing it whatever happens; a refusal exits 1 with its reason.
 */
async function oneOff(run: (relais: Awaited<ReturnType<typeof createRelais>>) => Promise<number>) {
  const config = withoutListener();
  const logger = createLogger(config.logLevel, pino.destination(2));
  const relais = await createRelais(config, { scheduleJobs: false, logger });
  try {
    process.exitCode = await run(relais);
  } catch (error) {
    console.error(`relais: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await relais.close();
  }
}

const positive = (value: string) => {
  const number = Number.parseInt(value, 10);
  if (!(number >= 1)) throw new Error(`expected a whole number from 1, got '${value}'`);
  return number;
};

program
  .command('import')
  .description('import data')
  .command('fhir')
  .argument('<path>', 'a transaction Bundle (.json) or a folder of them')
  .requiredOption('--as <login>', 'the professional account the import acts as (joins each new care team)')
  .option('--jobs <count>', 'bundles imported at once', positive, 1)
  .description(
    'import FHIR R4 transaction Bundles, each all or nothing, through the API’s checks; exits 1 if any is refused',
  )
  .action((path: string, options: { as: string; jobs: number }) =>
    oneOff(async (relais) => {
      const caller = await callerOfLogin(relais, options.as, { professionalOnly: true });
      const summary = await importFhirBundles(relais, caller, path, {
        jobs: options.jobs,
        progress: process.stderr.isTTY,
      });
      for (const line of summaryLines(summary)) console.log(line);
      return summary.refused.length === 0 ? 0 : 1;
    }),
  );

program
  .command('export')
  .description('export data')
  .command('patient')
  .argument('<id>', "the patient's id")
  .requiredOption('--as <login>', 'the account the export acts as (audited as an export)')
  .option('--out <file>', 'write the Bundle to this file instead of stdout')
  .description("write a patient's whole record as a FHIR R4 Bundle (Patient/$everything)")
  .action((id: string, options: { as: string; out?: string }) =>
    oneOff(async (relais) => {
      const caller = await callerOfLogin(relais, options.as, { professionalOnly: false });
      const text = await exportPatientBundle(relais, caller, id, {
        publicUrl: readConfig().publicUrl,
        out: options.out,
      });
      if (text !== undefined) process.stdout.write(text);
      return 0;
    }),
  );

await program.parseAsync();
