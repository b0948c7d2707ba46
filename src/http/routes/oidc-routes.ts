import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AccountService } from '../../domain/accounts/account-service.ts';
import { rppsOfClaims } from '../../domain/accounts/external-identity.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import type { OidcLogin, OidcPending } from '../../integrations/openid-connect-login.ts';
import { originOf, setSessionCookie } from '../authentication.ts';

export interface OidcRouteOptions {
  accounts: AccountService;
  oidc: OidcLogin | null;
  secureCookies: boolean;
}

// Keeps state, nonce and PKCE verifier between the redirect and the callback. SameSite=lax: the callback
// is a top-level navigation coming back from the provider's site, where a strict cookie is not sent.
const PENDING_COOKIE = 'relais_oidc';
const PENDING_PATH = '/api/auth/oidc';
const PENDING_SECONDS = 600;

/**
 * Log-in through an external OpenID Connect provider (Pro Santé Connect): start redirects there; the
 * callback links the identity to an existing professional account by RPPS and opens a session, or sends
 * the browser back to the log-in page with the reason (`/login?oidc=not-linked` or `failed`).
 */
export const oidcRoutes: FastifyPluginCallbackTypebox<OidcRouteOptions> = (app, options, done) => {
  const { accounts, oidc, secureCookies } = options;
  const configured = () => {
    if (oidc === null) throw new DomainError('not-found', 'no OpenID Connect provider is configured');
    return oidc;
  };

  app.get(
    `${PENDING_PATH}/start`,
    {
      schema: { tags: ['auth'], summary: 'Go to the OpenID Connect provider to sign in' },
      config: { audience: 'public' },
    },
    async (_request, reply) => {
      const { url, pending } = await configured().start();
      reply.setCookie(PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        path: PENDING_PATH,
        maxAge: PENDING_SECONDS,
      });
      return reply.redirect(url);
    },
  );

  app.get(
    `${PENDING_PATH}/callback`,
    {
      schema: {
        tags: ['auth'],
        summary: 'Where the OpenID Connect provider sends the browser back',
        querystring: Type.Object({}, { additionalProperties: Type.String() }),
      },
      config: { audience: 'public' },
    },
    async (request, reply) => {
      const login = configured();
      const pending = pendingOf(request.cookies[PENDING_COOKIE]);
      reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
      let claims: Record<string, unknown>;
      try {
        if (pending === undefined) throw new Error('no log-in in progress in this browser');
        claims = await login.finish(
          request.url.slice(request.url.indexOf('?') + 1 || request.url.length),
          pending,
        );
      } catch (error) {
        request.log.warn({ err: error }, 'OpenID Connect log-in failed');
        return reply.redirect('/login?oidc=failed');
      }
      try {
        const signedIn = await accounts.logInWithRpps(rppsOfClaims(claims), originOf(request));
        setSessionCookie(reply, signedIn.token, signedIn.expiresAt, secureCookies);
        return await reply.redirect('/');
      } catch (error) {
        if (error instanceof DomainError && error.code === 'forbidden')
          return reply.redirect('/login?oidc=not-linked');
        throw error;
      }
    },
  );
  done();
};

function pendingOf(cookie: string | undefined): OidcPending | undefined {
  if (cookie === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<OidcPending>;
    const { state, nonce, codeVerifier } = value;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string')
      return undefined;
    return { state, nonce, codeVerifier };
  } catch {
    return undefined;
  }
}
