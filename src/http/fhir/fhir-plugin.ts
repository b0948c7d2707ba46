import type { Resource } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { historyBundle, searchsetBundle } from '../../fhir/bundle.ts';
import { capabilityStatement } from '../../fhir/capability-statement.ts';
import { badRequest, FhirError, issue } from '../../fhir/fhir-error.ts';
import { operationOutcome } from '../../fhir/operation-outcome.ts';
import type { FhirCaller, ResourceModule } from '../../fhir/resource-module.ts';
import { includedResources } from '../../fhir/included-resources.ts';
import { parseIncludes } from '../../fhir/search/search-includes.ts';
import { parseSearchRequest } from '../../fhir/search/search-request.ts';
import { originOf, principalOf } from '../authentication.ts';
import { sendDocument } from '../document-reply.ts';
import { answersRawBinary, binaryContent } from './binary-reply.ts';
import { handleFhirError } from './fhir-errors.ts';
import { registerExchangeRoutes, type FhirExchange } from './fhir-exchange-routes.ts';
import { fhirBase, sendResource } from './fhir-reply.ts';

export const FHIR_PREFIX = '/fhir/R4';

type IdParams = { id: string };
type VersionParams = { id: string; vid: string };
type Query = Record<string, string | string[] | undefined>;

/**
 * The FHIR R4 API, registered under /fhir/R4: JSON bodies as application/fhir+json or
 * application/json, every refusal an OperationOutcome, the routes of each module of the registry and
 * the CapabilityStatement that lists them. Authentication is the server's (bearer or cookie with CSRF).
 */
export function fhirPlugin(
  app: FastifyInstance,
  options: {
    modules: readonly ResourceModule[];
    software: { name: string; version: string };
    exchange: FhirExchange;
  },
  done: (error?: Error) => void,
) {
  app.setErrorHandler(handleFhirError);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/fhir+json', 'application/json'],
    { parseAs: 'string' },
    (_request, body, parsed) => {
      const text = String(body);
      // No body (a DELETE or GET sent with the header) is no resource: the route says if it needs one.
      if (text.trim() === '') {
        parsed(null, undefined);
        return;
      }
      try {
        parsed(null, JSON.parse(text));
      } catch {
        parsed(new FhirError(400, [issue('structure', 'the body is not valid JSON')]), undefined);
      }
    },
  );
  const paths: RegExp[] = [];
  app.addHook('onRoute', (route) => {
    const literal = route.url.replace(/[$.]/g, '\\$&');
    paths.push(new RegExp(`^${literal.replace(/:[^/]+/g, '[^/]+')}$`));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const known = paths.some((pattern) => pattern.test(path));
    return sendResource(
      reply,
      known ? 405 : 404,
      operationOutcome([
        known
          ? issue('not-supported', `${request.method} is not supported on ${path}`)
          : issue('not-found', `no FHIR endpoint ${request.method} ${path}`),
      ]),
    );
  });

  const caller = (request: FastifyRequest): FhirCaller => ({
    principal: principalOf(request),
    origin: originOf(request),
  });

  app.get('/metadata', { config: { audience: 'public' } }, (request, reply) =>
    sendResource(
      reply,
      200,
      capabilityStatement(options.modules, {
        baseUrl: fhirBase(request),
        date: new Date().toISOString(),
        software: options.software,
      }),
    ),
  );

  for (const module of options.modules) registerModule(app, module, options.modules, caller);
  registerExchangeRoutes(app, options.modules, options.exchange, caller);
  done();
}

function registerModule(
  app: FastifyInstance,
  module: ResourceModule,
  modules: readonly ResourceModule[],
  caller: (request: FastifyRequest) => FhirCaller,
) {
  const { type } = module;
  const { read, vread, history, search, create, update } = module;
  if (read !== undefined)
    app.get<{ Params: IdParams }>(`/${type}/:id`, async (request, reply) => {
      const resource = await read(caller(request), request.params.id);
      if (answersRawBinary(resource, request)) return sendDocument(reply, binaryContent(resource));
      return sendResource(reply, 200, resource);
    });
  if (vread !== undefined)
    app.get<{ Params: VersionParams }>(`/${type}/:id/_history/:vid`, async (request, reply) =>
      sendResource(reply, 200, await vread(caller(request), request.params.id, request.params.vid)),
    );
  if (history !== undefined)
    app.get<{ Params: IdParams }>(`/${type}/:id/_history`, async (request, reply) => {
      const versions = await history(caller(request), request.params.id);
      return sendResource(reply, 200, historyBundle(`${fhirBase(request)}/${type}`, versions));
    });
  if (search !== undefined)
    app.get<{ Querystring: Query }>(`/${type}`, async (request, reply) => {
      const { _include, ...parameters } = request.query;
      const includes = parseIncludes(_include, type, module.includes ?? []);
      const asked = parseSearchRequest(parameters, module.searchParams, module.sortable);
      const asker = caller(request);
      const found = await search(asker, asked);
      const included = await includedResources(found.resources, includes, modules, asker);
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      for (const paging of ['_count', '_offset']) query.delete(paging);
      const bundle = searchsetBundle(fhirBase(request), type, query, asked, found, included);
      return sendResource(reply, 200, bundle);
    });
  if (create !== undefined)
    app.post(`/${type}`, async (request, reply) => {
      const resource = resourceOf(request.body, type);
      const ifNoneExist = headerOf(request, 'if-none-exist');
      const result = await create(caller(request), resource, ifNoneExist);
      const { id = '', meta } = result.resource;
      // An unversioned type (entries written once) is located by its id alone.
      const version = meta?.versionId === undefined ? '' : `/_history/${meta.versionId}`;
      const location = `${fhirBase(request)}/${type}/${id}${version}`;
      if (result.created) reply.header('location', location);
      return sendResource(reply, result.created ? 201 : 200, result.resource);
    });
  if (update !== undefined)
    app.put<{ Params: IdParams }>(`/${type}/:id`, async (request, reply) => {
      const resource = resourceOf(request.body, type);
      const updated = await update(
        caller(request),
        request.params.id,
        resource,
        headerOf(request, 'if-match'),
      );
      return sendResource(reply, 200, updated);
    });
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The body as a resource of the route's type; 400 when it is not one. */
function resourceOf(body: unknown, type: string): Resource {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest(`the body must be a ${type} resource (a JSON object)`);
  const resourceType = (body as { resourceType?: unknown }).resourceType;
  if (resourceType !== type)
    throw badRequest(
      `resourceType must be '${type}' on this endpoint, got ${JSON.stringify(resourceType ?? null)}`,
      'resourceType',
    );
  return body as Resource;
}
