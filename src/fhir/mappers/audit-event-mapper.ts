import type { AuditEvent } from '@medplum/fhirtypes';
import type { AuditEntry } from '../../domain/audit/audit-entry.ts';
import { concept, reference } from './fhir-mapping.ts';

const EVENT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const DICOM = 'http://dicom.nema.org/resources/ontology/DCM';

/** A read or an export reads; a search, a log-in or an emergency access runs something; a write updates. */
const ACTION: Readonly<Record<AuditEntry['action'], NonNullable<AuditEvent['action']>>> = {
  read: 'R',
  export: 'R',
  search: 'E',
  login: 'E',
  'break-glass': 'E',
  write: 'U',
};

/**
 * One access record of the audit trail as an AuditEvent: what was done (a log-in as DICOM "User
 * Authentication", an emergency access with the purpose "emergency treatment"), when, the outcome
 * (a refusal is a minor failure: the request was turned down, nothing broke) and why, who (the
 * account as an alternative id, their role in the care team, their address) and what was touched (the kind of data, the patient).
 */
export function auditEventToFhir(entry: AuditEntry): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    type:
      entry.action === 'login'
        ? { system: DICOM, code: '110114', display: 'User Authentication' }
        : { system: EVENT_TYPE, code: 'rest', display: 'RESTful Operation' },
    action: ACTION[entry.action],
    recorded: entry.at.toISOString(),
    outcome: entry.outcome === 'allowed' ? '0' : '4',
    outcomeDesc: entry.reason,
    ...(entry.action === 'break-glass'
      ? {
          purposeOfEvent: [
            concept('http://terminology.hl7.org/CodeSystem/v3-ActReason', 'ETREAT', 'emergency treatment'),
          ],
        }
      : {}),
    agent: [
      {
        type: { text: entry.actorKind },
        ...(entry.actorRole === null ? {} : { role: [{ text: entry.actorRole }] }),
        ...(entry.accountId === null ? {} : { altId: entry.accountId }),
        requestor: true,
        ...(entry.clientAddress === null
          ? {}
          : { network: { address: entry.clientAddress, type: '2' as const } }),
      },
    ],
    source: { observer: { display: 'Relais' } },
    // What was touched: the kind of data, and the patient it belongs to when there is one.
    entity: [
      {
        ...(entry.patientId === null
          ? {}
          : {
              what: reference('Patient', entry.patientId),
              type: {
                system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
                code: '1',
                display: 'Person',
              },
              role: {
                system: 'http://terminology.hl7.org/CodeSystem/object-role',
                code: '1',
                display: 'Patient',
              },
            }),
        description: entry.resource,
      },
    ],
  };
}
