import type { PathwayProgress } from '../domain/pathways/pathway-progress-service.ts';
import type { PathwayService } from '../domain/pathways/pathway-service.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { buildPatientRegistration } from './demo-territory.ts';
import { demoPrincipal, NO_CLIENT, type DemoTerritory } from './seed-territory.ts';
import { deriveSeed, seededRandom } from './seeded-random.ts';

/** The use cases the demo's pathway enrolments go through: the same as a clinician's and the due scan's. */
export interface PathwaySeedServices {
  readonly pathways: Pick<PathwayService, 'enrol'>;
  readonly pathwayProgress: Pick<PathwayProgress, 'runDueScan'>;
}

/**
 * The shipped templates a demo patient is enrolled in by hand, by the chapter of one of their conditions
 * (ICD-10). The heart-failure and frail-elderly pathways start on a discharge, which enrols by rule.
 */
const TEMPLATE_BY_CONDITION: readonly (readonly [prefix: string, templateId: string])[] = [
  ['E11', 'dt2-adulte-suivi'],
  ['J44', 'bpco-suivi-et-post-exacerbation'],
  ['C50', 'cancer-parcours'],
];

/** How long ago the demo enrolments started: from recent (steps coming up) to eight months (ruptures). */
const STARTED_DAYS_AGO = { min: 10, max: 240 } as const;
const DAY_MS = 86_400_000;
/** Occurrences moved on per due-scan pass, as the background job does. */
const DUE_SCAN_BATCH = 500;

/**
 * Enrols the demo patients whose conditions a shipped pathway follows, by their coordinator (or their
 * médecin traitant), from a start date in the past; then runs the due scan once, so the worklists show
 * steps coming up, due and in rupture (with their tasks) from the first start. Returns the enrolments.
 */
export async function seedDemoPathways(
  services: PathwaySeedServices,
  territory: Pick<DemoTerritory, 'directory' | 'patientIds' | 'careTeams' | 'accountOf'>,
  options: { seed: number; now: Date },
): Promise<number> {
  let enrolled = 0;
  for (const [index, patientId] of territory.patientIds.entries()) {
    const rng = seededRandom(deriveSeed(options.seed, index));
    const { entries } = buildPatientRegistration(rng, territory.directory, index, options.now);
    const templateIds = TEMPLATE_BY_CONDITION.flatMap(([prefix, templateId]) =>
      entries.some((entry) => entry.kind === 'condition' && entry.code.startsWith(prefix))
        ? [templateId]
        : [],
    );
    const principal = enrollerOf(territory, index);
    if (templateIds.length === 0 || principal === undefined) continue;
    for (const templateId of templateIds) {
      // The registration's generator, past what it drew for the patient: the same dates on every seeding.
      const daysAgo = rng.int(STARTED_DAYS_AGO.min, STARTED_DAYS_AGO.max);
      const startOn = isoDate(new Date(options.now.getTime() - daysAgo * DAY_MS));
      await services.pathways.enrol(principal, patientId, { templateId, startOn }, NO_CLIENT);
      enrolled += 1;
    }
  }
  while ((await services.pathwayProgress.runDueScan(DUE_SCAN_BATCH)) === DUE_SCAN_BATCH);
  return enrolled;
}

/** The professional who enrols patient `index`: their coordinator, else their médecin traitant. */
function enrollerOf(territory: Pick<DemoTerritory, 'careTeams' | 'accountOf'>, index: number) {
  const members = territory.careTeams[index]?.members ?? [];
  const member =
    members.find((m) => m.role === 'coordinator') ?? members.find((m) => m.role === 'medecin_traitant');
  return member === undefined ? undefined : demoPrincipal(territory.accountOf, member.practitionerId);
}
