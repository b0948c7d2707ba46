import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRecord } from '../domain/accounts/account-ports.ts';
import type { AccountService } from '../domain/accounts/account-service.ts';
import type { AccountRole, Principal } from '../domain/access/principal.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import { checkCsrf, CSRF_COOKIE, setCsrfCookie } from './csrf.ts';

export const SESSION_COOKIE = 'relais_session';

/** Who may call a route: anyone, any signed-in account, or one kind of account. */
export type RouteAudience = 'public' | 'signed-in' | 'professional' | 'patient';

declare module 'fastify' {
  interface FastifyRequest {
    account: AccountRecord | undefined;
  }
  interface FastifyContextConfig {
    audience?: RouteAudience;
  }
}

/** The session token from the bearer header (API clients) or the cookie (web app), and which it was. */
export function credentialOf(
  request: FastifyRequest,
): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice('Bearer '.length).trim(), via: 'bearer' };
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie === undefined ? undefined : { token: cookie, via: 'cookie' };
}

export function tokenOf(request: FastifyRequest): string | undefined {
  return credentialOf(request)?.token;
}

/** The API areas of the roles that count only with TOTP: an account still enrolling is told why it is refused. */
const PRIVILEGED_AREAS: readonly { prefix: string; role: AccountRole; holders: string }[] = [
  { prefix: '/api/admin/', role: 'admin', holders: 'administrators' },
  { prefix: '/api/audit', role: 'dpo', holders: 'data protection officers' },
];

/**
 * Resolves the caller on every /api and /fhir request and enforces the route's audience (default: signed-in),
 * so a new route is protected unless it says otherwise; cookie sessions also pass the CSRF check, and
 * an administrator (a DPO) without a second factor is kept out of /api/admin (/api/audit) until enrolled.
 */
export function registerAuthentication(
  app: FastifyInstance,
  accounts: AccountService,
  secureCookies: boolean,
): void {
  app.decorateRequest('account', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const guarded = request.url.startsWith('/api/') || request.url.startsWith('/fhir/');
    if (!guarded || request.url.startsWith('/api/docs')) return;
    const audience = request.routeOptions.config.audience ?? 'signed-in';
    if (audience === 'public') return;
    const credential = credentialOf(request);
    const account = credential === undefined ? undefined : await accounts.authenticate(credential.token);
    if (credential === undefined || account === undefined)
      throw new DomainError('unauthenticated', 'sign in first (session missing or expired)');
    if (credential.via === 'cookie') {
      checkCsrf(request, credential.token);
      // A session opened before the CSRF cookie existed gets it on its next read.
      if (request.cookies[CSRF_COOKIE] === undefined)
        setCsrfCookie(reply, credential.token, undefined, secureCookies);
    }
    if (audience !== 'signed-in' && account.principal.kind !== audience) {
      throw new DomainError('forbidden', `this endpoint is for ${audience} accounts`);
    }
    const area = PRIVILEGED_AREAS.find(({ prefix }) => request.url.startsWith(prefix));
    if (area !== undefined && (account.pendingRoles ?? []).includes(area.role)) {
      throw new DomainError(
        'forbidden',
        `${area.holders} need two-factor sign-in: enrol an authenticator app under Account security first`,
      );
    }
    request.account = account;
  });
}

/** The signed-in caller; routes behind the authentication hook always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.account === undefined) throw new DomainError('unauthenticated', 'sign in first');
  return request.account.principal;
}

/**
 * The portal caller's own patient id. Portal routes admit patients only (their audience); the empty id
 * of anyone else would fail the access gate anyway.
 */
export function ownPatientId(principal: Principal): string {
  return principal.kind === 'patient' ? principal.patientId : '';
}

export function originOf(request: FastifyRequest) {
  return { clientAddress: request.ip };
}

/** The httpOnly session cookie and its readable CSRF companion. */
export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: expiresAt,
  });
  setCsrfCookie(reply, token, expiresAt, secure);
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
