import type { Stay } from '../domain/stays/stay.ts';

/** A stay as the stay, transition and discharge routes show it. */
export function presentStay(stay: Stay) {
  return {
    id: stay.id,
    facility: stay.facility,
    unit: stay.unit,
    attending: stay.attending,
    patientClass: stay.patientClass,
    admissionKind: stay.admissionKind,
    status: stay.status,
    admittedAt: stay.admittedAt.toISOString(),
    dischargedAt: stay.dischargedAt?.toISOString() ?? null,
    dischargeDisposition: stay.dischargeDisposition,
  };
}
