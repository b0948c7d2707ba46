import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import { auditEntryFor } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import { validatePatientIdentity, type PatientIdentityInput } from '../identity/patient-registration.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isoDate, type Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import { EVENT_OF_ENTRY, summaryOf, validateClinicalEntry, type ClinicalEntry } from './clinical-entry.ts';
import type { CoordinationRecord, PatientSearchHit, PortalSummary } from './coordination-record.ts';
import { withInsSharingRule } from './ins-sharing.ts';
import { auditSearchHits } from './search-audit.ts';
import { parsePatientQuery } from './patient-query.ts';
import { FIRST_IDENTITY_VERSION, type VersionedIdentity } from './patient-versions.ts';
import type { NewPatient, PatientFinder, RecordReader, RecordWriter } from './record-ports.ts';

/** A registration: the identity and the first entries (care team, problems, treatments…). */
export interface PatientRegistration {
  readonly identity: PatientIdentityInput;
  readonly entries: readonly ClinicalEntry[];
}

/** Who writes: a signed-in professional, or the system itself (demo seeding, imports). */
export type Writer =
  { readonly kind: 'principal'; readonly principal: Principal } | { readonly kind: 'system' };

export const SEARCH_LIMIT = 50;

/** The coordination record's use cases; each goes through the access gate and the audit trail. */
export function createRecordService(deps: {
  access: PatientAccess;
  audit: AuditTrail;
  reader: RecordReader;
  finder: PatientFinder;
  writer: RecordWriter;
  clock: Clock;
  newId: NewId;
}) {
  const { access, audit, reader, finder, writer, clock, newId } = deps;

  return {
    /** Opens a patient's record. Errors: `not-found`, `forbidden`. */
    async readRecord(
      principal: Principal,
      patientId: string,
      origin: RequestOrigin,
    ): Promise<CoordinationRecord> {
      const purpose = { action: 'read', resource: 'record' } as const;
      const { scope, record } = await access.read(principal, patientId, purpose, origin, async (scope) => ({
        scope,
        record: await reader.readRecord(scope, clock()),
      }));
      const { basis, expiresAt, hiddenCategories } = scope;
      return {
        ...record,
        access: { basis, expiresAt: expiresAt?.toISOString() ?? null, hiddenCategories },
        identity: withInsSharingRule(record.identity),
      };
    },

    /** The signed-in patient's portal summary. Errors: `forbidden` for anyone but a patient. */
    async readPortalSummary(principal: Principal, origin: RequestOrigin): Promise<PortalSummary> {
      if (principal.kind !== 'patient') throw new DomainError('forbidden', 'the portal is for patients');
      const purpose = { action: 'read', resource: 'portal-summary' } as const;
      const scope = await access.open(principal, principal.patientId, purpose, origin);
      return reader.readPortalSummary(scope, clock());
    },

    /** A document's content. Errors: `not-found` (patient or document), `forbidden`. */
    async readDocument(principal: Principal, patientId: string, documentId: string, origin: RequestOrigin) {
      const scope = await access.open(principal, patientId, { action: 'read', resource: 'document' }, origin);
      const document = await reader.readDocument(scope, documentId);
      if (document === undefined) throw new DomainError('not-found', `no document with id ${documentId}`);
      await access.requireCategory(scope, document.category, origin);
      return document;
    },

    /**
     * Searches the patients within the professional's reach; every hit is audited.
     * Errors: `invalid-input` (query too short), `forbidden` (patients cannot search).
     */
    async searchPatients(
      principal: Principal,
      text: string,
      origin: RequestOrigin,
    ): Promise<PatientSearchHit[]> {
      if (principal.kind !== 'professional')
        throw new DomainError('forbidden', 'only professionals search patients');
      const hits = await finder.search(principal.practitionerId, parsePatientQuery(text), SEARCH_LIMIT);
      await auditSearchHits(
        audit,
        principal,
        hits.map((hit) => hit.patientId),
        origin,
        clock(),
      );
      return hits;
    },

    /**
     * Registers patients in one transaction, and answers each one's first identity version as written.
     * A professional must be in each care team they create (or they would lose sight of the patient at
     * once). Errors: `invalid-input`, `conflict` (INS taken).
     */
    async registerPatients(
      by: Writer,
      registrations: readonly PatientRegistration[],
      origin: RequestOrigin,
    ): Promise<VersionedIdentity[]> {
      const now = clock();
      const actorAccountId = by.kind === 'principal' ? by.principal.accountId : null;
      const patients = registrations.map((registration) => {
        const patient = newPatient(registration, { now, actorAccountId, newId });
        if (by.kind === 'principal') requireCreatorInTeam(by.principal, registration.entries);
        return patient;
      });
      await writer.registerPatients(patients);
      if (by.kind === 'principal') {
        const purpose = { action: 'write', resource: 'patient-registration' } as const;
        const allowed = {
          outcome: 'allowed',
          reason: 'registered by this professional',
          role: null,
        } as const;
        await audit.append(
          patients.map((p) => auditEntryFor(by.principal, p.patientId, purpose, origin, now, allowed)),
        );
      }
      return patients.map(({ patientId, identity }) => ({
        patientId,
        versionId: FIRST_IDENTITY_VERSION,
        lastUpdated: now,
        identity,
      }));
    },

    /**
     * Adds one entry to a patient's record, and answers its id and when it was written.
     * Errors: `invalid-input`, `not-found`, `forbidden`.
     */
    async addEntry(
      principal: Principal,
      patientId: string,
      entry: ClinicalEntry,
      origin: RequestOrigin,
    ): Promise<{ id: string; recordedAt: Date }> {
      const now = clock();
      validateClinicalEntry(entry, now);
      const category = entry.kind === 'document' ? (entry.category ?? undefined) : undefined;
      const purpose = { action: 'write', resource: entry.kind, ...(category && { category }) } as const;
      const scope = await access.open(principal, patientId, purpose, origin);
      const id = newId();
      await writer.addEntry(
        scope,
        id,
        entry,
        eventOf(id, entry, patientId, { now, actorAccountId: principal.accountId, newId }),
      );
      return { id, recordedAt: now };
    },
  };
}

