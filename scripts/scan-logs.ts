import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_SEED, demoPatientIdentities } from '../src/demo/seed-territory.ts';
import { findPatientData, traitsOfIdentity } from '../tests/support/patient-data-scan.ts';

/**
 * Scans a log file (e.g. the output of `npm test`) for the demo patients' family and given names,
 * INS and birth dates; exits 1 on any hit. The demo patients are rebuilt from their seeds, without a
 * database: the territory `npm start` loads, and the one the tests load (seed 7).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    patients: { type: 'string', default: '200' },
    seeds: { type: 'string', default: `${DEFAULT_DEMO_SEED},7` },
  },
});
const [file] = positionals;
if (file === undefined) {
  console.error('usage: node scripts/scan-logs.ts LOG_FILE [--patients 200] [--seeds 20240517,7]');
  process.exit(2);
}
const patients = Number.parseInt(values.patients, 10);
const seeds = values.seeds.split(',').map((seed) => Number.parseInt(seed, 10));
const now = new Date();
const traits = seeds.flatMap((seed) => demoPatientIdentities({ patients, seed, now }).map(traitsOfIdentity));
const text = readFileSync(file, 'utf8');
const hits = findPatientData(text, traits);
for (const hit of hits) console.log(`${file}:${hit.line}: ${hit.kind} ${JSON.stringify(hit.term)}`);
console.log(
  `scanned ${text.split('\n').length} lines for ${traits.length} demo patients (seeds ${seeds.join(', ')}): ` +
    `${hits.length} hit${hits.length === 1 ? '' : 's'}`,
);
process.exit(hits.length === 0 ? 0 : 1);
