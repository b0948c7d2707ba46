import { randomUUID } from 'node:crypto';
import type { Relais } from '../../src/app.ts';
import {
  accountIdOf,
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
  insertAlert,
} from './factories.ts';
import type { ClinicalEntry } from '../../src/domain/record/clinical-entry.ts';
import { CLINICAL_TYPES, type ClinicalType } from './fhir-clinical.ts';
import { validBody } from './route-bodies.ts';
import { admitPatient, dischargePatient } from './stays.ts';
import { settleJournal } from './test-relais.ts';

/** How a professional relates to one patient; every patient has exactly one professional of each. */
export const PROFESSIONAL_RELATIONS = [
  'care-team', // the médecin traitant, who also sent the patient's referral and owns their task
  'ex-member', // a nurse whose membership ended yesterday
  'objected', // a nurse of the care team the patient objects to by name
  'objected-organization', // a nurse of the care team whose organisation the patient objects to
  'break-glass', // outside the team, with a break-the-glass grant running for another hour
  'break-glass-expired', // outside the team, whose grant ended an hour ago
  'consent', // outside the team, with the patient's consent to share (reading only)
  'outsider', // no relation at all
] as const;

export type ProfessionalRelation = (typeof PROFESSIONAL_RELATIONS)[number];

/** Every kind of caller the access matrix tries, relative to one patient. */
export type PrincipalKind = ProfessionalRelation | 'self' | 'other-patient' | 'anonymous';

export const PRINCIPAL_KINDS: readonly PrincipalKind[] = [
  ...PROFESSIONAL_RELATIONS,
  'self',
  'other-patient',
  'anonymous',
];

/** One world patient: identity, and one of each thing the patient routes name. */
export interface WorldPatient {
  readonly patientId: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly documentId: string;
  readonly appointmentId: string;
  readonly alertId: string;
  readonly enrolmentId: string;
  readonly occurrenceId: string;
  /** The sharing choice that consents to a professional (FHIR Consent). */
  readonly choiceId: string;
  readonly stayId: string;
  readonly transitionItemId: string;
  readonly referralId: string;
  readonly taskId: string;
  /** A comment on the task, for FHIR Communication/<id>. */
  readonly commentId: string;
  /** A problem, treatment, allergy and result, by FHIR type (Condition…), for the FHIR routes. */
  readonly entryIds: Readonly<Record<ClinicalType, string>>;
}

/** A caller: a professional, a patient's portal account, or nobody signed in. */
export interface WorldPrincipal {
  readonly label: string;
  readonly token: string | null;
  readonly accountId: string | null;
  /** For a patient account: whose. */
  readonly ownPatientIndex: number | null;
  /** For a professional: the relation to each world patient, by index. */
  readonly relations: readonly ProfessionalRelation[];
}

export interface AccessWorld {
  readonly patients: readonly WorldPatient[];
  readonly principals: readonly WorldPrincipal[];
  /** Not a caller: whom request bodies name (care-team additions, referral targets, assignees). */
  readonly bystanderPractitionerId: string;
}

/** What `principal` is to the patient at `patientIndex`. */
export function kindOf(principal: WorldPrincipal, patientIndex: number): PrincipalKind {
  if (principal.token === null) return 'anonymous';
  if (principal.ownPatientIndex !== null)
    return principal.ownPatientIndex === patientIndex ? 'self' : 'other-patient';
  const relation = principal.relations[patientIndex];
  if (relation === undefined) throw new Error(`no relation to patient ${patientIndex}`);
  return relation;
}

/** The world principal of `kind` for the patient at `patientIndex` (each kind exists once per patient). */
export function principalOfKind(
  world: AccessWorld,
  kind: PrincipalKind,
  patientIndex: number,
): WorldPrincipal {
  const found = world.principals.find((principal) => kindOf(principal, patientIndex) === kind);
  if (found === undefined) throw new Error(`no ${kind} for patient ${patientIndex}`);
  return found;
}

interface WorldProfessional {
  readonly practitionerId: string;
  readonly token: string;
  readonly accountId: string;
  readonly organizationId: string;
}

