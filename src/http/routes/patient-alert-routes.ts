import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { NoContent, PatientIdParams } from '../../contracts/common-contracts.ts';
import { AlertParams, PatientAlertList, TargetBody, TargetParams } from '../../contracts/rules-contracts.ts';
import type { PatientTargetService } from '../../domain/record/patient-target-service.ts';
import type { PatientAlertService } from '../../domain/rules/patient-alert-service.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';
import { presentAlert } from '../rules-presenter.ts';

/** A patient's alerts and suggestions from the coordination rules, and the targets rules compare with. */
export const patientAlertRoutes: FastifyPluginCallbackTypebox<{
  alerts: PatientAlertService;
  targets: PatientTargetService;
}> = (app, { alerts, targets }, done) => {
  const config = { audience: 'professional' } as const;

  app.get(
    '/api/patients/:patientId/alerts',
    {
      schema: {
        tags: ['patients'],
        summary: 'Open alerts and suggestions raised by the coordination rules, each with its reason',
        params: PatientIdParams,
        response: { 200: PatientAlertList, ...problemResponses(400, 401, 403, 404) },
      },
      config,
    },
    async (request) => {
      const items = await alerts.list(principalOf(request), request.params.patientId, originOf(request));
      return { items: items.map(presentAlert) };
    },
  );

  app.post(
    '/api/patients/:patientId/alerts/:alertId/dismiss',
    {
      schema: {
        tags: ['patients'],
        summary: 'Dismiss an alert or suggestion',
        params: AlertParams,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 409) },
      },
      config,
    },
    async (request, reply) => {
      const { patientId, alertId } = request.params;
      await alerts.dismiss(principalOf(request), patientId, alertId, originOf(request));
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/patients/:patientId/targets/:name',
    {
      schema: {
        tags: ['patients'],
        summary: "Set one of the patient's clinical targets (e.g. hba1c), which rules compare results with",
        params: TargetParams,
        body: TargetBody,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404) },
      },
      config,
    },
    async (request, reply) => {
      const { patientId, name } = request.params;
      await targets.setTarget(
        principalOf(request),
        patientId,
        { name, value: request.body.value, unit: request.body.unit },
        originOf(request),
      );
      return reply.code(204).send();
    },
  );
  done();
};
