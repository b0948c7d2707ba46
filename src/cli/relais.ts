#!/usr/bin/env node
import { Command } from 'commander';
import { createRelais } from '../app.ts';
import { readConfig } from '../config.ts';
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

await program.parseAsync();
