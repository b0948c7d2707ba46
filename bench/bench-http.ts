import { sql } from 'kysely';
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

/**
 * The GP with the largest list among those whose account has no privileged role (an administrator's
 * or DPO's log-in asks for a second factor: the bench signs in as a GP at work): their account, and
 * up to 2,000 of their patients (with a name key).
 */
export async function busiestGp(relais: Relais) {
  const db = relais.database.db;
  const busiest = await db
    .selectFrom('care_team_members as m')
    .innerJoin('accounts as a', 'a.practitioner_id', 'm.practitioner_id')
    .select(['m.practitioner_id', 'a.id', 'a.login', (eb) => eb.fn.countAll<string>().as('n')])
    .where('m.role', '=', 'medecin_traitant')
    .where(sql<boolean>`cardinality(a.roles) = 0`)
    .groupBy(['m.practitioner_id', 'a.id', 'a.login'])
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow();
  const patients = await db
    .selectFrom('care_team_members as m')
    .innerJoin('patients as p', 'p.patient_id', 'm.patient_id')
    .select(['m.patient_id as patientId', 'p.family_name_key as familyNameKey'])
    .where('m.practitioner_id', '=', busiest.practitioner_id)
    .limit(2000)
    .execute();
  return {
    practitionerId: busiest.practitioner_id,
    listSize: Number(busiest.n),
    accountId: busiest.id,
    login: busiest.login,
    patients,
  };
}
