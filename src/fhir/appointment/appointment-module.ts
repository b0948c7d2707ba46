import type { Appointment } from '@medplum/fhirtypes';
import type { RecordPartService } from '../../domain/record/record-part-service.ts';
import { appointmentToFhir } from '../mappers/appointment-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import {
  byCode,
  byId,
  byInstant,
  patientOfSearch,
  patientParams,
  searchWithin,
  type PatientDataParam,
} from '../search/patient-data-search.ts';

const SEARCH_PARAMS: readonly PatientDataParam<Appointment>[] = [
  ...patientParams<Appointment>('Appointment', ['patient']),
  { name: '_id', type: 'token', documentation: 'the logical id', matches: byId },
  {
    name: 'status',
    type: 'token',
    documentation: 'booked, fulfilled, cancelled or noshow',
    matches: byCode((appointment) => appointment.status),
  },
  {
    name: 'date',
    type: 'date',
    documentation: 'when the appointment starts',
    matches: byInstant((appointment) => appointment.start),
  },
];

/**
 * Appointment: the patient's appointments, past and upcoming, whatever their status, by start; read
 * by id and searched by patient through the patient gate (R4 gives Appointment no `subject`).
 */
export function appointmentModule(parts: RecordPartService): ResourceModule<Appointment> {
  return {
    type: 'Appointment',
    searchParams: SEARCH_PARAMS,
    sortable: [],
    async read({ principal, origin }, id) {
      const { patientId, appointment } = await parts.appointment(principal, id, origin);
      return appointmentToFhir(patientId, appointment);
    },
    async search({ principal, origin }, request) {
      const patientId = patientOfSearch(request, 'Appointment');
      const appointments = await parts.appointments(principal, patientId, origin);
      const resources = appointments.map((appointment) => appointmentToFhir(patientId, appointment));
      return searchWithin(resources, request, SEARCH_PARAMS);
    },
  };
}
