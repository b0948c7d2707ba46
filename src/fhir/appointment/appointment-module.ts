import type { Appointment } from '@medplum/fhirtypes';
import type { RecordPartService } from '../../domain/record/record-part-service.ts';
import { appointmentToFhir } from '../mappers/appointment-mapper.ts';
import { recordPartModule } from '../record-part-module.ts';
import type { ResourceModule } from '../resource-module.ts';
import { byCode, byInstant } from '../search/patient-data-search.ts';

/**
 * Appointment: the patient's appointments, past and upcoming, whatever their status, by start; read
 * by id and searched by patient through the patient gate (R4 gives Appointment no `subject`).
 */
export function appointmentModule(parts: RecordPartService): ResourceModule<Appointment> {
  return recordPartModule<Appointment>({
    type: 'Appointment',
    patientParams: ['patient'],
    patientOf: (appointment) =>
      appointment.participant.find((participant) => participant.actor?.reference?.startsWith('Patient/'))
        ?.actor,
    params: [
      {
        name: 'status',
        type: 'token',
        documentation: 'booked, fulfilled, cancelled or noshow',
        matches: byCode(
          'http://hl7.org/fhir/ValueSet/appointmentstatus',
          (appointment) => appointment.status,
        ),
      },
      {
        name: 'date',
        type: 'date',
        documentation: 'when the appointment starts',
        matches: byInstant((appointment) => appointment.start),
      },
    ],
    async read({ principal, origin }, id) {
      const { patientId, appointment } = await parts.appointment(principal, id, origin);
      return appointmentToFhir(patientId, appointment);
    },
    async list({ principal, origin }, patientId) {
      const appointments = await parts.appointments(principal, patientId, origin);
      return appointments.map((appointment) => appointmentToFhir(patientId, appointment));
    },
  });
}
