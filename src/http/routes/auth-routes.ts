import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import {
  AuthOptions,
  LoginRequest,
  LoginResponse,
  Me,
  SecondFactorRequest,
  SignedInResponse,
} from '../../contracts/auth-contracts.ts';
import { NoContent } from '../../contracts/common-contracts.ts';
import type { AccountRecord } from '../../domain/accounts/account-ports.ts';
import type { AccountService, SignedIn } from '../../domain/accounts/account-service.ts';
import { clearSessionCookies, originOf, setSessionCookie, tokenOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

export interface AuthRouteOptions {
  accounts: AccountService;
  secureCookies: boolean;
  loginRateLimit: { max: number; timeWindow: number };
  /** Whether log-in through an external OpenID Connect provider is configured. */
  oidc: boolean;
}

/** Log-in (password, then the second factor when the account has one; rate-limited), log-out, who am I. */
export const authRoutes: FastifyPluginCallbackTypebox<AuthRouteOptions> = (app, options, done) => {
  const { accounts, secureCookies, loginRateLimit } = options;
  const rateLimit = (keyOf: (body: Record<string, unknown>) => unknown) => ({
    ...loginRateLimit,
    // Counted after the body is parsed, so the key is the address and the login (or step) tried.
    hook: 'preHandler' as const,
    keyGenerator: (request: { ip: string; body: unknown }) =>
      `${request.ip}|${String(keyOf(request.body as Record<string, unknown>)).toLowerCase()}`,
  });

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns a bearer token, or asks for the second factor',
        body: LoginRequest,
        response: { 200: LoginResponse, ...problemResponses(400, 401, 429) },
      },
      config: { audience: 'public', rateLimit: rateLimit((body) => body['login']) },
    },
    async (request, reply) => {
      const outcome = await accounts.logIn(request.body.login, request.body.password, originOf(request));
      if (outcome.kind === 'second-factor')
        return {
          secondFactor: 'totp' as const,
          challenge: outcome.challenge,
          expiresAt: outcome.expiresAt.toISOString(),
        };
      return signedInReply(reply, outcome, secureCookies);
    },
  );

  app.post(
    '/api/auth/login/second-factor',
    {
      schema: {
        tags: ['auth'],
        summary: 'Second step of a log-in: a TOTP code or a recovery code (each works once)',
        body: SecondFactorRequest,
        response: { 200: SignedInResponse, ...problemResponses(400, 401, 429) },
      },
      config: { audience: 'public', rateLimit: rateLimit((body) => body['challenge']) },
    },
    async (request, reply) => {
      const { challenge, ...factor } = request.body;
      const signedIn = await accounts.completeSecondFactor(challenge, factor, originOf(request));
      return signedInReply(reply, signedIn, secureCookies);
    },
  );

  app.get(
    '/api/auth/options',
    {
      schema: { tags: ['auth'], summary: 'How one may sign in here', response: { 200: AuthOptions } },
      config: { audience: 'public' },
    },
    () => ({ oidc: options.oidc }),
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: NoContent } } },
    async (request, reply) => {
      const token = tokenOf(request);
      if (token !== undefined) await accounts.logOut(token);
      clearSessionCookies(reply);
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

/** Sets the session cookies and answers with the bearer token and the account. */
export function signedInReply(reply: FastifyReply, signedIn: SignedIn, secureCookies: boolean) {
  setSessionCookie(reply, signedIn.token, signedIn.expiresAt, secureCookies);
  return { token: signedIn.token, expiresAt: signedIn.expiresAt.toISOString(), me: meOf(signedIn.account) };
}

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
    twoFactor: { enabled: account.totpEnabled, enrolmentRequired: (account.pendingRoles ?? []).length > 0 },
  };
}
