import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRecord } from '../domain/accounts/account-ports.ts';
import type { AccountService } from '../domain/accounts/account-service.ts';
import type { Principal } from '../domain/access/principal.ts';
import { DomainError } from '../domain/shared/domain-error.ts';

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

/** The session token from the bearer header (API clients) or the cookie (web app). */
export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return request.cookies[SESSION_COOKIE];
}

/**
 * Resolves the caller on every /api request and enforces the route's audience
 * (default: signed-in), so a new route is protected unless it says otherwise.
 */
export function registerAuthentication(app: FastifyInstance, accounts: AccountService): void {
  app.decorateRequest('account', undefined);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const audience = request.routeOptions.config.audience ?? 'signed-in';
    if (audience === 'public') return;
    const token = tokenOf(request);
    const account = token === undefined ? undefined : await accounts.authenticate(token);
    if (account === undefined)
      throw new DomainError('unauthenticated', 'sign in first (session missing or expired)');
    if (audience !== 'signed-in' && account.principal.kind !== audience) {
      throw new DomainError('forbidden', `this endpoint is for ${audience} accounts`);
    }
    request.account = account;
  });
}

/** The signed-in caller; routes behind the authentication hook always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.account === undefined) throw new DomainError('unauthenticated', 'sign in first');
  return request.account.principal;
}

export function originOf(request: FastifyRequest) {
  return { clientAddress: request.ip };
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: expiresAt,
  });
}
