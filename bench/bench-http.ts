import type { Relais } from '../src/app.ts';
import { DEMO_PASSWORD } from '../src/demo/seed-territory.ts';

/** The server's URL, listening on a free port if it is not listening yet. */
export async function listeningUrl(relais: Relais): Promise<string> {
  if (!relais.http.server.listening) await relais.http.listen({ host: '127.0.0.1', port: 0 });
  const address = relais.http.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
}

/** Signs in through the API and answers the bearer token. */
export async function signInForToken(url: string, login: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`log-in as ${login} failed: ${response.status}`);
  const body = (await response.json()) as { token?: string };
  // The demo administrator has TOTP (ADR 0011): measure with another account.
  if (body.token === undefined) throw new Error(`log-in as ${login} asks for a second factor`);
  return body.token;
}
