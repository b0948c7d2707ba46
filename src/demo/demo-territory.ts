/**
 * Pure builders of the fictional territory "Val-Relais": its directory, and one coherent patient
 * registration per index. No I/O; seed-territory.ts writes them through the use cases.
 */
import { randomUUID } from 'node:crypto';
import type { CareTeamRole } from '../domain/care-team/care-team-role.ts';
import type { Organization, Practitioner } from '../domain/directory/directory.ts';
import { computeInsKey, INS_OIDS } from '../domain/identity/ins.ts';
import { luhnValid } from '../domain/identity/luhn.ts';
import { nameKey } from '../domain/identity/name-key.ts';
import type { PatientIdentityInput } from '../domain/identity/patient-registration.ts';
import type { ClinicalEntry } from '../domain/record/clinical-entry.ts';
import type { PatientRegistration } from '../domain/record/record-service.ts';
import { isoDate } from '../domain/shared/clock.ts';
import type { NewId } from '../domain/shared/new-id.ts';
import {
  ALLERGIES,
  BIRTH_COMMUNES_PER_DEPARTEMENT,
  BIRTH_DEPARTEMENTS,
  COMMUNES,
  DOCUMENT_TYPES,
  FAMILY_NAMES,
  FEMALE_GIVEN_NAMES,
  HOSPITAL_SPECIALTIES,
  MALE_GIVEN_NAMES,
  PROFILES,
  ROUTINE_RESULTS,
  SERVICE_NAMES,
  STREETS,
  type ClinicalProfile,
  type DocumentTypeKey,
  type FollowUpTemplate,
  type HospitalSpecialty,
  type ResultTemplate,
} from './demo-catalog.ts';
import type { SeededRandom } from './seeded-random.ts';

export type Profession =
  | 'physician'
  | 'nurse'
  | 'pharmacist'
  | 'physiotherapist'
  | 'dietitian'
  | 'social_worker'
  | 'psychologist'
  | 'coordinator';

/** A professional's demo sign-in (the account is created by seed-territory.ts). */
export interface ProfessionalLogin {
  readonly practitionerId: string;
  readonly login: string;
  readonly name: string;
  readonly profession: Profession;
}

export interface DemoDirectory {
  readonly organizations: readonly Organization[];
  readonly practitioners: readonly Practitioner[];
  readonly professionalLogins: readonly ProfessionalLogin[];
}

export const HOSPITAL_NAME = 'Centre hospitalier de Val-Relais';

type Place = 'msp-ormeaux' | 'msp-saint-aubin' | 'hospital' | HospitalSpecialty | null;
interface PractitionerSpec {
  readonly profession: Profession;
  readonly specialty: string | null;
  readonly place: Place;
}

const gp = (place: Place): PractitionerSpec => ({
  profession: 'physician',
  specialty: 'general_practice',
  place,
});
const specialist = (specialty: HospitalSpecialty): PractitionerSpec => ({
  profession: 'physician',
  specialty,
  place: specialty,
});
const other = (profession: Profession, place: Place): PractitionerSpec => ({
  profession,
  specialty: null,
  place,
});

// GPs first: the first one becomes the demo administrator.
// prettier-ignore
const PRACTITIONER_SPECS: readonly PractitionerSpec[] = [
  gp('msp-ormeaux'), gp('msp-ormeaux'), gp('msp-ormeaux'),
  gp('msp-saint-aubin'), gp('msp-saint-aubin'), gp('msp-saint-aubin'),
  specialist('cardiology'), specialist('cardiology'),
  specialist('endocrinology'), specialist('endocrinology'),
  specialist('oncology'), specialist('oncology'),
  specialist('pneumology'), specialist('pneumology'),
  specialist('geriatrics'), specialist('geriatrics'),
  specialist('emergency'), specialist('nephrology'), specialist('psychiatry'),
  other('nurse', 'msp-ormeaux'), other('nurse', 'msp-saint-aubin'), other('nurse', 'msp-saint-aubin'),
  other('nurse', 'cardiology'),
  other('pharmacist', null), other('pharmacist', null),
  other('physiotherapist', 'msp-saint-aubin'),
  other('dietitian', 'endocrinology'),
  other('social_worker', 'hospital'),
  other('psychologist', 'msp-ormeaux'),
  other('coordinator', 'hospital'), other('coordinator', null),
];

