import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';

/** What the browser keeps (in a short-lived httpOnly cookie) between the redirect and the callback. */
export interface OidcPending {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** Log-in through an external OpenID Connect provider: authorization code flow with PKCE, state and nonce. */
export interface OidcLogin {
  /** Where to send the browser, and what to keep until it comes back. */
  start(): Promise<{ url: string; pending: OidcPending }>;
  /** Redeems the code of the callback's query; returns the ID token's claims merged with the userinfo. */
  finish(callbackQuery: string, pending: OidcPending): Promise<Record<string, unknown>>;
}

// Pro Santé Connect exposes the RPPS-based identifier with the profile scope (`preferred_username`).
const SCOPE = 'openid profile';

/** Through `openid-client` (v6); discovery runs on first use and again after a failure. */
export function createOidcLogin(config: OidcConfig): OidcLogin {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= discover(config).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };
  return {
    async start() {
      const pending = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: config.redirectUrl,
        scope: SCOPE,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, pending };
    },
    async finish(callbackQuery, pending) {
      const server = await configuration();
      // The token request names the registered redirect URL, whatever host the request came through.
      const callbackUrl = new URL(config.redirectUrl);
      callbackUrl.search = callbackQuery;
      const tokens = await client.authorizationCodeGrant(server, callbackUrl, {
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        pkceCodeVerifier: pending.codeVerifier,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (idClaims === undefined) throw new Error('the provider returned no ID token');
      const userInfo = await client.fetchUserInfo(server, tokens.access_token, idClaims.sub);
      return { ...userInfo, ...idClaims };
    },
  };
}

async function discover(config: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(config.issuer);
  // Plain HTTP only for a provider on this machine (a test or local provider), never across a network.
  const local = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  return client.discovery(
    issuer,
    config.clientId,
    { redirect_uris: [config.redirectUrl], response_types: ['code'] },
    client.ClientSecretBasic(config.clientSecret),
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated to stand out: local providers only
    local ? { execute: [client.allowInsecureRequests] } : {},
  );
}