const NAMES: readonly (readonly [string, string])[] = [
  ['Aubertin', 'Sidonie'],
  ['Berthelot', 'Gaspard'],
  ['Courtois', 'Ombeline'],
  ['Delmas', 'Anatole'],
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Builds the access world: `patientCount` patients (at most 4), each with a portal account, a
 * document, an appointment, an alert, a pathway, a discharged stay with its transition, a referral
 * and a task; and one professional per relation, arranged as a Latin square, so each professional
 * relates differently to each patient (the GP of one is an ex-member of the next, and so on) and
 * every patient has every relation exactly once. Sharing choices and grants are written as rows: no route records them yet.
 */
export async function buildAccessWorld(relais: Relais, patientCount: number): Promise<AccessWorld> {
  if (patientCount < 2 || patientCount > NAMES.length) throw new Error('2 to 4 patients');
  const db = relais.database.db;
  const professionals: WorldProfessional[] = [];
  while (professionals.length < PROFESSIONAL_RELATIONS.length) {
    const professional = await createProfessional(relais);
    const accountId = await accountIdOf(relais, professional.token);
    const { organization_id } = await db
      .selectFrom('practitioners')
      .select('organization_id')
      .where('id', '=', professional.practitionerId)
      .executeTakeFirstOrThrow();
    if (organization_id === null) throw new Error('a professional without an organisation');
    professionals.push({ ...professional, accountId, organizationId: organization_id });
  }
  const relationOf = (pro: number, patient: number): ProfessionalRelation =>
    PROFESSIONAL_RELATIONS[(pro + patient) % PROFESSIONAL_RELATIONS.length] ?? 'outsider';
  const withRelation = (patient: number, relation: ProfessionalRelation) => {
    const found = professionals.find((_, pro) => relationOf(pro, patient) === relation);
    if (found === undefined) throw new Error(`no ${relation}`);
    return found;
  };
  const bystander = await createProfessional(relais);
  const specialist = await createProfessional(relais);

  const patients: WorldPatient[] = [];
  const patientAccounts = [];
  for (let index = 0; index < patientCount; index++) {
    const [familyName, givenName] = NAMES[index] ?? ['', ''];
    const gp = withRelation(index, 'care-team');
    const nurses = (['ex-member', 'objected', 'objected-organization'] as const).map(
      (relation) => withRelation(index, relation).practitionerId,
    );
    const patientId = await createPatient(relais, [gp.practitionerId, ...nurses], {
      identity: { birthFamilyName: familyName, firstGivenName: givenName, givenNames: givenName },
      entries: [
        {
          kind: 'document',
          typeCode: '11488-4',
          title: 'Compte rendu',
          mimeType: 'text/plain',
          content: new TextEncoder().encode('compte rendu'),
        },
        ...WORLD_ENTRIES,
      ],
    });
    const signedIn = await createPatientAccount(relais, patientId);
    const account = { ...signedIn, accountId: await accountIdOf(relais, signedIn.token) };
    patientAccounts.push(account);
    const now = relais.clock();
    await db
      .updateTable('care_team_members')
      .set({ started_on: isoDay(now.getTime() - 30 * DAY), ended_on: isoDay(now.getTime() - DAY) })
      .where('patient_id', '=', patientId)
      .where('practitioner_id', '=', withRelation(index, 'ex-member').practitionerId)
      .execute();
    const choice = {
      patient_id: patientId,
      allowed_practitioner_ids: [],
      recorded_by_account_id: account.accountId,
      on_behalf: false,
    };
    const objected = withRelation(index, 'objected');
    const objectedOrganization = withRelation(index, 'objected-organization');
    await db
      .insertInto('sharing_choices')
      .values([
        {
          ...choice,
          id: randomUUID(),
          kind: 'objection',
          practitioner_id: objected.practitionerId,
          recorded_at: now,
        },
        {
          ...choice,
          id: randomUUID(),
          kind: 'objection',
          organization_id: objectedOrganization.organizationId,
          recorded_at: now,
        },
        {
          ...choice,
          id: randomUUID(),
          kind: 'consent',
          practitioner_id: withRelation(index, 'consent').practitionerId,
          recorded_at: now,
        },
      ])
      .execute();
    const grant = (relation: 'break-glass' | 'break-glass-expired', grantedAt: number) => {
      const holder = withRelation(index, relation);
      return {
        patient_id: patientId,
        id: randomUUID(),
        practitioner_id: holder.practitionerId,
        account_id: holder.accountId,
        reason: 'urgence vitale, patient inconscient',
        granted_at: new Date(grantedAt),
        expires_at: new Date(grantedAt + 4 * HOUR),
      };
    };
    await db
      .insertInto('break_glass_grants')
      .values([
        grant('break-glass', now.getTime() - 3 * HOUR),
        grant('break-glass-expired', now.getTime() - 5 * HOUR),
      ])
      .execute();
    patients.push(await patientThings(relais, { index, patientId, familyName, givenName, gp, specialist }));
  }
  await settleJournal(relais);
  const principals: WorldPrincipal[] = [
    ...professionals.map((pro, proIndex) => ({
      label: `professional ${proIndex + 1}`,
      token: pro.token,
      accountId: pro.accountId,
      ownPatientIndex: null,
      relations: patients.map((_, patientIndex) => relationOf(proIndex, patientIndex)),
    })),
    ...patientAccounts.map((account, index) => ({
      label: `patient ${index + 1}`,
      token: account.token,
      accountId: account.accountId,
      ownPatientIndex: index,
      relations: [],
    })),
    { label: 'anonymous', token: null, accountId: null, ownPatientIndex: null, relations: [] },
  ];
  return { patients, principals, bystanderPractitionerId: bystander.practitionerId };
}

/** The patient's alert, pathway, stay, referral and task, made the way the product makes them. */
async function patientThings(
  relais: Relais,
  patient: {
    index: number;
    patientId: string;
    familyName: string;
    givenName: string;
    gp: { token: string; practitionerId: string };
    specialist: { practitionerId: string };
  },
): Promise<WorldPatient> {
  const { patientId, gp } = patient;
  const db = relais.database.db;
  const documentId = (
    await db
      .selectFrom('documents')
      .select('id')
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow()
  ).id;
  const created = async (url: string, payload: Record<string, unknown>) => {
    const response = await relais.http.inject({ method: 'POST', url, headers: bearer(gp.token), payload });
    if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`);
    return response.json<{ id: string }>().id;
  };
  const appointmentId = await created(
    `/api/patients/${patientId}/appointments`,
    validBody('appointments', { practitionerId: gp.practitionerId, patientId }) ?? {},
  );
  const alertId = await insertAlert(relais, patientId);
  const enrolmentId = await created(`/api/patients/${patientId}/pathways`, {
    templateId: 'cancer-parcours',
    startOn: '2026-01-05',
  });
  const occurrenceId = (
    await db
      .selectFrom('pathway_occurrences')
      .select('id')
      .where('enrolment_id', '=', enrolmentId)
      .executeTakeFirstOrThrow()
  ).id;
  const choiceId = (
    await db
      .selectFrom('sharing_choices')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('kind', '=', 'consent')
      .executeTakeFirstOrThrow()
  ).id;
  const referral = validBody('referrals', { practitionerId: patient.specialist.practitionerId, patientId });
  const referralId = await created(`/api/patients/${patientId}/referrals`, {
    ...referral,
    attachedDocumentIds: [documentId],
  });
  const taskId = await created(
    '/api/tasks',
    validBody('tasks', { practitionerId: gp.practitionerId, patientId }) ?? {},
  );
  const commentId = await created(`/api/tasks/${taskId}/comments`, { text: 'x' });
  // A task for the team's nurses too, which the objected nurses' worklists must not show.
  await created('/api/tasks', {
    ...validBody('tasks', { practitionerId: gp.practitionerId, patientId }),
    assignee: { kind: 'care-team-role', role: 'nurse' },
  });
  const stay = await dischargePatient(relais, await admitPatient(relais, patientId));
  await settleJournal(relais);
  await created(
    `/api/patients/${patientId}/stays/${stay.id}/letter`,
    validBody('letter', { practitionerId: gp.practitionerId, patientId }) ?? {},
  );
  const transitionItemId = (
    await db
      .selectFrom('transition_items')
      .innerJoin('transitions', 'transitions.id', 'transition_items.transition_id')
      .select('transition_items.id')
      .where('transitions.stay_id', '=', stay.id)
      .where('transition_items.kind', '=', 'discharge-letter')
      .executeTakeFirstOrThrow()
  ).id;
  return {
    entryIds: await entryIdsOf(relais, patientId),
    patientId,
    familyName: patient.familyName,
    givenName: patient.givenName,
    documentId,
    appointmentId,
    alertId,
    enrolmentId,
    occurrenceId,
    choiceId,
    stayId: stay.id,
    transitionItemId,
    referralId,
    taskId,
    commentId,
  };
}

/** `url` with the route's parameters filled from `patient`'s things (and its own patient id). */
export function fillRoute(url: string, patient: WorldPatient, things: WorldPatient = patient): string {
  return (
    url
      .replace(':patientId', patient.patientId)
      // FHIR routes name the resource `:id` (a Patient's or CareTeam's id is the patient's; the others
      // are the patient's own, whose id names the patient) and a version `:vid`.
      .replace(/\/(Patient|CareTeam)\/:id/, `/$1/${patient.patientId}`)
      .replace(/\/(DocumentReference|Binary)\/:id/, `/$1/${patient.documentId}`)
      .replace(/\/Encounter\/:id/, `/Encounter/${patient.stayId}`)
      .replace(/\/Appointment\/:id/, `/Appointment/${patient.appointmentId}`)
      .replace(/\/CarePlan\/:id/, `/CarePlan/${patient.enrolmentId}`)
      .replace(/\/Consent\/:id/, `/Consent/${patient.choiceId}`)
      // A referral is its ServiceRequest; a Task by id is filled with the coordination task.
      .replace(/\/ServiceRequest\/:id/, `/ServiceRequest/${things.referralId}`)
      .replace(/\/Task\/:id/, `/Task/${things.taskId}`)
      // A task's comment is a Communication; the search and the create name the task it is based on.
      .replace(/\/Communication\/:id/, `/Communication/${things.commentId}`)
      .replace(/^\/fhir\/R4\/Communication$/, `$&?based-on=Task/${things.taskId}`)
      // A search of one patient's data names them (a create at that path ignores it).
      .replace(
        /^\/fhir\/R4\/(CareTeam|DocumentReference|Encounter|Appointment|ServiceRequest|Task|CarePlan|Consent)$/,
        `$&?patient=${patient.patientId}`,
      )
      // A clinical resource is read by its id, and searched within one patient's record.
      .replace(CLINICAL_READ, (_, type: ClinicalType) => `/${type}/${things.entryIds[type]}`)
      .replace(CLINICAL_SEARCH, (search: string) => `${search}?patient=${patient.patientId}`)
      .replace(':vid', '1')
      .replace(':documentId', things.documentId)
      .replace(':alertId', things.alertId)
      .replace(':name', 'hba1c')
      .replace(':enrolmentId', things.enrolmentId)
      .replace(':occurrenceId', things.occurrenceId)
      .replace(':stayId', things.stayId)
      .replace(':itemId', things.transitionItemId)
      .replace(':referralId', things.referralId)
      .replace(':taskId', things.taskId)
  );
}

const CLINICAL_READ = new RegExp(`/(${CLINICAL_TYPES.join('|')})/:id$`);
const CLINICAL_SEARCH = new RegExp(`^/fhir/R4/(${CLINICAL_TYPES.join('|')})$`);

/** One entry of each kind the FHIR clinical types serve (codes no coordination rule watches). */
const WORLD_ENTRIES: readonly ClinicalEntry[] = [
  {
    kind: 'condition',
    codeSystem: 'ICD-10',
    code: 'J45',
    display: 'Asthme',
    clinicalStatus: 'active',
    onsetDate: '2001-09-20',
  },
  {
    kind: 'medication',
    atcCode: null,
    name: 'Salbutamol',
    dosage: 'si besoin',
    startedOn: null,
    status: 'active',
  },
  { kind: 'allergy', substance: 'Pénicilline', reaction: null, criticality: 'high' },
  {
    kind: 'result',
    loincCode: '2345-7',
    display: 'Glycémie',
    valueNumeric: 1.02,
    valueText: null,
    unit: 'g/L',
    referenceRange: null,
    interpretation: null,
    effectiveAt: '2026-01-05T08:00:00.000Z',
  },
];

async function entryIdsOf(relais: Relais, patientId: string): Promise<Record<ClinicalType, string>> {
  const db = relais.database.db;
  const idIn = async (table: 'conditions' | 'medications' | 'allergies' | 'results') =>
    (await db.selectFrom(table).select('id').where('patient_id', '=', patientId).executeTakeFirstOrThrow())
      .id;
  return {
    Condition: await idIn('conditions'),
    MedicationStatement: await idIn('medications'),
    AllergyIntolerance: await idIn('allergies'),
    Observation: await idIn('results'),
  };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
