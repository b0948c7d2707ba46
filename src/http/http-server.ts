import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { LiveSubscriptions } from '../domain/live/live-channel.ts';
import type { Services } from '../services.ts';
import { registerAuthentication } from './authentication.ts';
import { OPENAPI_INFO } from './openapi.ts';
import { handleError, sendProblem } from './problem.ts';
import type { OidcLogin } from '../integrations/openid-connect-login.ts';
import { accessLogRoutes } from './routes/access-log-routes.ts';
import { accountSecurityRoutes } from './routes/account-security-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { breakGlassRoutes } from './routes/break-glass-routes.ts';
import { oidcRoutes } from './routes/oidc-routes.ts';
import { directoryRoutes } from './routes/directory-routes.ts';
import { dischargeRoutes } from './routes/discharge-routes.ts';
import { entryRoutes } from './routes/entry-routes.ts';
import { hl7Routes } from './routes/hl7-routes.ts';
import { liveRoutes } from './routes/live-routes.ts';
import { matchQueueRoutes } from './routes/match-queue-routes.ts';
import { notificationRoutes } from './routes/notification-routes.ts';
import { pathwayRoutes } from './routes/pathway-routes.ts';
import { patientAlertRoutes } from './routes/patient-alert-routes.ts';
import { patientRightsRoutes } from './routes/patient-rights-routes.ts';
import { patientRoutes } from './routes/patient-routes.ts';
import { portalRoutes } from './routes/portal-routes.ts';
import { rulesAdminRoutes } from './routes/rules-admin-routes.ts';
import { sharingRoutes } from './routes/sharing-routes.ts';
import { questionnaireRoutes } from './routes/questionnaire-routes.ts';
import { referralRoutes } from './routes/referral-routes.ts';
import { taskRoutes } from './routes/task-routes.ts';
import { transitionRoutes } from './routes/transition-routes.ts';
import { encodeTextPayloads } from './encoded-payloads.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { loadFhirDefinitions } from '../fhir/fhir-validator.ts';
import { fhirResourceModules } from '../fhir/resource-registry.ts';
import { FHIR_PREFIX, fhirPlugin } from './fhir/fhir-plugin.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the server answers, so tests can check that none escapes the access rules. */
    routeTable: readonly { method: string; url: string }[];
  }
}

export interface HttpOptions {
  /** The application's pino logger (pino's Logger is a FastifyBaseLogger). */
  readonly logger: FastifyBaseLogger;
  /** The built web app (web/dist); undefined serves the API only. */
  readonly webRoot: string | undefined;
  readonly secureCookies: boolean;
  readonly loginRateLimit: { max: number; timeWindow: number };
  /** The live channel's listening side, for `GET /api/live`. */
  readonly live: LiveSubscriptions;
  readonly liveHeartbeatMs: number;
  /** Log-in through an external OpenID Connect provider; null when not configured. */
  readonly oidc?: OidcLogin | null;
}

/** Builds the HTTP server: problem errors, authentication, rate limits, OpenAPI, the API routes and the web app. */
export async function buildHttpServer(services: Services, options: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Refuse what does not fit the schema instead of repairing it: no silent dropping of unknown
    // fields and no coercion (which would turn a null into "").
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    // Fastify's own request lines log the URL with its query, which can hold a patient's name.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.decorate('routeTable', routes);
  app.setErrorHandler(handleError);
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern only: ids and query strings stay out of the logs.
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
  applySecurityHeaders(app);
  encodeTextPayloads(app);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  registerAuthentication(app, services.accounts, options.secureCookies);

  await app.register(authRoutes, {
    accounts: services.accounts,
    secureCookies: options.secureCookies,
    loginRateLimit: options.loginRateLimit,
    oidc: (options.oidc ?? null) !== null,
  });
  await app.register(accountSecurityRoutes, { accounts: services.accounts, twoFactor: services.twoFactor });
  await app.register(oidcRoutes, {
    accounts: services.accounts,
    oidc: options.oidc ?? null,
    secureCookies: options.secureCookies,
  });
  await app.register(patientRoutes, { record: services.record });
  await app.register(breakGlassRoutes, { breakGlass: services.breakGlass });
  await app.register(entryRoutes, { record: services.record });
  await app.register(portalRoutes, { record: services.record });
  await app.register(questionnaireRoutes, { questionnaires: services.questionnaires });
  await app.register(directoryRoutes, { directory: services.directory });
  await app.register(sharingRoutes, {
    sharing: services.sharing,
    careTeam: services.careTeam,
    directory: services.directory,
  });
  await app.register(notificationRoutes, { notifications: services.notifications });
  await app.register(liveRoutes, {
    live: options.live,
    accounts: services.accounts,
    heartbeatMs: options.liveHeartbeatMs,
  });
  await app.register(taskRoutes, { tasks: services.tasks, worklist: services.worklist });
  await app.register(patientAlertRoutes, { alerts: services.alerts, targets: services.targets });
  await app.register(rulesAdminRoutes, { rulesAdmin: services.rulesAdmin });
  await app.register(referralRoutes, {
    referrals: services.referrals,
    reads: services.referralReads,
    sla: services.referralSla,
  });
  await app.register(pathwayRoutes, { pathways: services.pathways });
  await app.register(hl7Routes, { intake: services.hl7Intake });
  await app.register(transitionRoutes, { transitions: services.transitions });
  await app.register(matchQueueRoutes, { matchQueue: services.matchQueue });
  await app.register(patientRightsRoutes, {
    exports: services.patientExports,
    rectification: services.identityRectification,
    requests: services.rectificationRequests,
  });
  await app.register(dischargeRoutes, {
    letters: services.dischargeLetters,
    reconciliations: services.reconciliations,
    risks: services.readmissionRisks,
  });
  await app.register(auditRoutes, { auditLog: services.auditLog });
  await app.register(accessLogRoutes, { accessLog: services.accessLog });
  // Indexing the R4 definitions takes seconds: once, at start, not on the first request.
  loadFhirDefinitions();
  await app.register(fhirPlugin, {
    prefix: FHIR_PREFIX,
    modules: fhirResourceModules(services),
    exchange: { atomically: services.unitOfWork, everything: services.patientEverything },
    software: { name: OPENAPI_INFO.title, version: OPENAPI_INFO.version },
  });
  app.get('/api/health', { config: { audience: 'public' }, schema: { hide: true } }, () => ({
    status: 'ok',
  }));

  const webRoot = options.webRoot;
  const serveWeb = webRoot !== undefined && existsSync(join(webRoot, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (serveWeb && request.method === 'GET' && !/^\/(api|fhir)\//.test(request.url)) {
      return reply.sendFile('index.html'); // client-side routes (/patients/…, /portal) load the app
    }
    return sendProblem(reply, 'not-found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`);
  });
  return app;
}
