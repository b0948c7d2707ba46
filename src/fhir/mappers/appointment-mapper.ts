import type { Appointment as FhirAppointment, AppointmentParticipant } from '@medplum/fhirtypes';
import type { Appointment } from '../../domain/record/coordination-record.ts';
import type { AppointmentStatus } from '../../domain/record/record-parts.ts';
import { reference } from './fhir-mapping.ts';

/** The record's kinds of appointment, in words (no standard code set tells them apart). */
const KIND_WORDS: Readonly<Record<Appointment['kind'], string>> = {
  consultation: 'Consultation',
  exam: 'Examen',
  teleconsultation: 'Téléconsultation',
  home_visit: 'Visite à domicile',
};

/**
 * An appointment of the record as an Appointment: when, what kind, why, the patient's instructions,
 * and who and where as the record names them (the view gives names, not directory ids). Its status
 * (the record's are R4's codes) is booked when not given, as for the record's upcoming appointments.
 */
export function appointmentToFhir(
  patientId: string,
  appointment: Appointment & { readonly status?: AppointmentStatus },
): FhirAppointment {
  const others: AppointmentParticipant[] = [appointment.with, appointment.place].flatMap((display) =>
    display === null ? [] : [{ actor: { display }, status: 'accepted' as const }],
  );
  return {
    resourceType: 'Appointment',
    id: appointment.id,
    status: appointment.status ?? 'booked',
    appointmentType: { text: KIND_WORDS[appointment.kind] },
    description: appointment.reason,
    start: appointment.startsAt,
    end: appointment.endsAt,
    ...(appointment.instructions === null ? {} : { patientInstruction: appointment.instructions }),
    participant: [{ actor: reference('Patient', patientId), status: 'accepted' }, ...others],
  };
}
