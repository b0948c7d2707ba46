import type { Encounter } from '@medplum/fhirtypes';
import type { AdmissionKind, PatientClass, Stay, StayStatus } from '../../domain/stays/stay.ts';
import { concept, reference } from './fhir-mapping.ts';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ACT_PRIORITY = 'http://terminology.hl7.org/CodeSystem/v3-ActPriority';
const PARTICIPATION_TYPE = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

const STATUS: Readonly<Record<StayStatus, Encounter['status']>> = {
  admitted: 'in-progress',
  discharged: 'finished',
  cancelled: 'cancelled',
};

const CLASS: Readonly<Record<PatientClass, { readonly code: string; readonly display: string }>> = {
  inpatient: { code: 'IMP', display: 'inpatient encounter' },
  outpatient: { code: 'AMB', display: 'ambulatory' },
  emergency: { code: 'EMER', display: 'emergency' },
};

const PRIORITY: Readonly<
  Record<Exclude<AdmissionKind, 'unknown'>, { readonly code: string; readonly display: string }>
> = {
  emergency: { code: 'EM', display: 'emergency' },
  urgent: { code: 'UR', display: 'urgent' },
  elective: { code: 'EL', display: 'elective' },
};

/**
 * A hospital stay, as the hospital's ADT messages told it, as an Encounter: the visit number the
 * sending facility gave it, class, admission priority, dates, the service (or hospital) in charge,
 * the unit and the attending doctor as sent (names: the ADT feed does not say who they are in the
 * directory), and the discharge disposition in words.
 */
export function encounterToFhir(stay: Stay): Encounter {
  const provider = stay.serviceId ?? stay.hospitalId;
  const priority = stay.admissionKind === 'unknown' ? undefined : PRIORITY[stay.admissionKind];
  return {
    resourceType: 'Encounter',
    id: stay.id,
    identifier: [
      {
        value: stay.visitNumber,
        assigner:
          stay.hospitalId === null ? { display: stay.facility } : reference('Organization', stay.hospitalId),
      },
    ],
    status: STATUS[stay.status],
    class: { system: ACT_CODE, ...CLASS[stay.patientClass] },
    ...(priority === undefined ? {} : { priority: concept(ACT_PRIORITY, priority.code, priority.display) }),
    subject: reference('Patient', stay.patientId),
    ...(stay.attending === null
      ? {}
      : {
          participant: [
            {
              type: [concept(PARTICIPATION_TYPE, 'ATND', 'attender')],
              individual: { display: stay.attending },
            },
          ],
        }),
    period: {
      start: stay.admittedAt.toISOString(),
      ...(stay.dischargedAt === null ? {} : { end: stay.dischargedAt.toISOString() }),
    },
    ...(stay.dischargeDisposition === null
      ? {}
      : { hospitalization: { dischargeDisposition: { text: stay.dischargeDisposition } } }),
    ...(stay.unit === null ? {} : { location: [{ location: { display: stay.unit } }] }),
    ...(provider === null ? {} : { serviceProvider: reference('Organization', provider) }),
  };
}