const LOGIN_PREFIX: Readonly<Record<Profession, string>> = {
  physician: 'dr',
  nurse: 'inf',
  pharmacist: 'pharm',
  physiotherapist: 'kine',
  dietitian: 'diet',
  social_worker: 'as',
  psychologist: 'psy',
  coordinator: 'coord',
};

/** The hospital, its services, two MSPs and about thirty professionals; same rng state ⇒ same directory. */
export function buildDemoDirectory(rng: SeededRandom, newId: NewId = randomUUID): DemoDirectory {
  const hospital: Organization = {
    id: newId(),
    kind: 'hospital',
    name: HOSPITAL_NAME,
    finess: withLuhnKey('45099001'),
    parentId: null,
    specialty: null,
  };
  const services = HOSPITAL_SPECIALTIES.map((specialty) => {
    const service: Organization = {
      id: newId(),
      kind: 'hospital_service',
      name: `${HOSPITAL_NAME} — ${SERVICE_NAMES[specialty]}`,
      finess: null,
      parentId: hospital.id,
      specialty,
    };
    return [specialty, service] as const;
  });
  const ormeaux = msp(newId(), 'Maison de santé pluriprofessionnelle des Ormeaux', '45099002');
  const saintAubin = msp(newId(), 'Maison de santé pluriprofessionnelle de Saint-Aubin', '45099003');
  const placeIds = new Map<Place, string>([
    ['hospital', hospital.id],
    ['msp-ormeaux', ormeaux.id],
    ['msp-saint-aubin', saintAubin.id],
    ...services.map(([specialty, service]) => [specialty, service.id] as const),
  ]);
  const familyNames = rng.sample(FAMILY_NAMES, PRACTITIONER_SPECS.length);
  const staff = PRACTITIONER_SPECS.map((spec, i) => {
    const practitioner: Practitioner = {
      id: newId(),
      // Fictional RPPS: 11 digits starting with 1, the last one a Luhn key (so no check-digit warning).
      rpps: withLuhnKey(`1099900${String(i + 1).padStart(3, '0')}`),
      familyName: familyNames[i] ?? `Praticien${i + 1}`,
      givenName: rng.pick(rng.chance(0.5) ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES),
      profession: spec.profession,
      specialty: spec.specialty,
      organizationId: placeIds.get(spec.place) ?? null,
    };
    return { spec, practitioner };
  });
  const taken = new Set<string>();
  return {
    organizations: [hospital, ...services.map(([, service]) => service), ormeaux, saintAubin],
    practitioners: staff.map(({ practitioner }) => practitioner),
    professionalLogins: staff.map(({ spec, practitioner: p }) => ({
      practitionerId: p.id,
      login: uniqueLogin(`${LOGIN_PREFIX[spec.profession]}.${loginSlug(p.familyName)}`, taken),
      name: `${p.givenName} ${p.familyName}`,
      profession: spec.profession,
    })),
  };
}

function msp(id: string, name: string, finessBody: string): Organization {
  return {
    id,
    kind: 'practice',
    name,
    finess: withLuhnKey(finessBody),
    parentId: null,
    specialty: 'general_practice',
  };
}

/** Appends the digit that makes `body` pass the Luhn check (fictional RPPS and FINESS). */
export function withLuhnKey(body: string): string {
  for (let digit = 0; digit <= 9; digit += 1) {
    if (luhnValid(`${body}${digit}`)) return `${body}${digit}`;
  }
  throw new RangeError(`no Luhn key for ${body}`);
}

