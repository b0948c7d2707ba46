import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Stay } from '../stays/stay.ts';
import {
  assessReadmission,
  highRiskTask,
  isHighRisk,
  type ReadmissionFacts,
} from './readmission-assessment.ts';

const DAY = 24 * 60 * 60 * 1000;
const ADMITTED = new Date('2026-01-05T10:00:00Z');

const stay = (overrides: Partial<Stay>): Stay => ({
  id: 's0',
  patientId: 'p1',
  facility: '750000001',
  hospitalId: null,
  visitNumber: 'V1',
  patientClass: 'inpatient',
  admissionKind: 'elective',
  status: 'discharged',
  unit: null,
  serviceId: null,
  attending: null,
  admittedAt: ADMITTED,
  dischargedAt: new Date(ADMITTED.getTime() + 15 * DAY),
  dischargeDisposition: 'home',
  procedureCount: 0,
  updatedAt: ADMITTED,
  version: 2,
  ...overrides,
});

const before = (
  id: string,
  days: number,
  patientClass: Stay['patientClass'],
  status: Stay['status'] = 'discharged',
) => stay({ id, patientClass, status, admittedAt: new Date(ADMITTED.getTime() - days * DAY) });

describe('readmission risk of a discharged stay', () => {
  const facts: ReadmissionFacts = {
    stay: stay({ admissionKind: 'urgent', procedureCount: 2 }),
    otherStays: [
      // ED visits in the 6 months before: 3 count; one is 200 days old, one was cancelled.
      before('e1', 10, 'emergency'),
      before('e2', 60, 'emergency'),
      before('e3', 150, 'emergency'),
      before('e4', 200, 'emergency'),
      before('e5', 20, 'emergency', 'cancelled'),
      // Admissions in the 12 months before: 2 count (the third is older).
      before('i1', 90, 'inpatient'),
      before('i2', 300, 'inpatient'),
      before('i3', 400, 'inpatient'),
    ],
    conditions: [
      { codeSystem: 'ICD-10', code: 'C50.9' },
      { codeSystem: 'ICD-10', code: 'C78.0' },
    ],
    hemoglobin: { value: 11.1, unit: 'g/dL' },
    sodium: { value: 138, unit: 'mmol/L' },
    serviceSpecialty: 'oncology',
    hasCoordinator: false,
  };

  test('reads L from the dates, A from the admission kind, C from the problems, E from earlier ED stays', () => {
    const assessment = assessReadmission(facts, 10, ADMITTED);
    assert.deepEqual(
      assessment?.lace.items.map(({ item, value, points }) => [item, value, points]),
      [
        ['L', 15, 7],
        ['A', true, 3],
        ['C', 6, 5],
        ['E', 3, 3],
      ],
    );
    assert.equal(assessment.lace.total, 18);
    assert.equal(assessment.band, 'high');
    // H 1 + O 2 + S 0 + P 1 + I 1 + A 2 (two admissions) + L 2 = 9.
    assert.equal(assessment.hospital?.total, 9);
    assert.equal(isHighRisk(assessment), true);
  });

  test('the high-risk task goes to the GP when the care team has no coordinator, keyed by the stay', () => {
    const assessment = assessReadmission(facts, 10, ADMITTED);
    assert.ok(assessment);
    const task = highRiskTask(assessment, false);
    assert.deepEqual(task.assignee, { kind: 'care-team-role', role: 'medecin_traitant' });
    assert.deepEqual(highRiskTask(assessment, true).assignee, {
      kind: 'care-team-role',
      role: 'coordinator',
    });
    assert.equal(task.idempotencyKey, 'readmission-risk:s0');
    assert.deepEqual(task.origin.kind, 'transition');
  });

  test('a stay still in progress is not assessed', () => {
    assert.equal(
      assessReadmission({ ...facts, stay: stay({ status: 'admitted', dischargedAt: null }) }, 10, ADMITTED),
      null,
    );
  });
});
