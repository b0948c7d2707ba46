import assert from 'node:assert/strict';
import { test } from 'node:test';
import { availableParallelism } from 'node:os';
import { readConfig } from './config.ts';

test('the urgent follow-up thresholds default to the severe bands and item 9 above 0, and can be set', () => {
  assert.deepEqual(readConfig({}).urgentThresholds, {
    safetyAnswerAtLeast: 1,
    totalAtLeast: { 'PHQ-9': 20, 'GAD-7': 15 },
  });
  assert.deepEqual(
    readConfig({
      RELAIS_URGENT_PHQ9_ITEM9_ANSWER: '2',
      RELAIS_URGENT_PHQ9_TOTAL: '15',
      RELAIS_URGENT_GAD7_TOTAL: '10',
    }).urgentThresholds,
    { safetyAnswerAtLeast: 2, totalAtLeast: { 'PHQ-9': 15, 'GAD-7': 10 } },
  );
  assert.throws(
    () => readConfig({ RELAIS_URGENT_PHQ9_TOTAL: 'high' }),
    /RELAIS_URGENT_PHQ9_TOTAL must be a whole number/,
  );
});

test('the HL7 listener is off unless RELAIS_HL7_PORT is set; 0 asks for any free port', () => {
  assert.deepEqual(readConfig({}).hl7, { host: '127.0.0.1', port: null, applyPollMs: 1000 });
  assert.equal(readConfig({ RELAIS_HL7_PORT: '' }).hl7.port, null);
  assert.equal(readConfig({ RELAIS_HL7_PORT: '0' }).hl7.port, 0);
  assert.deepEqual(
    readConfig({ RELAIS_HL7_PORT: '2575', RELAIS_HL7_HOST: '0.0.0.0', RELAIS_ADT_APPLY_POLL_MS: '0' }).hl7,
    { host: '0.0.0.0', port: 2575, applyPollMs: 0 },
  );
  assert.throws(() => readConfig({ RELAIS_HL7_PORT: 'mllp' }), /RELAIS_HL7_PORT must be a whole number/);
});

test('a break-the-glass access lasts 4 hours unless RELAIS_BREAK_GLASS_HOURS says 1 to 24', () => {
  assert.deepEqual(readConfig({}).breakGlass, { hours: 4 });
  assert.deepEqual(readConfig({ RELAIS_BREAK_GLASS_HOURS: '12' }).breakGlass, { hours: 12 });
  assert.throws(
    () => readConfig({ RELAIS_BREAK_GLASS_HOURS: '0' }),
    /RELAIS_BREAK_GLASS_HOURS: a break-the-glass access lasts from 1 to 24 whole hours, got 0/,
  );
  assert.throws(() => readConfig({ RELAIS_BREAK_GLASS_HOURS: '48' }), /from 1 to 24 whole hours, got 48/);
  assert.throws(() => readConfig({ RELAIS_BREAK_GLASS_HOURS: '4h' }), /must be a whole number/);
});

test('PostgreSQL gets about two connections per core unless RELAIS_DB_POOL_SIZE says how many', () => {
  const url = 'postgres://relais@127.0.0.1/relais';
  assert.deepEqual(readConfig({ DATABASE_URL: url }).database, {
    kind: 'postgres',
    url,
    poolSize: availableParallelism() * 2 + 2,
  });
  const sized = readConfig({ DATABASE_URL: url, RELAIS_DB_POOL_SIZE: '12' }).database;
  assert.equal(sized.kind === 'postgres' && sized.poolSize, 12);
  assert.throws(
    () => readConfig({ DATABASE_URL: url, RELAIS_DB_POOL_SIZE: '0' }),
    /RELAIS_DB_POOL_SIZE must be at least 1, got "0"/,
  );
  assert.throws(
    () => readConfig({ DATABASE_URL: url, RELAIS_DB_POOL_SIZE: 'many' }),
    /RELAIS_DB_POOL_SIZE must be a whole number/,
  );
});
