import { randomInt, randomUUID } from 'node:crypto';
import type { Relais } from '../../src/app.ts';
import type { AccountRole } from '../../src/domain/access/principal.ts';
import { totpCodeAt } from '../../src/integrations/otpauth-totp.ts';
import { computeInsKey, INS_OIDS } from '../../src/domain/identity/ins.ts';
import type { PatientIdentityInput } from '../../src/domain/identity/patient-registration.ts';
import type { ClinicalEntry } from '../../src/domain/record/clinical-entry.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * A professional with an account, in a fresh practice of their own unless `organizationId` places them
 * (e.g. in a hospital service); each call builds its own, so tests never share. Admin and DPO accounts
 * come enrolled in TOTP (their roles need it): `totpSecret` lets a test sign them in again.
 */
export async function createProfessional(
  relais: Relais,
  profession = 'physician',
  options: { organizationId?: string; roles?: readonly AccountRole[] } = {},
) {
  const organizationId = options.organizationId ?? randomUUID();
  const practitionerId = randomUUID();
  const login = `pro-${practitionerId.slice(0, 8)}`;
  await relais.services.directory.register(
    options.organizationId === undefined
      ? [
          {
            id: organizationId,
            kind: 'practice',
            name: `MSP ${login}`,
            finess: null,
            parentId: null,
            specialty: null,
          },
        ]
      : [],
    [
      {
        id: practitionerId,
        rpps: `1${String(randomInt(0, 1e10)).padStart(10, '0')}`,
        familyName: 'Testeur',
        givenName: login,
        profession,
        specialty: profession === 'physician' ? 'general_practice' : null,
        organizationId,
      },
    ],
  );
  const roles = options.roles ?? [];
  const [accountId = ''] = await relais.services.directory.createAccounts([
    {
      login,
      password: TEST_PASSWORD,
      kind: 'professional',
      practitionerId,
      patientId: null,
      roles,
      locale: 'fr',
    },
  ]);
  if (roles.length === 0)
    return { practitionerId, login, token: await logIn(relais, login), totpSecret: null };
  const { secret } = await relais.services.twoFactor.provision({
    kind: 'professional',
    accountId,
    practitionerId,
    roles,
  });
  return { practitionerId, login, token: await logIn(relais, login, secret), totpSecret: secret };
}

/** A hospital with one service (an organisation of kind hospital_service); returns the service's id. */
export async function createHospitalService(
  relais: Relais,
  specialty = 'cardiology',
  options: { hospitalFiness?: string } = {},
): Promise<string> {
  const hospitalId = randomUUID();
  const serviceId = randomUUID();
  await relais.services.directory.register(
    [
      {
        id: hospitalId,
        kind: 'hospital',
        name: `CH ${hospitalId.slice(0, 8)}`,
        finess: options.hospitalFiness ?? null,
        parentId: null,
        specialty: null,
      },
      {
        id: serviceId,
        kind: 'hospital_service',
        name: `Service ${specialty}`,
        finess: null,
        parentId: hospitalId,
        specialty,
      },
    ],
    [],
  );
  return serviceId;
}

/** Creates a patient account for an existing patient and signs it in. */
export async function createPatientAccount(relais: Relais, patientId: string) {
  // The id's random end: its start is its creation time (UUID v7), shared by patients made together.
  const login = `patient-${patientId.slice(-12)}`;
  await relais.services.directory.createAccounts([
    {
      login,
      password: TEST_PASSWORD,
      kind: 'patient',
      practitionerId: null,
      patientId,
      roles: [],
      locale: 'fr',
    },
  ]);
  return { login, token: await logIn(relais, login) };
}

/** Signs in through the API (with the TOTP code of the relais' clock when the account has a secret). */
export async function logIn(relais: Relais, login: string, totpSecret?: string): Promise<string> {
  const response = await relais.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login, password: TEST_PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`login ${login} failed: ${response.body}`);
  const body = response.json<{ token: string } | { challenge: string }>();
  if ('token' in body) return body.token;
  if (totpSecret === undefined) throw new Error(`login ${login} asks for a second factor`);
  const second = await relais.http.inject({
    method: 'POST',
    url: '/api/auth/login/second-factor',
    payload: { challenge: body.challenge, code: totpCodeAt(totpSecret, relais.clock()) },
  });
  if (second.statusCode !== 200) throw new Error(`second factor of ${login} failed: ${second.body}`);
  return second.json<{ token: string }>().token;
}

