import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { LoginRequest, LoginResponse, Me } from '../../contracts/auth-contracts.ts';
import { NoContent } from '../../contracts/common-contracts.ts';
import type { AccountRecord } from '../../domain/accounts/account-ports.ts';
import type { AccountService } from '../../domain/accounts/account-service.ts';
import { originOf, SESSION_COOKIE, setSessionCookie, tokenOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

export interface AuthRouteOptions {
  accounts: AccountService;
  secureCookies: boolean;
  loginRateLimit: { max: number; timeWindow: number };
}

/** Log-in (rate-limited per address and login), log-out, and who am I. */
export const authRoutes: FastifyPluginCallbackTypebox<AuthRouteOptions> = (app, options, done) => {
  const { accounts, secureCookies, loginRateLimit } = options;

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns a bearer token',
        body: LoginRequest,
        response: { 200: LoginResponse, ...problemResponses(400, 401, 429) },
      },
      config: {
        audience: 'public',
        rateLimit: {
          ...loginRateLimit,
          // Counted after the body is parsed, so the key is the address and the login tried.
          hook: 'preHandler',
          keyGenerator: (request) =>
            `${request.ip}|${String((request.body as { login?: unknown }).login).toLowerCase()}`,
        },
      },
    },
    async (request, reply) => {
      const signedIn = await accounts.logIn(request.body.login, request.body.password, originOf(request));
      setSessionCookie(reply, signedIn.token, signedIn.expiresAt, secureCookies);
      return {
        token: signedIn.token,
        expiresAt: signedIn.expiresAt.toISOString(),
        me: meOf(signedIn.account),
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: NoContent } } },
    async (request, reply) => {
      const token = tokenOf(request);
      if (token !== undefined) await accounts.logOut(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account',
        response: { 200: Me, ...problemResponses(401) },
      },
    },
    (request) => meOf(request.account as AccountRecord),
  );
  done();
};

function meOf(account: AccountRecord) {
  const principal = account.principal;
  return {
    accountId: account.id,
    kind: principal.kind,
    displayName: account.displayName,
    locale: account.locale,
    practitionerId: principal.kind === 'professional' ? principal.practitionerId : null,
    patientId: principal.kind === 'patient' ? principal.patientId : null,
    roles: principal.kind === 'professional' ? principal.roles : [],
  };
}
