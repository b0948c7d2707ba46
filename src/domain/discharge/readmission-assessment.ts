import type { DomainEvent } from '../journal/domain-event.ts';
import { coordinatingRole } from '../care-team/coordinating-role.ts';
import type { NewId } from '../shared/new-id.ts';
import type { Clock } from '../shared/clock.ts';
import { lengthOfStayDays, type Stay } from '../stays/stay.ts';
import type { SystemTaskCommand } from '../tasks/task.ts';
import { charlsonIndex, type CharlsonResult } from './charlson.ts';
import {
  hospitalScore,
  laceBand,
  laceScore,
  type HospitalScore,
  type LabValue,
  type LaceBand,
  type LaceScore,
} from './readmission-scores.ts';

/** What the scores read from the record about one discharged stay. */
export interface ReadmissionFacts {
  readonly stay: Stay;
  /** The patient's other stays, any status (cancelled ones are left out here). */
  readonly otherStays: readonly Stay[];
  /** The patient's active problems. */
  readonly conditions: readonly { readonly codeSystem: string; readonly code: string }[];
  /** The latest haemoglobin and sodium results taken during the stay. */
  readonly hemoglobin: LabValue | null;
  readonly sodium: LabValue | null;
  /** The specialty of the stay's service in the directory, when known. */
  readonly serviceSpecialty: string | null;
  readonly hasCoordinator: boolean;
}

export interface ReadmissionAssessment {
  readonly patientId: string;
  readonly stayId: string;
  readonly lace: LaceScore;
  readonly charlson: CharlsonResult;
  readonly cutoff: number;
  readonly band: LaceBand;
  readonly hospital: HospitalScore | null;
  readonly assessedAt: Date;
}

/** Port: the facts of a stay, and the assessments (one per stay: saving twice keeps the first). */
export interface ReadmissionRiskStore {
  /** The stay's facts; `on` is the day whose care team (coordinator or not) is read. */
  facts(patientId: string, stayId: string, on: Date): Promise<ReadmissionFacts | null>;
  /** Saves the assessment with its event unless the stay has one already; true when saved. */
  save(assessment: ReadmissionAssessment, event: DomainEvent): Promise<boolean>;
}

const ACUTE: readonly Stay['admissionKind'][] = ['emergency', 'urgent'];

/** `months` calendar months before `date` (UTC), for the look-back windows of both scores. */
function monthsBefore(date: Date, months: number): Date {
  const earlier = new Date(date);
  earlier.setUTCMonth(earlier.getUTCMonth() - months);
  return earlier;
}

/** The stays of `patientClass` admitted in the `months` before `stay`'s admission, cancelled ones aside. */
function countBefore(facts: ReadmissionFacts, patientClass: Stay['patientClass'], months: number): number {
  const { stay } = facts;
  const from = monthsBefore(stay.admittedAt, months).getTime();
  return facts.otherStays.filter(
    (other) =>
      other.id !== stay.id &&
      other.status !== 'cancelled' &&
      other.patientClass === patientClass &&
      other.admittedAt.getTime() >= from &&
      other.admittedAt.getTime() < stay.admittedAt.getTime(),
  ).length;
}

/** Both scores of a discharged stay; null while the stay has no discharge. */
export function assessReadmission(
  facts: ReadmissionFacts,
  cutoff: number,
  at: Date,
): ReadmissionAssessment | null {
  const { stay } = facts;
  const days = lengthOfStayDays(stay);
  if (days === null) return null;
  const acute = ACUTE.includes(stay.admissionKind);
  const charlson = charlsonIndex(facts.conditions);
  const lace = laceScore({
    lengthOfStayDays: days,
    acuteAdmission: acute,
    charlson: charlson.score,
    emergencyVisits6Months: countBefore(facts, 'emergency', 6),
  });
  const hospital = hospitalScore({
    hemoglobin: facts.hemoglobin,
    sodium: facts.sodium,
    oncologyService: facts.serviceSpecialty === 'oncology',
    anyProcedure: stay.procedureCount > 0,
    urgentAdmission: acute,
    admissions12Months: countBefore(facts, 'inpatient', 12),
    lengthOfStayDays: days,
  });
  return {
    patientId: stay.patientId,
    stayId: stay.id,
    lace,
    charlson,
    cutoff,
    band: laceBand(lace.total, cutoff),
    hospital,
    assessedAt: at,
  };
}

