import type { RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import { EVENT_OF_ENTRY, summaryOf, validateClinicalEntry } from '../record/clinical-entry.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { NewId } from '../shared/new-id.ts';
import type { Stay } from '../stays/stay.ts';
import {
  DISCHARGE_LETTER_LOINC,
  letterProblems,
  letterStatus,
  looksLikePdf,
  missingPartsOf,
  type LetterStatus,
  type StructuredLetter,
} from './discharge-letter.ts';
import type {
  DischargeLetterStore,
  LetterDocument,
  LetterRenderer,
  StoredLetter,
} from './discharge-ports.ts';
import type { StayGate, StayScope } from './stay-gate.ts';

/** A stay's letter as the letter panel shows it, with what the caller may do. */
export interface LetterView {
  readonly stay: Stay;
  readonly letter: StoredLetter | null;
  readonly status: LetterStatus;
  readonly canWrite: boolean;
  readonly canAcknowledge: boolean;
}

const LETTER = { resource: 'discharge-letter' } as const;

/**
 * The lettre de liaison of a stay: the hospital (or a care-team member) sends it structured or as a
 * PDF, Relais renders the structured form to PDF and stores it as the record's document, marks the
 * parts the rule requires that are missing, and the GP acknowledges it.
 */
export function createDischargeLetterService(deps: {
  gate: StayGate;
  store: DischargeLetterStore;
  renderer: LetterRenderer;
  clock: Clock;
  newId: NewId;
}) {
  const { gate, store, renderer, clock, newId } = deps;

  /** Writes a new version of the stay's letter with its document and events. */
  const save = async (
    scope: StayScope,
    kind: StoredLetter['kind'],
    content: StructuredLetter | null,
    document: LetterDocument['entry'],
  ): Promise<StoredLetter> => {
    const previous = await store.find(scope);
    const at = clock();
    const actorAccountId = scope.principal.accountId;
    const letter: StoredLetter = {
      id: previous?.id ?? newId(),
      stayId: scope.stayId,
      kind,
      content,
      documentId: newId(),
      missingParts: content === null ? [] : missingPartsOf(content),
      receivedAt: at,
      authorPractitionerId: scope.principal.kind === 'professional' ? scope.principal.practitionerId : null,
      acknowledgedBy: null,
      acknowledgedAt: null,
      version: (previous?.version ?? 0) + 1,
    };
    const event = (type: DomainEvent['type'], payload: DomainEvent['payload']): DomainEvent => ({
      id: newId(),
      type,
      patientId: scope.patientId,
      actorAccountId,
      occurredAt: at,
      payload,
    });
    await store.save(
      scope,
      letter,
      { id: letter.documentId, entry: document },
      [
        event(EVENT_OF_ENTRY.document, { ...summaryOf(document), entryId: letter.documentId }),
        event('discharge-letter.received', {
          stayId: letter.stayId,
          letterId: letter.id,
          documentId: letter.documentId,
          kind,
          complete: kind === 'structured' && letter.missingParts.length === 0,
          missingParts: letter.missingParts.length,
          version: letter.version,
        }),
      ],
      previous?.version ?? null,
    );
    return letter;
  };

  const requireWriter = (principal: Principal): void => {
    if (principal.kind !== 'professional')
      throw new DomainError('forbidden', 'a discharge letter is written by a professional');
  };

  return {
    /** The stay's letter and its status. Errors: `not-found`, `forbidden`. */
    async read(
      principal: Principal,
      patientId: string,
      stayId: string,
      origin: RequestOrigin,
    ): Promise<LetterView> {
      const { stay, scope } = await gate.open(
        principal,
        patientId,
        stayId,
        { action: 'read', ...LETTER },
        origin,
      );
      const letter = await store.find(scope);
      return {
        stay,
        letter,
        status: letterStatus(letter),
        canWrite: principal.kind === 'professional',
        canAcknowledge:
          principal.kind === 'professional' &&
          scope.via === 'care-team' &&
          letter !== null &&
          letter.acknowledgedAt === null,
      };
    },

    /**
     * Takes a structured letter, renders it to PDF and stores both. A letter missing parts is kept and
     * marked incomplete. Errors: `invalid-input` (malformed parts), `not-found`, `forbidden`, `conflict`.
     */
    async submitStructured(
      principal: Principal,
      patientId: string,
      stayId: string,
      content: StructuredLetter,
      origin: RequestOrigin,
    ): Promise<StoredLetter> {
      requireWriter(principal);
      const problems = letterProblems(content);
      if (problems.length > 0)
        throw new DomainError('invalid-input', `invalid letter: ${problems.join('; ')}`, problems);
      const { stay, scope } = await gate.open(
        principal,
        patientId,
        stayId,
        { action: 'write', ...LETTER },
        origin,
      );
      const pdf = await renderer.render(content, { facility: stay.facility, generatedAt: clock() });
      return save(scope, 'structured', content, letterDocument(pdf, stay));
    },

    /**
     * Takes the hospital's own PDF; its content is not checked. Errors: `invalid-input` (not a PDF,
     * empty, larger than the record's document limit), `not-found`, `forbidden`, `conflict`.
     */
    async uploadPdf(
      principal: Principal,
      patientId: string,
      stayId: string,
      content: Uint8Array,
      origin: RequestOrigin,
    ): Promise<StoredLetter> {
      requireWriter(principal);
      if (!looksLikePdf(content))
        throw new DomainError('invalid-input', 'contentBase64 is not a PDF file (it must start with %PDF-)');
      const { stay, scope } = await gate.open(
        principal,
        patientId,
        stayId,
        { action: 'write', ...LETTER },
        origin,
      );
      const document = letterDocument(content, stay);
      validateClinicalEntry(document, clock());
      return save(scope, 'pdf', null, document);
    },

    /**
     * The GP (a care-team member) says they have read the letter; saying it twice changes nothing.
     * Errors: `not-found` (no stay, or no letter yet), `forbidden`.
     */
    async acknowledge(
      principal: Principal,
      patientId: string,
      stayId: string,
      origin: RequestOrigin,
    ): Promise<void> {
      if (principal.kind !== 'professional')
        throw new DomainError('forbidden', 'a discharge letter is acknowledged by a professional');
      const purpose = { action: 'write', resource: 'discharge-letter-acknowledgement' } as const;
      const { scope } = await gate.open(principal, patientId, stayId, purpose, origin);
      const letter = await store.find(scope);
      if (letter === null) throw new DomainError('not-found', 'this stay has no discharge letter yet');
      if (letter.acknowledgedAt !== null) return;
      const at = clock();
      await store.acknowledge(scope, letter, principal.practitionerId, at, {
        id: newId(),
        type: 'discharge-letter.acknowledged',
        patientId,
        actorAccountId: principal.accountId,
        occurredAt: at,
        payload: { stayId, letterId: letter.id, version: letter.version },
      });
    },

    /** The letter's PDF. Errors: `not-found` (no stay, or no letter yet), `forbidden`. */
    async readPdf(principal: Principal, patientId: string, stayId: string, origin: RequestOrigin) {
      const { scope } = await gate.open(principal, patientId, stayId, { action: 'read', ...LETTER }, origin);
      const pdf = await store.readPdf(scope);
      if (pdf === undefined) throw new DomainError('not-found', 'this stay has no discharge letter yet');
      return pdf;
    },
  };
}

export type DischargeLetterService = ReturnType<typeof createDischargeLetterService>;

function letterDocument(content: Uint8Array, stay: Stay): LetterDocument['entry'] {
  const day = (stay.dischargedAt ?? stay.admittedAt).toISOString().slice(0, 10);
  return {
    kind: 'document',
    typeCode: DISCHARGE_LETTER_LOINC,
    title: `Lettre de liaison de sortie du ${day}`,
    mimeType: 'application/pdf',
    content,
  };
}