/** Lower-case ASCII for logins: "Le Goff" → "le-goff", "Lefèvre" → "lefevre". */
export function loginSlug(name: string): string {
  return nameKey(name).replace(/ /g, '-');
}

/** `base`, or `base2`, `base3`… when taken; records the one returned. */
export function uniqueLogin(base: string, taken: Set<string>): string {
  let login = base;
  for (let n = 2; taken.has(login); n += 1) login = `${base}${n}`;
  taken.add(login);
  return login;
}

// ---------------------------------------------------------------------------------------------------------
// Patients

/** Indexes below this give distinct INS (see demoInsMatricule). */
export const INS_INDEX_CAPACITY = BIRTH_DEPARTEMENTS.length * BIRTH_COMMUNES_PER_DEPARTEMENT * 999;
// Coprime with the capacity (2^4·3^5·5^3·37), so index ↦ index·P mod capacity is a bijection that
// scatters neighbouring patients over départements and communes instead of filling one commune first.
const INS_SCRAMBLE = 10_000_019;
const INS_OFFSET = 7_654_321;

/**
 * A demo INS (NIR + key) for patient `index`: sex and birth year/month from the identity; birthplace
 * (département + commune) and order number derived from the index, so two indexes never share an INS.
 * Throws RangeError beyond INS_INDEX_CAPACITY.
 */
