#!/usr/bin/env node
import { Command } from 'commander';
import { createRelais } from '../app.ts';
import { readConfig } from '../config.ts';
import { seedIfEmpty } from './seed-command.ts';

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
    const relais = await createRelais(readConfig());
    await relais.close();
  });

program
  .command('seed')
  .description('load the demo territory if the database is empty')
  .option('--patients <count>', 'number of demo patients', (value) => Number.parseInt(value, 10))
  .action(async (options: { patients?: number }) => {
    const config = readConfig();
    const relais = await createRelais(config);
    await seedIfEmpty(relais, options.patients ?? config.demoPatients);
    await relais.close();
  });

await program.parseAsync();
