// A Relais process for the crash test: it runs the rules job on DATABASE_URL until the journal is
// drained, then prints "drained" and exits. The test kills it with SIGKILL before that, on purpose.
import pino from 'pino';
import { createRelais } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';

const relais = await createRelais(readConfig(), { logger: pino({ level: 'silent' }) });
const rules = relais.jobs.rules;
if (rules === undefined) throw new Error('the rules job is off (RELAIS_RULES_POLL_MS=0)');
await rules.drain(300_000);
process.stdout.write('drained\n');
await relais.close();