/** A valid, unique, fictional INS on the test OID (1.2.250.1.213.1.4.10). */
export function fictionalIns(sex: 'male' | 'female' = 'female'): { matricule: string; oid: string } {
  const nir13 = `${sex === 'male' ? 1 : 2}8005${String(randomInt(1, 96)).padStart(2, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`;
  return { matricule: `${nir13}${computeInsKey(nir13)}`, oid: INS_OIDS['INS-NIR-TEST'] };
}

/** An identity that passes the INS rules, with overrides. */
export function identity(overrides: Partial<PatientIdentityInput> = {}): PatientIdentityInput {
  return {
    ins: fictionalIns('female'),
    identityStatus: 'QUAL',
    birthFamilyName: 'Lefèvre',
    firstGivenName: 'Hélène',
    givenNames: 'Hélène Marie',
    sex: 'female',
    birthDate: '1980-05-12',
    ...overrides,
  };
}

/** Registers a patient whose care team holds the given practitioners (the first as médecin traitant). */
export async function createPatient(
  relais: Relais,
  careTeam: readonly string[],
  options: { identity?: Partial<PatientIdentityInput>; entries?: ClinicalEntry[] } = {},
): Promise<string> {
  const members: ClinicalEntry[] = careTeam.map((practitionerId, index) => ({
    kind: 'care-team-member',
    practitionerId,
    role: index === 0 ? 'medecin_traitant' : 'nurse',
  }));
  const [registered] = await relais.services.record.registerPatients(
    { kind: 'system' },
    [{ identity: identity(options.identity), entries: [...members, ...(options.entries ?? [])] }],
    { clientAddress: null },
  );
  if (registered === undefined) throw new Error('no patient registered');
  return registered.patientId;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The account id behind a session token (notifications are addressed to accounts). */
export async function accountIdOf(relais: Relais, token: string): Promise<string> {
  const response = await relais.http.inject({ url: '/api/me', headers: bearer(token) });
  if (response.statusCode !== 200) throw new Error(`/api/me failed: ${response.body}`);
  return response.json<{ accountId: string }>().accountId;
}

/** An alert as the coordination rules would raise it, for the alert routes. */
export async function insertAlert(relais: Relais, patientId: string): Promise<string> {
  const alertId = randomUUID();
  await relais.database.db
    .insertInto('patient_alerts')
    .values({
      patient_id: patientId,
      id: alertId,
      action_key: `test/${alertId}`,
      kind: 'alert',
      text_fr: 'a',
      text_en: 'a',
      explanation_fr: 'b',
      explanation_en: 'b',
      details: '{}',
      rule_set_id: 'test',
      rule_id: 'test',
      rule_label_fr: 'r',
      rule_label_en: 'r',
      firing_id: randomUUID(),
      event_id: randomUUID(),
      raised_at: new Date(),
      dismissed_at: null,
      dismissed_by: null,
    })
    .execute();
  return alertId;
}

/**
 * A care-team row, active from 2026-02-01, as a referral or a record entry adds one after registration
 * (the table's triggers fill in the patient's name keys and identity version).
 */
export function careTeamMemberRow(patientId: string, practitionerId: string, role: string) {
  return {
    patient_id: patientId,
    id: randomUUID(),
    practitioner_id: practitionerId,
    role,
    started_on: '2026-02-01',
    ended_on: null,
    added_by: null,
  };
}

/** Ends the practitioner's memberships of the patient on `on`, written straight to the table. */
export async function endMemberships(
  relais: Relais,
  patientId: string,
  practitionerId: string,
  on: string,
): Promise<void> {
  await relais.database.db
    .updateTable('care_team_members')
    .set({ ended_on: on })
    .where('patient_id', '=', patientId)
    .where('practitioner_id', '=', practitionerId)
    .execute();
}
