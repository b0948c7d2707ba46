import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PatientEverythingService } from '../../domain/record/patient-everything.ts';
import { createBundleProcessor, type Atomically } from '../../fhir/exchange/bundle-processor.ts';
import { everythingBundle } from '../../fhir/exchange/patient-everything-bundle.ts';
import type { FhirCaller, ResourceModule } from '../../fhir/resource-module.ts';
import { fhirBase, sendResource } from './fhir-reply.ts';

/** What the exchange needs: the unit of work of transactions and the whole-record read. */
export interface FhirExchange {
  readonly atomically: Atomically;
  readonly everything: PatientEverythingService;
}

/** A Bundle of MAX_BUNDLE_ENTRIES synthetic records weighs a few MiB; the server's 1 MiB is for one resource. */
const BUNDLE_BODY_LIMIT = 32 * 1024 * 1024;

/**
 * The exchange routes of the FHIR API: transaction and batch Bundles at the base URL (R4 3.1.0.11),
 * dispatched to the modules' own create and update handlers, and `Patient/$everything`.
 */
export function registerExchangeRoutes(
  app: FastifyInstance,
  modules: readonly ResourceModule[],
  exchange: FhirExchange,
  caller: (request: FastifyRequest) => FhirCaller,
) {
  const bundles = createBundleProcessor(modules, exchange.atomically);
  app.post('/', { bodyLimit: BUNDLE_BODY_LIMIT }, async (request, reply) =>
    sendResource(reply, 200, await bundles.process(caller(request), request.body)),
  );
  app.get<{ Params: { id: string } }>('/Patient/:id/$everything', async (request, reply) => {
    const { principal, origin } = caller(request);
    const everything = await exchange.everything.read(principal, request.params.id, origin);
    return sendResource(reply, 200, everythingBundle(fhirBase(request), everything));
  });
}
