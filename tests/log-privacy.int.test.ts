import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../src/app.ts';
import { seedDemoReferrals } from '../src/demo/demo-referrals.ts';
import { seedDemoStays } from '../src/demo/demo-stays.ts';
import {
  DEFAULT_DEMO_SEED,
  DEMO_PASSWORD,
  seedDemoTerritory,
  type DemoTerritory,
} from '../src/demo/seed-territory.ts';
import { totpCodeAt } from '../src/integrations/otpauth-totp.ts';
import { createLogger } from '../src/integrations/pino-logger.ts';
import { bearer } from './support/factories.ts';
import { findPatientData, patientTraitsIn } from './support/patient-data-scan.ts';
import { settleJournal, startTestRelais } from './support/test-relais.ts';

/**
 * The whole app at the most verbose level, its log captured: a demo territory loaded, then searches,
 * record and portal reads, HL7, bad input and failed log-ins that all carry patients' names, INS and
 * birth dates. The log must show none of them (PGlite: logging does not depend on the database).
 */
describe('the logs carry no patient data', () => {
  const lines: string[] = [];
  let relais: Relais;
  let territory: DemoTerritory;
  before(async () => {
    const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
    relais = await startTestRelais('pglite', {}, { logger });
    const now = relais.clock();
    territory = await seedDemoTerritory(relais.services, { patients: 40, now });
    await seedDemoReferrals(relais.services, territory, now);
    await seedDemoStays(relais.services, territory, { seed: DEFAULT_DEMO_SEED, now });
    await settleJournal(relais);
  });
  after(() => relais.close());

  /** Signs a demo account in once (the demo administrator with their second factor, used once). */
  const tokens = new Map<string, string>();
  const signIn = async (login: string): Promise<string> => {
    const signedIn = tokens.get(login) ?? (await logIn(login));
    tokens.set(login, signedIn);
    return signedIn;
  };
  const logIn = async (login: string): Promise<string> => {
    const response = await relais.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login, password: DEMO_PASSWORD },
    });
    assert.equal(response.statusCode, 200, `${login}: ${response.body}`);
    const body = response.json<{ token: string } | { challenge: string }>();
    if ('token' in body) return body.token;
    const secret = territory.admin?.totpSecret ?? '';
    const second = await relais.http.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { challenge: body.challenge, code: totpCodeAt(secret, relais.clock()) },
    });
    assert.equal(second.statusCode, 200, second.body);
    return second.json<{ token: string }>().token;
  };

  test('searches, reads, HL7, bad input and failed log-ins leave no name, INS or birth date in the log', async () => {
    const db = relais.database.db;
    const patients = await db.selectFrom('patients').selectAll().orderBy('patient_id').limit(8).execute();
    const get = (url: string, token: string) => relais.http.inject({ url, headers: bearer(token) });
    for (const patient of patients) {
      const gp = await db
        .selectFrom('care_team_members')
        .select('practitioner_id')
        .where('patient_id', '=', patient.patient_id)
        .where('role', '=', 'medecin_traitant')
        .executeTakeFirstOrThrow();
      const login = territory.directory.professionalLogins.find(
        (p) => p.practitionerId === gp.practitioner_id,
      )?.login;
      const token = await signIn(login ?? '');
      const [year, month, day] = patient.birth_date.split('-');
      for (const q of [
        patient.birth_family_name,
        patient.birth_family_name.slice(0, 4),
        `${patient.first_given_name} ${patient.birth_family_name}`,
        patient.ins_matricule ?? patient.birth_family_name,
        patient.birth_date,
        `${day}/${month}/${year}`,
      ])
        assert.equal((await get(`/api/patients?q=${encodeURIComponent(q)}`, token)).statusCode, 200);
      for (const path of ['', '/questionnaires', '/pathways', '/referrals', '/stays', '/tasks', '/alerts'])
        assert.equal((await get(`/api/patients/${patient.patient_id}${path}`, token)).statusCode, 200);
      // Bad input naming the patient: a wrong INS key, malformed JSON, unknown ids, unknown routes.
      const registration = await relais.http.inject({
        method: 'POST',
        url: '/api/patients',
        headers: bearer(token),
        payload: {
          identity: {
            ins: {
              matricule: `${(patient.ins_matricule ?? '2800575123456').slice(0, 13)}00`,
              oid: '1.2.250.1.213.1.4.8',
            },
            identityStatus: 'QUAL',
            birthFamilyName: patient.birth_family_name,
            firstGivenName: patient.first_given_name,
            sex: patient.sex,
            birthDate: patient.birth_date,
          },
          entries: [],
        },
      });
      assert.equal(registration.statusCode, 400, registration.body);
      const malformed = await relais.http.inject({
        method: 'POST',
        url: '/api/patients',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        payload: `{"identity":{"birthFamilyName":"${patient.birth_family_name}","birthDate":"${patient.birth_date}"`,
      });
      assert.equal(malformed.statusCode, 400, malformed.body);
      assert.equal((await get(`/api/patients/${randomUUID()}`, token)).statusCode, 404);
      const q = encodeURIComponent(patient.birth_family_name);
      assert.equal((await get(`/api/patients/${q}`, token)).statusCode, 400);
      assert.equal((await get(`/api/nowhere/${q}?q=${q}`, token)).statusCode, 404);
      const extra = await get(`/api/patients?q=${q}&ins=${patient.ins_matricule ?? ''}`, token);
      assert.ok(extra.statusCode < 500, extra.body);
    }
    // The portal, and a patient trying to search.
    const portal = territory.patients[0];
    assert.ok(portal !== undefined);
    const patientToken = await signIn(portal.login);
    for (const path of [
      '/api/portal/me',
      '/api/portal/referrals',
      '/api/portal/pathways',
      '/api/portal/questionnaires',
    ])
      assert.equal((await get(path, patientToken)).statusCode, 200);
    assert.equal(
      (await get(`/api/patients?q=${encodeURIComponent(portal.name)}`, patientToken)).statusCode,
      403,
    );
    // Failed log-ins: a patient's name as login, and a patient's own login until it locks.
    const named = patients[0];
    assert.ok(named !== undefined);
    for (const login of [
      `${named.first_given_name} ${named.birth_family_name}`,
      named.birth_family_name,
      portal.login,
    ])
      for (let attempt = 0; attempt < 6; attempt++)
        await relais.http.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login, password: `${named.birth_family_name}-${named.birth_date}` },
        });
    // HL7: an admission naming a demo patient by INS, name and birth date, and the same without MSH.
    const adminToken = await signIn(territory.admin?.login ?? '');
    const admission = [
      'MSH|^~\\&|SIH|CHVR|RELAIS|RELAIS|20250301101500||ADT^A01^ADT_A01|LOG-1|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8|||2.11^IHE_FRANCE-2.11-PAM',
      'EVN||20250301101500',
      `PID|||${named.ins_matricule ?? ''}^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO^INS||${named.birth_family_name.toUpperCase()}^${named.first_given_name}^^^^^L||${named.birth_date.replaceAll('-', '')}|F`,
      'PV1||I|MED^1^1^CHVR|U|||||||||||||||V1^^^CHVR^VN',
    ];
    for (const message of [admission, admission.slice(1)]) {
      const response = await relais.http.inject({
        method: 'POST',
        url: '/api/hl7/messages',
        headers: { ...bearer(adminToken), 'content-type': 'application/hl7-v2' },
        payload: message.join('\r'),
      });
      assert.ok(response.statusCode < 500, response.body);
    }
    await relais.jobs.adtApply?.runOnce();

    const log = lines.join('');
    assert.ok(lines.length > 100, `the log was captured (${lines.length} lines)`);
    assert.match(log, /"route":"\/api\/patients\/:patientId"/, 'record reads are logged by route');
    assert.match(log, /"status":400/, 'bad requests are logged');
    assert.match(log, /"event":"account-locked"/, 'the lockout is logged, by account id');
    const traits = await patientTraitsIn(db);
    assert.ok(traits.length >= 40);
    const hits = findPatientData(log, traits);
    console.log(
      `log privacy: ${lines.length} log lines scanned for ${traits.length} demo patients: ${hits.length} hits`,
    );
    assert.deepEqual(hits, []);
  });
});
