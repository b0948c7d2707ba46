import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CARE_TEAM_ROLES } from '../domain/care-team/care-team-role.ts';
import { checkFiness } from '../domain/identity/finess.ts';
import { INS_OIDS, parseInsMatricule } from '../domain/identity/ins.ts';
import { validatePatientIdentity } from '../domain/identity/patient-registration.ts';
import { checkRpps } from '../domain/identity/rpps.ts';
import { validateClinicalEntry } from '../domain/record/clinical-entry.ts';
import type { PatientRegistration } from '../domain/record/record-service.ts';
import { PROFILES } from './demo-catalog.ts';
import {
  buildDemoDirectory,
  buildPatientRegistration,
  demoInsMatricule,
  INS_INDEX_CAPACITY,
  type DemoDirectory,
} from './demo-territory.ts';
import { deriveSeed, seededRandom } from './seeded-random.ts';

const SEED = 42;
const NOW = new Date('2025-06-15T09:30:00Z');
const TODAY = '2025-06-15';
const DAY_MS = 86_400_000;

function counterIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;
}

function buildTerritory(
  seed: number,
  count: number,
): { directory: DemoDirectory; patients: PatientRegistration[] } {
  const directory = buildDemoDirectory(seededRandom(seed), counterIds());
  const patients = Array.from({ length: count }, (_, i) =>
    buildPatientRegistration(seededRandom(deriveSeed(seed, i)), directory, i, NOW),
  );
  return { directory, patients };
}

const { directory, patients } = buildTerritory(SEED, 200);
const practitionerById = new Map(directory.practitioners.map((p) => [p.id, p]));
const organizationById = new Map(directory.organizations.map((o) => [o.id, o]));

test('seeded random: same seed, same stream; helpers stay in bounds', () => {
  const a = seededRandom(7);
  const b = seededRandom(7);
  const draws = Array.from({ length: 50 }, () => a.next());
  assert.deepEqual(
    draws,
    Array.from({ length: 50 }, () => b.next()),
  );
  assert.ok(draws.every((x) => x >= 0 && x < 1));
  const r = seededRandom(1);
  for (let i = 0; i < 1000; i += 1) {
    const n = r.int(3, 12);
    assert.ok(Number.isInteger(n) && n >= 3 && n <= 12);
  }
  assert.equal(
    r.weighted([
      ['only', 1],
      ['never', 0],
    ]),
    'only',
  );
  assert.equal(new Set(r.sample([1, 2, 3, 4, 5], 5)).size, 5);
  assert.throws(() => r.pick([]), RangeError);
  assert.notEqual(deriveSeed(1, 0), deriveSeed(1, 1));
});

test('every identity is valid, with a demo INS that matches sex and birth date', () => {
  const statuses = new Set<string>();
  for (const { identity } of patients) {
    const valid = validatePatientIdentity(identity, TODAY);
    statuses.add(valid.identityStatus);
    assert.ok(identity.birthDate >= '1930-01-01' && identity.birthDate <= '2005-12-31', identity.birthDate);
    if (identity.ins === undefined) {
      assert.equal(identity.identityStatus, 'PROV');
      continue;
    }
    assert.equal(identity.ins.oid, INS_OIDS['INS-NIR-DEMO']);
    const parsed = parseInsMatricule(identity.ins.matricule);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    assert.equal(parsed.sex, identity.sex);
    assert.equal(parsed.birthYear2, identity.birthDate.slice(2, 4));
    assert.equal(parsed.birthMonth, Number(identity.birthDate.slice(5, 7)));
    assert.equal(identity.birthPlaceCode, parsed.birthPlace);
  }
  assert.deepEqual([...statuses].sort(), ['PROV', 'QUAL', 'RECUP', 'VALI']);
});

test('all INS are distinct, and stay distinct over 200,000 indexes', () => {
  const matricules = patients.flatMap(({ identity }) =>
    identity.ins === undefined ? [] : [identity.ins.matricule],
  );
  assert.equal(new Set(matricules).size, matricules.length);
  // Same sex and birth date for everyone: only the index-derived birthplace and order number differ.
  const many = new Set<string>();
  for (let i = 0; i < 200_000; i += 1) many.add(demoInsMatricule('female', '1950-03-01', i));
  assert.equal(many.size, 200_000);
  assert.throws(() => demoInsMatricule('male', '1950-03-01', INS_INDEX_CAPACITY), RangeError);
});

test('every entry passes the clinical-entry rules', () => {
  for (const { entries } of patients) for (const entry of entries) validateClinicalEntry(entry, NOW);
});

