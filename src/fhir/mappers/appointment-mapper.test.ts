import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Appointment } from '../../domain/record/coordination-record.ts';
import { APPOINTMENT_STATUSES } from '../../domain/record/record-parts.ts';
import { appointmentToFhir } from './appointment-mapper.ts';
import { assertValidR4 } from './mapper-test-support.ts';

const PATIENT = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';

const followUp: Appointment = {
  id: '4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c',
  startsAt: '2026-12-10T09:30:00.000Z',
  endsAt: '2026-12-10T10:00:00.000Z',
  kind: 'consultation',
  with: 'Dr Maëlle Rivière',
  place: 'Centre hospitalier de Val-Relais — Cardiologie',
  reason: 'Consultation de suivi de l’insuffisance cardiaque',
  instructions: 'Apporter vos derniers résultats de biologie et votre ordonnance en cours.',
};

describe('Appointment mapper', () => {
  it('writes an upcoming appointment as a booked Appointment with the patient and who and where', () => {
    const resource = appointmentToFhir(PATIENT, followUp);
    assertValidR4(resource);
    assert.equal(resource.status, 'booked');
    assert.equal(resource.start, followUp.startsAt);
    assert.equal(resource.patientInstruction, followUp.instructions);
    assert.deepEqual(
      resource.participant.map((p) => p.actor),
      [{ reference: `Patient/${PATIENT}` }, { display: 'Dr Maëlle Rivière' }, { display: followUp.place }],
    );
  });

  it('keeps the status of a past or cancelled appointment (the record uses R4 codes)', () => {
    for (const status of APPOINTMENT_STATUSES) {
      const resource = appointmentToFhir(PATIENT, { ...followUp, status });
      assertValidR4(resource);
      assert.equal(resource.status, status);
    }
  });

  it('emits a valid R4 Appointment for any appointment of the record', () => {
    const appointments: fc.Arbitrary<Appointment> = fc
      .record({
        kind: fc.constantFrom('consultation', 'exam', 'teleconsultation', 'home_visit'),
        with: fc.option(fc.constant('Dr Maëlle Rivière')),
        place: fc.option(fc.constant('Maison de santé pluriprofessionnelle des Ormeaux')),
        instructions: fc.option(fc.constant('Venir à jeun.')),
      })
      .map((fields) => ({ ...followUp, ...fields }));
    fc.assert(
      fc.property(appointments, (appointment) => assertValidR4(appointmentToFhir(PATIENT, appointment))),
      { numRuns: 40 },
    );
  });
});
