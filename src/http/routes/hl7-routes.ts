import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireAdtSender } from '../../domain/adt-inbox/adt-sender-policy.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import type { AdtIntake } from '../../integrations/hl7/adt-intake.ts';
import { principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

const HL7_MEDIA_TYPE = 'application/hl7-v2';

/**
 * HL7 v2 ADT over HTTP: the same intake as the MLLP listener. The ACK is the answer whatever its
 * code (AE and AR are 200 too: the ACK carries the outcome); only a body that is not HL7 v2 is a 400.
 */
export const hl7Routes: FastifyPluginCallbackTypebox<{ intake: AdtIntake }> = (app, { intake }, done) => {
  // text/plain is parsed as a string by Fastify already; the HL7 media type is added here only.
  app.addContentTypeParser(HL7_MEDIA_TYPE, { parseAs: 'string' }, (_request, body, parsed) => {
    parsed(null, body);
  });

  app.post(
    '/api/hl7/messages',
    {
      schema: {
        tags: ['hl7'],
        summary:
          'Take in an HL7 v2 ADT message (er7, segments separated by CR or LF); answers its ACK (AA once stored, AE, AR). Administrator accounts only.',
        consumes: [HL7_MEDIA_TYPE, 'text/plain'],
        response: {
          200: { description: 'the ACK (er7)', content: { [HL7_MEDIA_TYPE]: { schema: Type.String() } } },
          ...problemResponses(400, 401, 403),
        },
      },
      config: { audience: 'professional' },
    },
    async (request, reply) => {
      requireAdtSender(principalOf(request));
      if (typeof request.body !== 'string')
        throw new DomainError('invalid-input', `send the message as ${HL7_MEDIA_TYPE} or text/plain`);
      const ack = await intake.receiveText(request.body);
      return reply.type(HL7_MEDIA_TYPE).send(ack);
    },
  );
  done();
};
