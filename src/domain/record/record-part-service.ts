import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import { DomainError } from '../shared/domain-error.ts';
import { ownerOf, type RecordPart, type RecordPartOwners, type RecordPartReader } from './record-parts.ts';
import type { RecordService } from './record-service.ts';

/**
 * The record one part at a time (care team, documents, appointments, stays), as the FHIR API serves
 * it: each read opens the patient gate (audited) for its part; a part named by its id alone is first
 * looked up for its patient, whose gate then decides. A document of a category hidden from the caller
 * is refused (and the refusal audited), as the record's document read does.
 */
export function createRecordPartService(deps: {
  access: PatientAccess;
  owners: RecordPartOwners;
  reader: RecordPartReader;
  readDocument: RecordService['readDocument'];
}) {
  const { access, owners, reader } = deps;
  const read = <T>(
    principal: Principal,
    patientId: string,
    resource: string,
    origin: RequestOrigin,
    readWith: (scope: PatientScope) => Promise<T>,
  ) => {
    return access.read(principal, patientId, { action: 'read', resource }, origin, readWith);
  };

  const found = <T>(part: RecordPart, id: string, value: T | undefined): T => {
    if (value === undefined) throw new DomainError('not-found', `no ${part} with id ${id}`);
    return value;
  };
  // Stays are followed by professionals, as the record's stay pages are (patients are refused first).
  const professional = (principal: Principal) => {
    if (principal.kind !== 'professional')
      throw new DomainError('forbidden', 'stays are followed by the care team');
    return principal;
  };

  return {
    /** The running care team. Errors: `not-found`, `forbidden`. */
    careTeam: (principal: Principal, patientId: string, origin: RequestOrigin) =>
      read(principal, patientId, 'care-team', origin, (scope) => reader.careTeam(scope)),

    /** The documents the caller may see. Errors: `not-found`, `forbidden`. */
    documents: (principal: Principal, patientId: string, origin: RequestOrigin) =>
      read(principal, patientId, 'document', origin, (scope) => reader.documents(scope)),

    /** One document's description, with its patient. Errors: `not-found`, `forbidden` (hidden category too). */
    async document(principal: Principal, documentId: string, origin: RequestOrigin) {
      const patientId = await ownerOf(owners, 'document', documentId);
      const scope = await access.open(principal, patientId, { action: 'read', resource: 'document' }, origin);
      const document = found('document', documentId, await reader.document(scope, documentId));
      await access.requireCategory(scope, document.category, origin);
      return { patientId, document };
    },

    /** One document's bytes, as the record's document read gives them. Errors: `not-found`, `forbidden`. */
    async documentContent(principal: Principal, documentId: string, origin: RequestOrigin) {
      const patientId = await ownerOf(owners, 'document', documentId);
      return deps.readDocument(principal, patientId, documentId, origin);
    },

    /** Every appointment. Errors: `not-found`, `forbidden`. */
    appointments: (principal: Principal, patientId: string, origin: RequestOrigin) =>
      read(principal, patientId, 'appointment', origin, (scope) => reader.appointments(scope)),

    /** One appointment, with its patient. Errors: `not-found`, `forbidden`. */
    async appointment(principal: Principal, appointmentId: string, origin: RequestOrigin) {
      const patientId = await ownerOf(owners, 'appointment', appointmentId);
      const appointment = await read(principal, patientId, 'appointment', origin, (scope) =>
        reader.appointment(scope, appointmentId),
      );
      return { patientId, appointment: found('appointment', appointmentId, appointment) };
    },

    /** The hospital stays. Errors: `not-found`, `forbidden` (patients too). */
    stays: (principal: Principal, patientId: string, origin: RequestOrigin) =>
      read(professional(principal), patientId, 'stay', origin, (scope) => reader.stays(scope)),

    /** One stay. Errors: `not-found`, `forbidden` (patients too). */
    async stay(principal: Principal, stayId: string, origin: RequestOrigin) {
      professional(principal);
      const patientId = await ownerOf(owners, 'stay', stayId);
      const stay = await read(principal, patientId, 'stay', origin, (scope) => reader.stay(scope, stayId));
      return found('stay', stayId, stay);
    },
  };
}

export type RecordPartService = ReturnType<typeof createRecordPartService>;
