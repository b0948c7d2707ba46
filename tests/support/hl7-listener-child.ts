// A Relais process for the HL7 crash test: it listens for MLLP on a free port (RELAIS_HL7_PORT=0),
// prints "hl7-port <port>" and serves until it is killed — with SIGKILL, on purpose, mid-stream.
import pino from 'pino';
import { createRelais } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';

const relais = await createRelais(readConfig(), { logger: pino({ level: 'silent' }) });
if (relais.hl7 === null) throw new Error('the MLLP listener is off (RELAIS_HL7_PORT is not set)');
process.stdout.write(`hl7-port ${relais.hl7.port}\n`);