export function demoInsMatricule(sex: 'male' | 'female', birthDate: string, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= INS_INDEX_CAPACITY) {
    throw new RangeError(`patient index must be an integer in [0, ${INS_INDEX_CAPACITY}), got ${index}`);
  }
  const slot = (index * INS_SCRAMBLE + INS_OFFSET) % INS_INDEX_CAPACITY;
  const order = (slot % 999) + 1;
  const place = Math.floor(slot / 999);
  const commune = (place % BIRTH_COMMUNES_PER_DEPARTEMENT) + 1;
  const departement = BIRTH_DEPARTEMENTS[Math.floor(place / BIRTH_COMMUNES_PER_DEPARTEMENT)] ?? '45';
  const nir = [
    sex === 'male' ? '1' : '2',
    birthDate.slice(2, 4),
    birthDate.slice(5, 7),
    departement,
    String(commune).padStart(3, '0'),
    String(order).padStart(3, '0'),
  ].join('');
  return `${nir}${computeInsKey(nir)}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** One patient of the territory: identity, conditions and what follows from them, and a care team. */
export function buildPatientRegistration(
  rng: SeededRandom,
  directory: DemoDirectory,
  index: number,
  now: Date,
): PatientRegistration {
  const team = teamIndexOf(directory);
  const identity = buildIdentity(rng, index, now);
  const sex = identity.sex === 'female' ? 'female' : 'male';
  const birth = Date.parse(`${identity.birthDate}T00:00:00Z`);
  const age = ageOn(identity.birthDate, now);
  const profiles = chooseProfiles(rng, age, sex);

  const careTeam = buildCareTeam(rng, team, profiles, age);
  const conditions: ClinicalEntry[] = [];
  const medications: ClinicalEntry[] = [];
  const seenAtc = new Set<string>();
  for (const profile of profiles) {
    const earliest = Math.max(birth + profile.minAge * 365.25 * DAY_MS, now.getTime() - 15 * 365 * DAY_MS);
    const latest = now.getTime() - 60 * DAY_MS;
    const onset = earliest >= latest ? latest : earliest + rng.next() * (latest - earliest);
    conditions.push({
      kind: 'condition',
      codeSystem: 'ICD-10',
      code: profile.code,
      display: profile.display,
      clinicalStatus: 'active',
      onsetDate: isoDate(new Date(onset)),
    });
    for (const medication of profile.medications) {
      if (seenAtc.has(medication.atcCode) || !rng.chance(medication.probability)) continue;
      seenAtc.add(medication.atcCode);
      const started = onset + rng.next() * Math.max(0, now.getTime() - 7 * DAY_MS - onset);
      medications.push({
        kind: 'medication',
        atcCode: medication.atcCode,
        name: medication.name,
        dosage: medication.dosage,
        startedOn: isoDate(new Date(started)),
        status: rng.chance(0.06) ? 'stopped' : 'active',
      });
    }
  }
  const allergies: ClinicalEntry[] = rng.sample(ALLERGIES, rng.weightedIndex([55, 35, 10])).map((a) => ({
    kind: 'allergy',
    substance: a.substance,
    reaction: a.reaction,
    criticality: a.criticality,
  }));

  return {
    identity,
    entries: [
      ...careTeam.entries,
      ...conditions,
      ...medications,
      ...allergies,
      ...buildResults(rng, profiles, now),
      ...buildDocuments(rng, { identity, profiles, careTeam, medications, now }),
      ...buildAppointments(rng, profiles, careTeam, now),
    ],
  };
}

function buildIdentity(rng: SeededRandom, index: number, now: Date): PatientIdentityInput {
  const sex = rng.chance(0.52) ? 'female' : 'male';
  const year = rng.chance(0.7) ? rng.int(1930, 1965) : rng.int(1966, 2005);
  const month = rng.int(1, 12);
  const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const givenPool = sex === 'female' ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES;
  const givenNames = rng.sample(givenPool, rng.weightedIndex([30, 50, 20]) + 1);
  const firstGivenName = givenNames[0] ?? rng.pick(givenPool);
  const birthFamilyName = rng.pick(FAMILY_NAMES);
  const status = rng.weighted([
    ['QUAL', 75],
    ['VALI', 10],
    ['RECUP', 8],
    ['PROV', 7],
  ] as const);
  const home = rng.pick(COMMUNES);
  const married = sex === 'female' && ageOn(birthDate, now) >= 25 && rng.chance(0.4);
  const usedFamilyName = married
    ? rng.pick(FAMILY_NAMES.filter((name) => name !== birthFamilyName))
    : undefined;
  const ins =
    status === 'PROV'
      ? undefined
      : { matricule: demoInsMatricule(sex, birthDate, index), oid: INS_OIDS['INS-NIR-DEMO'] };
  const phoneNumber = index % 10_000;
  // 06 39 98 xx xx is an ARCEP range reserved for fiction: no real subscriber can be reached.
  const phone = `06 39 98 ${String(Math.floor(phoneNumber / 100)).padStart(2, '0')} ${String(phoneNumber % 100).padStart(2, '0')}`;
  const withEmail = rng.chance(0.5);
  return {
    ...(ins === undefined ? {} : { ins }),
    identityStatus: status,
    birthFamilyName,
    firstGivenName,
    givenNames: givenNames.join(' '),
    ...(usedFamilyName === undefined ? {} : { usedFamilyName }),
    sex,
    birthDate,
    // The NIR carries the birthplace; a provisional identity has only what the patient said.
    ...(ins === undefined ? {} : { birthPlaceCode: ins.matricule.slice(5, 10) }),
    ...(rng.chance(0.85) ? { phone } : {}),
    // example.org is reserved (RFC 2606): no mail can reach anyone.
    ...(withEmail
      ? { email: `${loginSlug(firstGivenName)}.${loginSlug(usedFamilyName ?? birthFamilyName)}@example.org` }
      : {}),
    address: `${rng.int(1, 140)} ${rng.pick(STREETS)}, ${home.postalCode} ${home.name}`,
  };
}

function ageOn(birthDate: string, now: Date): number {
  const today = isoDate(now);
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A first condition the patient can have, then up to two that often come with it. */
function chooseProfiles(rng: SeededRandom, age: number, sex: 'male' | 'female'): ClinicalProfile[] {
  const fits = (p: ClinicalProfile) => age >= p.minAge && (p.sex === null || p.sex === sex);
  const eligible = PROFILES.filter(fits);
  // A "now" before the youngest birth years could leave nobody eligible: take the youngest profile then.
  const pool = eligible.length > 0 ? eligible : PROFILES.filter((p) => p.key === 'depression');
  const first = rng.weighted(pool.map((p) => [p, p.weight] as const));
  const associated = first.associated
    .map((key) => PROFILES.find((p) => p.key === key))
    .filter((p): p is ClinicalProfile => p !== undefined && fits(p));
  return [first, ...rng.sample(associated, rng.weightedIndex([45, 40, 15]))];
}

function buildResults(rng: SeededRandom, profiles: readonly ClinicalProfile[], now: Date): ClinicalEntry[] {
  // A condition's own template (e.g. CKD creatinine) wins over the routine one with the same code.
  const templates: ResultTemplate[] = [];
  for (const template of [...profiles.flatMap((p) => p.results), ...ROUTINE_RESULTS]) {
    if (!templates.some((t) => t.loincCode === template.loincCode)) templates.push(template);
  }
  const order = rng.sample(templates, templates.length);
  const count = rng.int(3, 12);
  const results: ClinicalEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const template = order[i % order.length];
    if (template === undefined) break;
    const [min, max] = template.typical;
    const scale = 10 ** template.decimals;
    const value = Math.round((min + rng.next() * (max - min)) * scale) / scale;
    // Yesterday or earlier, sampled in the morning (UTC date of that day), so never in the future.
    const taken = new Date(now.getTime() - rng.int(1, 730) * DAY_MS);
    taken.setUTCHours(rng.int(6, 10), rng.pick([0, 10, 20, 30, 40, 50]), 0, 0);
    results.push({
      kind: 'result',
      loincCode: template.loincCode,
      display: template.display,
      valueNumeric: value,
      valueText: null,
      unit: template.unit,
      referenceRange: referenceRangeOf(template),
      interpretation: interpretationOf(template, value),
      effectiveAt: taken.toISOString(),
    });
  }
  return results;
}

function referenceRangeOf(t: ResultTemplate): string | null {
  const f = (n: number) => n.toFixed(t.decimals);
  if (t.low !== null && t.high !== null) return `${f(t.low)}-${f(t.high)}`;
  if (t.high !== null) return `< ${f(t.high)}`;
  if (t.low !== null) return `> ${f(t.low)}`;
  return null;
}

function interpretationOf(t: ResultTemplate, value: number): 'normal' | 'low' | 'high' | null {
  if (t.low === null && t.high === null) return null;
  if (t.low !== null && value < t.low) return 'low';
  if (t.high !== null && value > t.high) return 'high';
  return 'normal';
}

// ---------------------------------------------------------------------------------------------------------
// Care team

interface TeamIndex {
  readonly gps: readonly Practitioner[];
  readonly byProfession: ReadonlyMap<string, readonly Practitioner[]>;
  readonly specialists: ReadonlyMap<string, readonly Practitioner[]>;
  readonly serviceOf: ReadonlyMap<string, Organization>;
  readonly names: ReadonlyMap<string, string>;
}

const teamIndexes = new WeakMap<DemoDirectory, TeamIndex>();

/** Lookups over the directory, computed once per directory (patients are built by the thousand). */
function teamIndexOf(directory: DemoDirectory): TeamIndex {
  const cached = teamIndexes.get(directory);
  if (cached !== undefined) return cached;
  const group = (key: (p: Practitioner) => string | null) => {
    const map = new Map<string, Practitioner[]>();
    for (const p of directory.practitioners) {
      const k = key(p);
      if (k !== null) map.set(k, [...(map.get(k) ?? []), p]);
    }
    return map;
  };
  const index: TeamIndex = {
    gps: directory.practitioners.filter((p) => p.specialty === 'general_practice'),
    byProfession: group((p) => p.profession),
    specialists: group((p) => (p.profession === 'physician' ? p.specialty : null)),
    serviceOf: new Map(
      directory.organizations.flatMap((o) =>
        o.kind === 'hospital_service' && o.specialty !== null ? [[o.specialty, o] as const] : [],
      ),
    ),
    names: new Map(directory.practitioners.map((p) => [p.id, `${p.givenName} ${p.familyName}`])),
  };
  teamIndexes.set(directory, index);
  return index;
}

interface CareTeam {
  readonly entries: ClinicalEntry[];
  readonly gp: Practitioner;
  readonly nurse: Practitioner | undefined;
  readonly specialistOf: ReadonlyMap<string, Practitioner>;
  readonly team: TeamIndex;
}

function buildCareTeam(
  rng: SeededRandom,
  team: TeamIndex,
  profiles: readonly ClinicalProfile[],
  age: number,
): CareTeam {
  const members = new Map<string, CareTeamRole>();
  const add = (practitioner: Practitioner | undefined, role: CareTeamRole): Practitioner | undefined => {
    if (practitioner !== undefined && !members.has(practitioner.id)) members.set(practitioner.id, role);
    return practitioner;
  };
  const among = (profession: string) => team.byProfession.get(profession) ?? [];
  const gp = rng.pick(team.gps);
  add(gp, 'medecin_traitant');
  add(rng.pick(among('pharmacist')), 'pharmacist');
  const specialistOf = new Map<string, Practitioner>();
  for (const profile of profiles) {
    const chosen =
      specialistOf.get(profile.specialty) ?? rng.pick(team.specialists.get(profile.specialty) ?? [gp]);
    specialistOf.set(profile.specialty, chosen);
    add(chosen, 'specialist');
  }
  const nurseChance = Math.max(
    age >= 75 ? 0.7 : 0.35,
    ...profiles.flatMap((p) => p.support.filter(([r]) => r === 'nurse').map(([, c]) => c)),
  );
  const nurse = rng.chance(nurseChance) ? add(rng.pick(among('nurse')), 'nurse') : undefined;
  for (const profile of profiles) {
    for (const [role, chance] of profile.support) {
      const pool = among(role);
      if (role !== 'nurse' && pool.length > 0 && rng.chance(chance)) add(rng.pick(pool), role);
    }
  }
  if (rng.chance(0.5)) add(rng.pick(among('coordinator')), 'coordinator');
  const entries: ClinicalEntry[] = [...members].map(([practitionerId, role]) => ({
    kind: 'care-team-member',
    practitionerId,
    role,
  }));
  return { entries, gp, nurse, specialistOf, team };
}

// ---------------------------------------------------------------------------------------------------------
// Documents and appointments

function buildDocuments(
  rng: SeededRandom,
  context: {
    identity: PatientIdentityInput;
    profiles: readonly ClinicalProfile[];
    careTeam: CareTeam;
    medications: readonly ClinicalEntry[];
    now: Date;
  },
): ClinicalEntry[] {
  const { identity, profiles, careTeam, medications, now } = context;
  const count = rng.weightedIndex([45, 40, 15]);
  const kinds = rng.sample<DocumentTypeKey>(['consultation', 'hospitalReport', 'dischargeLetter'], count);
  const encoder = new TextEncoder();
  return kinds.map((kind) => {
    const profile = rng.pick(profiles);
    const author = careTeam.specialistOf.get(profile.specialty);
    const service = SERVICE_NAMES[profile.specialty];
    const end = new Date(now.getTime() - rng.int(7, 365) * DAY_MS);
    const start = new Date(end.getTime() - rng.int(2, 9) * DAY_MS);
    const born = identity.sex === 'female' ? 'née' : 'né';
    const usedName = identity.usedFamilyName ?? identity.birthFamilyName;
    const birthName = identity.usedFamilyName === undefined ? '' : `, ${born} ${identity.birthFamilyName}`;
    const header = [
      `${HOSPITAL_NAME} — ${service}`,
      `Patient : ${identity.sex === 'female' ? 'Mme' : 'M.'} ${identity.firstGivenName} ${usedName}${birthName}, ${born} le ${frenchDate(identity.birthDate)}`,
      `Médecin : Dr ${author === undefined ? '—' : careTeam.team.names.get(author.id)}`,
      `Destinataire : Dr ${careTeam.team.names.get(careTeam.gp.id)} (médecin traitant)`,
      '',
    ];
    const treatment = medications.flatMap((m) =>
      m.kind === 'medication' && m.status === 'active' ? [`- ${m.name} : ${m.dosage}`] : [],
    );
    const body: Record<DocumentTypeKey, string[]> = {
      consultation: [
        `Consultation du ${frenchDate(isoDate(end))}.`,
        `Motif : suivi — ${profile.display.toLowerCase()}.`,
        `Conclusion : ${profile.reportConclusion}`,
      ],
      hospitalReport: [
        `Séjour du ${frenchDate(isoDate(start))} au ${frenchDate(isoDate(end))}.`,
        `Motif d'hospitalisation : déséquilibre de ${profile.display.toLowerCase()}.`,
        'Évolution favorable sous traitement adapté.',
        `Conclusion : ${profile.reportConclusion}`,
      ],
      dischargeLetter: [
        `Sortie le ${frenchDate(isoDate(end))} après un séjour débuté le ${frenchDate(isoDate(start))}.`,
        `Diagnostic principal : ${profile.display}.`,
        'Traitement de sortie :',
        ...(treatment.length > 0 ? treatment : ['- pas de modification']),
        'Suites : consultation avec le médecin traitant dans les 7 jours ; bilan biologique à 15 jours.',
      ],
    };
    const type = DOCUMENT_TYPES[kind];
    return {
      kind: 'document',
      typeCode: type.typeCode,
      title: `${type.title} — ${service}`,
      mimeType: 'text/plain',
      content: encoder.encode([...header, ...body[kind]].join('\n')),
    };
  });
}

