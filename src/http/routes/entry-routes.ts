import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import { CreatedId, PatientIdParams } from '../../contracts/common-contracts.ts';
import {
  NewAllergy,
  NewAppointment,
  NewCareTeamMember,
  NewCondition,
  NewDocument,
  NewMedication,
  NewResult,
} from '../../contracts/entry-contracts.ts';
import type { ClinicalEntry } from '../../domain/record/clinical-entry.ts';
import type { RecordService } from '../../domain/record/record-service.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

type Body = Record<string, unknown>;

/** One POST route per kind of entry: its path, body schema and the mapping to the domain entry. */
const ENTRY_ROUTES: readonly {
  path: string;
  summary: string;
  body: TSchema;
  bodyLimit?: number;
  toEntry(body: Body): ClinicalEntry;
}[] = [
  {
    path: 'conditions',
    summary: 'Record a problem',
    body: NewCondition,
    toEntry: (b) => ({ kind: 'condition', ...b }) as ClinicalEntry,
  },
  {
    path: 'medications',
    summary: 'Record a medication',
    body: NewMedication,
    toEntry: (b) => ({ kind: 'medication', ...b }) as ClinicalEntry,
  },
  {
    path: 'allergies',
    summary: 'Record an allergy',
    body: NewAllergy,
    toEntry: (b) => ({ kind: 'allergy', ...b }) as ClinicalEntry,
  },
  {
    path: 'results',
    summary: 'Record a coded result',
    body: NewResult,
    toEntry: (b) => ({ kind: 'result', ...b }) as ClinicalEntry,
  },
  {
    path: 'care-team',
    summary: 'Add a professional to the care team',
    body: NewCareTeamMember,
    toEntry: (b) => ({ kind: 'care-team-member', ...b }) as ClinicalEntry,
  },
  {
    path: 'appointments',
    summary: 'Book an appointment',
    body: NewAppointment,
    toEntry: ({ kind, ...b }) => ({ kind: 'appointment', appointmentKind: kind, ...b }) as ClinicalEntry,
  },
  {
    path: 'documents',
    summary: 'Add a document (content in base64, at most 10 MiB)',
    body: NewDocument,
    bodyLimit: 15 * 1024 * 1024,
    toEntry: ({ contentBase64, ...b }) =>
      ({ kind: 'document', ...b, content: decodeBase64(String(contentBase64)) }) as ClinicalEntry,
  },
];

/** Adds entries to a patient's record; each write goes through the access gate and the journal. */
export const entryRoutes: FastifyPluginCallbackTypebox<{ record: RecordService }> = (
  app,
  { record },
  done,
) => {
  for (const route of ENTRY_ROUTES) {
    app.post(
      `/api/patients/:patientId/${route.path}`,
      {
        schema: {
          tags: ['patients'],
          summary: route.summary,
          params: PatientIdParams,
          body: route.body,
          response: { 201: CreatedId, ...problemResponses(400, 401, 403, 404, 409, 413) },
        },
        ...(route.bodyLimit === undefined ? {} : { bodyLimit: route.bodyLimit }),
      },
      async (request, reply) => {
        const entry = route.toEntry(request.body as Body);
        const { id } = await record.addEntry(
          principalOf(request),
          request.params.patientId,
          entry,
          originOf(request),
        );
        return reply.code(201).send({ id });
      },
    );
  }
  done();
};

// Strict base64: Buffer.from silently skips bad characters, which would store a corrupted file.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !BASE64.test(text))
    throw new DomainError('invalid-input', 'contentBase64 is not valid base64');
  return Buffer.from(text, 'base64');
}
