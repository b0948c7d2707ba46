/**
 * A handful of demo referrals in different states, written through the referral use cases: one
 * waiting in cardiology's inbox, one scheduled, one whose report awaits the GP's acknowledgement, and
 * a télé-expertise waiting for its specialist. They concern the first patients, who have portal
 * accounts, so the portal shows them too.
 */
import type { ReferralService } from '../domain/referrals/referral-service.ts';
import type { NewReferral, ReferralAction, ReferralTarget } from '../domain/referrals/referral.ts';
import { demoPrincipal, NO_CLIENT, type DemoTerritory } from './seed-territory.ts';

const DAY_MS = 86_400_000;

/** What seeding referrals needs (any `createServices` result fits). */
export interface ReferralSeedServices {
  readonly referrals: Pick<ReferralService, 'send' | 'act'>;
}

interface Plan {
  readonly kind: NewReferral['kind'];
  readonly urgency: NewReferral['urgency'];
  readonly to: 'cardiology-service' | 'endocrinologist';
  readonly reason: string;
  readonly question: string;
  /** What the cardiologist does after it is sent, in order. */
  readonly then: readonly ((now: Date) => ReferralAction)[];
}

const PLANS: readonly Plan[] = [
  {
    kind: 'referral',
    urgency: 'soon',
    to: 'cardiology-service',
    reason: 'Dyspnée d’effort d’apparition récente',
    question: 'Insuffisance cardiaque ? Une échocardiographie vous paraît-elle indiquée ?',
    then: [],
  },
  {
    kind: 'referral',
    urgency: 'routine',
    to: 'cardiology-service',
    reason: 'Palpitations intermittentes',
    question: 'Trouble du rythme ? Holter à discuter.',
    then: [
      () => ({ kind: 'accept' }),
      (now) => ({
        kind: 'schedule',
        at: new Date(now.getTime() + 6 * DAY_MS),
        place: 'Consultations de cardiologie, bâtiment B, 1er étage',
        teleconsultation: false,
        instructions: 'Apporter vos ordonnances et votre dernier ECG.',
      }),
    ],
  },
  {
    kind: 'referral',
    urgency: 'soon',
    to: 'cardiology-service',
    reason: 'Hypertension résistante à une trithérapie',
    question: 'Bilan d’HTA secondaire ? Adaptation du traitement ?',
    then: [
      () => ({ kind: 'accept' }),
      (now) => ({
        kind: 'schedule',
        at: new Date(now.getTime() - 2 * DAY_MS),
        place: 'Hôpital de jour de cardiologie',
        teleconsultation: false,
        instructions: null,
      }),
      () => ({ kind: 'mark-seen' }),
      () => ({
        kind: 'report',
        text: 'Pas d’argument pour une HTA secondaire. Ajout de spironolactone 25 mg, kaliémie à 1 semaine.',
        documentId: null,
      }),
    ],
  },
  {
    kind: 'tele-expertise',
    urgency: 'routine',
    to: 'endocrinologist',
    reason: 'Diabète de type 2 déséquilibré malgré une bithérapie',
    question: 'Quel traitement proposeriez-vous en troisième ligne ?',
    then: [],
  },
];

/** Sends the demo referrals from each patient's GP, and moves them along as their plan says. */
export async function seedDemoReferrals(
  services: ReferralSeedServices,
  territory: Pick<DemoTerritory, 'directory' | 'careTeams' | 'accountOf'>,
  now: Date,
): Promise<void> {
  const { organizations, practitioners } = territory.directory;
  const cardiology = organizations.find((o) => o.kind === 'hospital_service' && o.specialty === 'cardiology');
  const cardiologist = practitioners.find(
    (p) => cardiology !== undefined && p.organizationId === cardiology.id && p.specialty === 'cardiology',
  );
  const endocrinologist = practitioners.find((p) => p.specialty === 'endocrinology');
  if (cardiology === undefined || cardiologist === undefined || endocrinologist === undefined) return;
  const principalOf = (practitionerId: string) => demoPrincipal(territory.accountOf, practitionerId);
  const targets: Readonly<Record<Plan['to'], ReferralTarget>> = {
    'cardiology-service': { kind: 'service', organizationId: cardiology.id },
    endocrinologist: { kind: 'practitioner', practitionerId: endocrinologist.id },
  };
  const performer = principalOf(cardiologist.id);
  for (const [index, plan] of PLANS.entries()) {
    const team = territory.careTeams[index];
    const gp = team?.members.find((member) => member.role === 'medecin_traitant');
    const sender = gp === undefined ? undefined : principalOf(gp.practitionerId);
    if (team === undefined || sender === undefined || performer === undefined) continue;
    const id = await services.referrals.send(
      sender,
      {
        patientId: team.patientId,
        kind: plan.kind,
        urgency: plan.urgency,
        target: targets[plan.to],
        reason: plan.reason,
        clinicalQuestion: plan.question,
        preferences: { place: null, teleconsultation: false, availability: 'Plutôt le matin' },
        attachedResultIds: [],
        attachedDocumentIds: [],
        requestedExams: [],
      },
      NO_CLIENT,
    );
    for (const [step, action] of plan.then.entries()) {
      // Each action bumps the version by one from the first (1).
      await services.referrals.act(performer, id, action(now), step + 1, NO_CLIENT);
    }
  }
}