test('each record tells a coherent story', () => {
  for (const { entries } of patients) {
    const team = entries.flatMap((e) => (e.kind === 'care-team-member' ? [e] : []));
    const gps = team.filter((m) => m.role === 'medecin_traitant');
    assert.equal(gps.length, 1);
    const gp = practitionerById.get(gps[0]?.practitionerId ?? '');
    assert.equal(gp?.specialty, 'general_practice');
    assert.equal(organizationById.get(gp.organizationId ?? '')?.kind, 'practice');
    assert.ok(team.some((m) => m.role === 'pharmacist'));
    assert.ok(team.every((m) => (CARE_TEAM_ROLES as readonly string[]).includes(m.role)));
    assert.equal(new Set(team.map((m) => m.practitionerId)).size, team.length, 'no one twice in a team');

    const conditions = entries.flatMap((e) => (e.kind === 'condition' ? [e] : []));
    assert.ok(conditions.length >= 1 && conditions.length <= 3);
    const specialties = new Set(team.map((m) => practitionerById.get(m.practitionerId)?.specialty));
    for (const condition of conditions) {
      const profile = PROFILES.find((p) => p.code === condition.code);
      assert.ok(profile !== undefined, condition.code);
      assert.ok(
        specialties.has(profile.specialty),
        `a ${profile.specialty} specialist follows ${condition.code}`,
      );
    }

    const results = entries.flatMap((e) => (e.kind === 'result' ? [e] : []));
    assert.ok(results.length >= 3 && results.length <= 12);
    for (const result of results) assert.ok(NOW.getTime() - Date.parse(result.effectiveAt) <= 731 * DAY_MS);
    assert.ok(entries.filter((e) => e.kind === 'allergy').length <= 2);
    assert.ok(entries.filter((e) => e.kind === 'document').length <= 2);
    const appointments = entries.flatMap((e) => (e.kind === 'appointment' ? [e] : []));
    assert.ok(appointments.length <= 2);
    for (const appointment of appointments) {
      const inDays = (Date.parse(appointment.startsAt) - NOW.getTime()) / DAY_MS;
      assert.ok(inDays > 0 && inDays <= 61, `appointment in ${inDays} days`);
      assert.ok((appointment.instructions ?? '').length > 0);
    }
  }
  const coordinated = patients.filter(({ entries }) =>
    entries.some((e) => e.kind === 'care-team-member' && e.role === 'coordinator'),
  ).length;
  assert.ok(coordinated > 60 && coordinated < 140, `${coordinated} of 200 have a coordinator`);
});

test('the directory has the hospital services, the MSPs and every profession', () => {
  for (const practitioner of directory.practitioners) {
    const check = checkRpps(practitioner.rpps);
    assert.ok(check.ok && practitioner.rpps.startsWith('1'), practitioner.rpps);
    assert.deepEqual(check.warnings, []);
  }
  assert.equal(new Set(directory.practitioners.map((p) => p.rpps)).size, directory.practitioners.length);
  for (const organization of directory.organizations) {
    if (organization.finess !== null)
      assert.deepEqual(checkFiness(organization.finess), {
        ok: true,
        value: organization.finess,
        warnings: [],
      });
  }
  const hospitals = directory.organizations.filter((o) => o.kind === 'hospital');
  assert.deepEqual(
    hospitals.map((o) => o.name),
    ['Centre hospitalier de Val-Relais'],
  );
  assert.ok(hospitals[0]?.finess !== null);
  const services = directory.organizations.filter((o) => o.kind === 'hospital_service');
  assert.ok(services.every((s) => s.parentId === hospitals[0]?.id));
  const specialties = new Set(services.map((s) => s.specialty));
  for (const s of ['cardiology', 'endocrinology', 'oncology', 'pneumology', 'geriatrics', 'emergency']) {
    assert.ok(specialties.has(s), s);
    assert.ok(
      directory.practitioners.some((p) => p.specialty === s && p.profession === 'physician'),
      s,
    );
  }
  assert.equal(directory.organizations.filter((o) => o.kind === 'practice').length, 2);

  const count = (profession: string) =>
    directory.practitioners.filter((p) => p.profession === profession).length;
  const gps = directory.practitioners.filter((p) => p.specialty === 'general_practice');
  assert.ok(gps.length >= 6);
  assert.ok(gps.every((p) => organizationById.get(p.organizationId ?? '')?.kind === 'practice'));
  assert.ok(count('nurse') >= 3);
  assert.ok(count('pharmacist') >= 2);
  for (const p of ['physiotherapist', 'dietitian', 'social_worker', 'psychologist'])
    assert.ok(count(p) >= 1, p);
  assert.equal(count('coordinator'), 2);
  assert.ok(directory.practitioners.length >= 28 && directory.practitioners.length <= 35);

  const logins = directory.professionalLogins.map((l) => l.login);
  assert.equal(new Set(logins).size, logins.length);
  for (const login of logins) assert.match(login, /^(dr|inf|pharm|kine|diet|as|psy|coord)\.[a-z0-9-]+$/);
});

test('same seed, same territory; another seed, another one', () => {
  assert.deepEqual(buildTerritory(SEED, 200), { directory, patients });
  assert.notDeepEqual(buildTerritory(SEED + 1, 20).patients, patients.slice(0, 20));
});
