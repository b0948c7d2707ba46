import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writtenEntry } from './written-entry.ts';

const at = new Date('2026-10-02T09:30:00.000Z');

test('a written result reads back with its instant in UTC, as the store gives it', () => {
  const values = {
    loincCode: '2345-7',
    display: 'Glycémie',
    valueNumeric: 5.4,
    valueText: null,
    unit: 'mmol/L',
    referenceRange: null,
    interpretation: null,
  };
  const stored = writtenEntry(
    'r1',
    { kind: 'result', ...values, effectiveAt: '2026-09-30T10:15:30.25+02:00' },
    at,
  );
  assert.deepEqual(stored, {
    entry: { id: 'r1', ...values, effectiveAt: '2026-09-30T08:15:30.250Z' },
    recordedAt: '2026-10-02T09:30:00.000Z',
  });
});

test('a written treatment reads back as typed in, with when it was written', () => {
  const { entry } = writtenEntry(
    'm1',
    {
      kind: 'medication',
      atcCode: null,
      name: 'Paracétamol',
      dosage: '1 g',
      startedOn: null,
      status: 'active',
    },
    at,
  );
  assert.deepEqual(entry, {
    id: 'm1',
    atcCode: null,
    name: 'Paracétamol',
    dosage: '1 g',
    startedOn: null,
    status: 'active',
    provenance: null,
    recordedAt: '2026-10-02T09:30:00.000Z',
  });
});
