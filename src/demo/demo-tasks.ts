/**
 * Pure builder of the demo's open tasks: a realistic handful per GP, nurse and coordinator (overdue,
 * due today, due soon) and a few for hospital services, each explained as the engine would explain it.
 * No I/O; seed-territory.ts writes them through the task use cases.
 */
import type { CareTeamRole } from '../domain/care-team/care-team-role.ts';
import type { NewTask, SystemTaskCommand, TaskOriginKind, TaskPriority } from '../domain/tasks/task.ts';
import { bucketBounds } from '../domain/tasks/worklist.ts';
import type { DemoDirectory } from './demo-territory.ts';

/** A patient and who holds which role in their care team. */
export interface DemoCareTeam {
  readonly patientId: string;
  readonly members: readonly { readonly practitionerId: string; readonly role: CareTeamRole }[];
}

/** What to create: system tasks (idempotent keys) and tasks a professional writes by hand. */
export interface DemoTaskPlan {
  readonly system: readonly SystemTaskCommand[];
  readonly manual: readonly { readonly practitionerId: string; readonly task: NewTask }[];
}

type When = 'overdue' | 'today' | 'soon';

interface Template {
  readonly title: string;
  readonly when: When;
  readonly priority: TaskPriority;
  readonly origin: Exclude<TaskOriginKind, 'manual'> | 'manual';
  readonly explanation: string | null;
}

// What each role typically finds on their list, in the words the rules and pathways would use.
const TEMPLATES: Readonly<Record<'medecin_traitant' | 'nurse' | 'coordinator', readonly Template[]>> = {
  medecin_traitant: [
    {
      title: 'Relancer le compte rendu de cardiologie',
      when: 'overdue',
      priority: 'high',
      origin: 'referral',
      explanation: 'Adressage en cardiologie envoyé il y a 21 jours : compte rendu non reçu',
    },
    {
      title: 'Revoir le traitement du diabète',
      when: 'today',
      priority: 'normal',
      origin: 'rule',
      explanation: 'HbA1c au-dessus de la cible sur deux résultats consécutifs',
    },
    {
      title: 'Consultation de suivi après l’hospitalisation',
      when: 'soon',
      priority: 'high',
      origin: 'transition',
      explanation: 'Sortie d’hospitalisation : consultation du médecin traitant attendue sous 7 jours',
    },
    {
      title: 'Renouveler l’ordonnance',
      when: 'soon',
      priority: 'normal',
      origin: 'manual',
      explanation: null,
    },
  ],
  nurse: [
    {
      title: 'Appeler le patient : prise de poids',
      when: 'overdue',
      priority: 'urgent',
      origin: 'rule',
      explanation: 'Insuffisance cardiaque : poids +2,3 kg en 3 jours',
    },
    {
      title: 'Pansement à refaire à domicile',
      when: 'today',
      priority: 'normal',
      origin: 'pathway',
      explanation: 'Étape « soins infirmiers » du parcours après chirurgie',
    },
    {
      title: 'Éducation thérapeutique : autosurveillance glycémique',
      when: 'soon',
      priority: 'low',
      origin: 'pathway',
      explanation: 'Étape ETP du parcours diabète de type 2',
    },
  ],
  coordinator: [
    {
      title: 'Organiser le retour à domicile',
      when: 'overdue',
      priority: 'high',
      origin: 'rule',
      explanation: 'Sortie d’hospitalisation sans consultation de suivi prévue sous 3 jours',
    },
    {
      title: 'Mettre à jour le plan personnalisé de coordination',
      when: 'today',
      priority: 'normal',
      origin: 'pathway',
      explanation: 'Révision trimestrielle du PPCS',
    },
    {
      title: 'Reprogrammer le rendez-vous manqué',
      when: 'soon',
      priority: 'normal',
      origin: 'rule',
      explanation: 'Rendez-vous de pneumologie non honoré',
    },
  ],
};

const SERVICE_TEMPLATE: Template = {
  title: 'Répondre à la demande de télé-expertise',
  when: 'today',
  priority: 'high',
  origin: 'referral',
  explanation: 'Question du médecin traitant sur l’adaptation du traitement',
};

/**
 * The plan for the territory at `now`: each GP, nurse and coordinator gets every task of their role,
 * spread over their first patients in that role (several on one patient when they have few).
 */
export function buildDemoTasks(
  directory: DemoDirectory,
  careTeams: readonly DemoCareTeam[],
  now: Date,
): DemoTaskPlan {
  const dueAt = dueDates(now);
  const system: SystemTaskCommand[] = [];
  const manual: { practitionerId: string; task: NewTask }[] = [];
  const firstPatientsOf = (practitionerId: string, role: CareTeamRole, count: number) =>
    careTeams
      .filter((team) => team.members.some((m) => m.practitionerId === practitionerId && m.role === role))
      .slice(0, count)
      .map((team) => team.patientId);

  for (const practitioner of directory.practitioners) {
    const role = roleOf(practitioner.profession, practitioner.specialty);
    if (role === undefined) continue;
    const templates = TEMPLATES[role];
    const patients = firstPatientsOf(practitioner.id, role, templates.length);
    templates.forEach((template, i) => {
      const patientId = patients[i % Math.max(patients.length, 1)];
      if (patientId === undefined) return;
      const task: NewTask = {
        patientId,
        title: template.title,
        details: null,
        // By hand, the GP writes it for themself; the system writes for the role, whoever holds it.
        assignee:
          template.origin === 'manual'
            ? { kind: 'practitioner', practitionerId: practitioner.id }
            : { kind: 'care-team-role', role },
        priority: template.priority,
        dueAt: dueAt[template.when],
        about: null,
      };
      if (template.origin === 'manual') {
        manual.push({ practitionerId: practitioner.id, task });
        return;
      }
      const origin = { kind: template.origin, ref: `demo-${role}-${i}`, explanation: template.explanation };
      system.push({ ...task, origin, idempotencyKey: `demo:${patientId}:${role}:${i}` });
    });
  }

  const firstTeam = careTeams[0];
  for (const service of directory.organizations.filter((o) => o.kind === 'hospital_service').slice(0, 2)) {
    if (firstTeam === undefined) break;
    system.push({
      patientId: firstTeam.patientId,
      title: SERVICE_TEMPLATE.title,
      details: null,
      assignee: { kind: 'service', organizationId: service.id },
      priority: SERVICE_TEMPLATE.priority,
      dueAt: dueAt[SERVICE_TEMPLATE.when],
      about: null,
      origin: {
        kind: 'referral',
        ref: `demo-service-${service.id}`,
        explanation: SERVICE_TEMPLATE.explanation,
      },
      idempotencyKey: `demo:${firstTeam.patientId}:service:${service.id}`,
    });
  }
  return { system, manual };
}

/** The care-team role whose tasks a professional of the demo gets, if any. */
function roleOf(profession: string, specialty: string | null): keyof typeof TEMPLATES | undefined {
  if (profession === 'physician') return specialty === 'general_practice' ? 'medecin_traitant' : undefined;
  if (profession === 'nurse' || profession === 'coordinator') return profession;
  return undefined;
}

/** Two days late, later today (in the territory's day), and in three days. */
function dueDates(now: Date): Readonly<Record<When, Date>> {
  const endOfToday = bucketBounds(now).startOfTomorrow.getTime() - 60_000;
  return {
    overdue: new Date(now.getTime() - 2 * 86_400_000),
    today: new Date(Math.max(Math.min(now.getTime() + 2 * 3_600_000, endOfToday), now.getTime() + 60_000)),
    soon: new Date(now.getTime() + 3 * 86_400_000),
  };
}
