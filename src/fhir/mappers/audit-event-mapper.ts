import type { AuditEvent } from '@medplum/fhirtypes';
import type { AuditEntry } from '../../domain/audit/audit-entry.ts';
import { AUDIT_ACTIONS } from '../../domain/audit/audit-log-filter.ts';
import type { AuditLogRow } from '../../domain/audit/audit-log-service.ts';
import { concept, reference } from './fhir-mapping.ts';

const EVENT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const DICOM = 'http://dicom.nema.org/resources/ontology/DCM';
/** Accounts have no FHIR resource: the agent names one by its id as a URI (`urn:uuid:<id>`). */
export const URI_SYSTEM = 'urn:ietf:rfc:3986';

/** A read or an export reads; a search, a log-in or an emergency access runs something; a write updates. */
const ACTION: Readonly<Record<AuditEntry['action'], NonNullable<AuditEvent['action']>>> = {
  read: 'R',
  export: 'R',
  search: 'E',
  login: 'E',
  'break-glass': 'E',
  write: 'U',
};

/** The action codes of R4 that stand for each of the trail's actions (the inverse of the table above). */
export function auditActionsOf(code: NonNullable<AuditEvent['action']>): AuditEntry['action'][] {
  return AUDIT_ACTIONS.filter((action) => ACTION[action] === code);
}

/**
 * One access record of the audit trail, as the DPO reads it, as an AuditEvent (its id the entry's
 * sequence number): what was done (a log-in as DICOM "User Authentication", an emergency access with
 * the purpose "emergency treatment"), when, the outcome (a refusal is a minor failure: the request was
 * turned down, nothing broke) and why, who (the account by its id, its log-in as the alternative id
 * R4 keeps for the authentication system's user id, the practitioner's name, their role in the care
 * team, their address) and what was touched (the kind of data, of each patient: a search names all
 * it found).
 */
export function auditEventToFhir(entry: AuditLogRow): AuditEvent {
  const { actor } = entry;
  const shownAs = actor.name ?? actor.login;
  return {
    resourceType: 'AuditEvent',
    id: entry.seq,
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
        type: { text: actor.kind },
        ...(entry.role === null ? {} : { role: [{ text: entry.role }] }),
        ...(actor.accountId === null
          ? {}
          : {
              who: {
                identifier: { system: URI_SYSTEM, value: `urn:uuid:${actor.accountId}` },
                ...(shownAs === null ? {} : { display: shownAs }),
              },
            }),
        ...(actor.login === null ? {} : { altId: actor.login }),
        ...(actor.name === null ? {} : { name: actor.name }),
        requestor: true,
        ...(entry.clientAddress === null
          ? {}
          : { network: { address: entry.clientAddress, type: '2' as const } }),
      },
    ],
    source: { observer: { display: 'Relais' } },
    // What was touched: the kind of data, of each patient it belongs to when there are any.
    entity:
      entry.patientIds.length === 0
        ? [{ description: entry.resource }]
        : entry.patientIds.map((patientId) => ({
            what: reference('Patient', patientId),
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
            description: entry.resource,
          })),
  };
}
