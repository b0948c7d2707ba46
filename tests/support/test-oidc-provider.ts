import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A real OpenID Connect provider (oidc-provider) on loopback, with its development log-in and consent pages. */
export interface TestOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  close(): Promise<void>;
}

/**
 * Starts the provider with one confidential client redirecting to `redirectUrl`. Its dev log-in page takes
 * any login and password; the login becomes the subject, and `idNatPsOf` gives its `preferred_username`
 * as Pro Santé Connect does ("8" + RPPS), or none.
 */
export async function startTestOidcProvider(
  redirectUrl: string,
  idNatPsOf: (login: string) => string | undefined,
): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'relais-test';
  const clientSecret = 'relais-test-client-secret-not-for-production';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUrl],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username'] },
    cookies: { keys: ['relais-test-oidc-cookie-key'] },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => {
        const idNatPs = idNatPsOf(sub);
        return idNatPs === undefined ? { sub } : { sub, preferred_username: idNatPs };
      },
    }),
  });
  const handle = provider.callback();
  server.on('request', (request, response) => void handle(request, response));
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
