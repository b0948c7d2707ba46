import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/shared/domain-error.ts';

/**
 * CSRF protection for cookie sessions (double submit, OWASP CSRF Cheat Sheet): the server sets a
 * readable cookie whose value is derived from the session token, and every state-changing request
 * made with the session cookie must echo it in a header — which another site cannot read or set.
 * Derived, not random, so nothing is stored; one-way, so the readable value does not give the session.
 * Bearer-token requests carry no ambient credential and are exempt. SameSite=strict stays a first line.
 */
export const CSRF_COOKIE = 'relais_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

/** Refuses a state-changing cookie request without the matching header. Error: `forbidden`. */
export function checkCsrf(request: FastifyRequest, sessionToken: string): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new DomainError(
      'forbidden',
      `missing or wrong ${CSRF_HEADER} header (CSRF protection of cookie sessions)`,
    );
}

export function setCsrfCookie(
  reply: FastifyReply,
  sessionToken: string,
  expiresAt: Date | undefined,
  secure: boolean,
): void {
  reply.setCookie(CSRF_COOKIE, csrfTokenOf(sessionToken), {
    httpOnly: false, // the web app reads it to send the header
    sameSite: 'strict',
    secure,
    path: '/',
    ...(expiresAt === undefined ? {} : { expires: expiresAt }),
  });
}