function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function buildAppointments(
  rng: SeededRandom,
  profiles: readonly ClinicalProfile[],
  careTeam: CareTeam,
  now: Date,
): ClinicalEntry[] {
  const options = profiles.flatMap((profile) =>
    profile.followUps.flatMap((followUp) => {
      const who = whoSees(followUp, profile, careTeam);
      return who === undefined ? [] : [{ followUp, ...who }];
    }),
  );
  const chosen = rng.sample(options, rng.weightedIndex([40, 40, 20]));
  return chosen.map(({ followUp, practitionerId, organizationId }) => {
    // Within the next 60 days, on a weekday, on the quarter hour, in working hours (UTC ≈ Paris − 1 or 2 h).
    const start = new Date(now.getTime() + rng.int(1, 58) * DAY_MS);
    const weekday = start.getUTCDay();
    if (weekday === 6 || weekday === 0) start.setTime(start.getTime() + (weekday === 6 ? 2 : 1) * DAY_MS);
    start.setUTCHours(rng.int(7, 15), rng.pick([0, 15, 30, 45]), 0, 0);
    return {
      kind: 'appointment',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + followUp.minutes * 60_000).toISOString(),
      appointmentKind: followUp.kind,
      practitionerId,
      organizationId,
      reason: followUp.reason,
      instructions: followUp.instructions,
    };
  });
}

function whoSees(
  followUp: FollowUpTemplate,
  profile: ClinicalProfile,
  careTeam: CareTeam,
): { practitionerId: string; organizationId: string | null } | undefined {
  switch (followUp.with) {
    case 'gp':
      return { practitionerId: careTeam.gp.id, organizationId: careTeam.gp.organizationId };
    case 'nurse':
      return careTeam.nurse === undefined
        ? undefined
        : { practitionerId: careTeam.nurse.id, organizationId: careTeam.nurse.organizationId };
    case 'specialist': {
      const specialist = careTeam.specialistOf.get(profile.specialty);
      const service = careTeam.team.serviceOf.get(profile.specialty);
      return specialist === undefined
        ? undefined
        : { practitionerId: specialist.id, organizationId: service?.id ?? null };
    }
  }
}