export type RecordService = ReturnType<typeof createRecordService>;

/** When, by whom, and how ids are made, for the events a write appends. */
interface WriteContext {
  readonly now: Date;
  readonly actorAccountId: string | null;
  readonly newId: NewId;
}

function newPatient(registration: PatientRegistration, context: WriteContext): NewPatient {
  const { now, actorAccountId, newId } = context;
  const identity = validatePatientIdentity(registration.identity, isoDate(now));
  const patientId = newId();
  for (const entry of registration.entries) validateClinicalEntry(entry, now);
  const registered: DomainEvent = {
    id: newId(),
    type: 'patient.registered',
    patientId,
    actorAccountId,
    occurredAt: now,
    payload: { identityStatus: identity.identityStatus },
  };
  const entries = registration.entries.map((entry) => ({ id: newId(), entry }));
  return {
    patientId,
    identity,
    entries,
    events: [registered, ...entries.map(({ id, entry }) => eventOf(id, entry, patientId, context))],
  };
}

/** The entry's event; `entryId` lets journal consumers (pathway evidence) read the entry itself. */
function eventOf(
  entryId: string,
  entry: ClinicalEntry,
  patientId: string,
  context: WriteContext,
): DomainEvent {
  const { now, actorAccountId, newId } = context;
  return {
    id: newId(),
    type: EVENT_OF_ENTRY[entry.kind],
    patientId,
    actorAccountId,
    occurredAt: now,
    payload: { ...summaryOf(entry), entryId },
  };
}

function requireCreatorInTeam(principal: Principal, entries: readonly ClinicalEntry[]): void {
  if (principal.kind !== 'professional')
    throw new DomainError('forbidden', 'only professionals register patients');
  const inTeam = entries.some(
    (entry) => entry.kind === 'care-team-member' && entry.practitionerId === principal.practitionerId,
  );
  if (!inTeam) {
    throw new DomainError('invalid-input', 'add yourself to the care team of the patient you register');
  }
}
