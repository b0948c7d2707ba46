import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ADMISSION_KINDS, PATIENT_CLASSES, STAY_STATUSES, type Stay } from '../../domain/stays/stay.ts';
import { encounterToFhir } from './encounter-mapper.ts';
import { assertValidR4 } from './mapper-test-support.ts';

const HOSPITAL = '8091a2b3-c4d5-4e6f-8a7b-8c9d0e1f2a3b';
const CARDIOLOGY = '91a2b3c4-d5e6-4f7a-8b8c-9d0e1f2a3b4c';

const stay: Stay = {
  id: 'd5e6f7a8-b9c0-4d1e-8f2a-3b4c5d6e7f80',
  patientId: '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e',
  facility: '450990013',
  hospitalId: HOSPITAL,
  visitNumber: 'V2026-118842',
  patientClass: 'inpatient',
  admissionKind: 'emergency',
  status: 'discharged',
  unit: 'CARDIO-3',
  serviceId: CARDIOLOGY,
  attending: 'Dr Maëlle Rivière',
  admittedAt: new Date('2026-11-20T22:14:00Z'),
  dischargedAt: new Date('2026-11-27T10:30:00Z'),
  dischargeDisposition: 'home',
  procedureCount: 2,
  updatedAt: new Date('2026-11-27T10:31:00Z'),
  version: 4,
};

describe('Encounter mapper', () => {
  it('writes a discharged emergency inpatient stay as a finished Encounter of the cardiology service', () => {
    const encounter = encounterToFhir(stay);
    assertValidR4(encounter);
    assert.equal(encounter.status, 'finished');
    assert.deepEqual(encounter.class, {
      system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      code: 'IMP',
      display: 'inpatient encounter',
    });
    assert.equal(encounter.priority?.coding?.[0]?.code, 'EM');
    assert.deepEqual(encounter.period, {
      start: '2026-11-20T22:14:00.000Z',
      end: '2026-11-27T10:30:00.000Z',
    });
    assert.deepEqual(encounter.identifier, [
      { value: 'V2026-118842', assigner: { reference: `Organization/${HOSPITAL}` } },
    ]);
    assert.deepEqual(encounter.serviceProvider, { reference: `Organization/${CARDIOLOGY}` });
    assert.equal(encounter.subject?.reference, `Patient/${stay.patientId}`);
  });

  it('emits a valid R4 Encounter for any stay the ADT feed can make', () => {
    const optionalId = fc.option(fc.uuid({ version: 4 }));
    const stayArbitrary: fc.Arbitrary<Stay> = fc
      .record({
        status: fc.constantFrom(...STAY_STATUSES),
        patientClass: fc.constantFrom(...PATIENT_CLASSES),
        admissionKind: fc.constantFrom(...ADMISSION_KINDS),
        hospitalId: optionalId,
        serviceId: optionalId,
        unit: fc.option(fc.constantFrom('CARDIO-3', 'UHCD')),
        attending: fc.option(fc.constant('Dr Maëlle Rivière')),
        dischargeDisposition: fc.option(fc.constantFrom('home', 'transfer')),
        lengthMs: fc.integer({ min: 0, max: 60 * 24 * 3600 * 1000 }),
      })
      .map(({ lengthMs, ...fields }) => ({
        ...stay,
        ...fields,
        dischargedAt: fields.status === 'admitted' ? null : new Date(stay.admittedAt.getTime() + lengthMs),
      }));
    fc.assert(
      fc.property(stayArbitrary, (generated) => assertValidR4(encounterToFhir(generated))),
      { numRuns: 60 },
    );
  });
});