/** High risk: LACE at or above the cut-off, or the HOSPITAL score in its high band. */
export function isHighRisk(assessment: ReadmissionAssessment): boolean {
  return assessment.band === 'high' || assessment.hospital?.band === 'high';
}

/** The coordinator's task for a high-risk discharge (the GP's when the team has no coordinator). */
export function highRiskTask(assessment: ReadmissionAssessment, hasCoordinator: boolean): SystemTaskCommand {
  const hospital =
    assessment.hospital === null
      ? ''
      : `, HOSPITAL ${assessment.hospital.total} (${assessment.hospital.band})`;
  return {
    patientId: assessment.patientId,
    title: `Risque de réadmission élevé après la sortie (LACE ${assessment.lace.total})`,
    details: 'Organiser le suivi rapproché de la sortie : consultation, conciliation, soins à domicile.',
    assignee: { kind: 'care-team-role', role: coordinatingRole(hasCoordinator) },
    priority: 'high',
    dueAt: null,
    about: { kind: 'stay', id: assessment.stayId },
    origin: {
      kind: 'transition',
      ref: assessment.stayId,
      explanation: `LACE ${assessment.lace.total} (seuil par défaut configurable : ${assessment.cutoff})${hospital}`,
    },
    idempotencyKey: `readmission-risk:${assessment.stayId}`,
  };
}

/** The `readmission-risk.assessed` event. */
export function assessedEvent(assessment: ReadmissionAssessment, id: string): DomainEvent {
  return {
    id,
    type: 'readmission-risk.assessed',
    patientId: assessment.patientId,
    actorAccountId: null,
    occurredAt: assessment.assessedAt,
    payload: {
      stayId: assessment.stayId,
      lace: assessment.lace.total,
      band: assessment.band,
      hospitalScore: assessment.hospital?.total ?? null,
      hospitalBand: assessment.hospital?.band ?? null,
    },
  };
}

/**
 * Assesses each discharged stay of a journal batch once, and raises the coordinator's task for a
 * high risk. Replays add nothing: the store keeps the first assessment, the task is keyed by stay.
 */
export function createReadmissionAssessor(deps: {
  store: ReadmissionRiskStore;
  createSystemTasks: (commands: readonly SystemTaskCommand[]) => Promise<unknown>;
  cutoff: number;
  clock: Clock;
  newId: NewId;
}) {
  const { store, createSystemTasks, cutoff, clock, newId } = deps;
  return {
    async handleEvents(events: readonly DomainEvent[]): Promise<void> {
      for (const event of events) {
        const stayId = event.payload['stayId'];
        if (event.type !== 'stay.discharged' || event.patientId === null || typeof stayId !== 'string')
          continue;
        const now = clock();
        const facts = await store.facts(event.patientId, stayId, now);
        // Both scores were built on hospitalised patients: ED visits and outpatient stays are not scored.
        if (facts?.stay.status !== 'discharged' || facts.stay.patientClass !== 'inpatient') continue;
        const assessment = assessReadmission(facts, cutoff, now);
        if (assessment === null) continue;
        await store.save(assessment, assessedEvent(assessment, newId()));
        if (isHighRisk(assessment)) await createSystemTasks([highRiskTask(assessment, facts.hasCoordinator)]);
      }
    },
  };
}

export type ReadmissionAssessor = ReturnType<typeof createReadmissionAssessor>;
