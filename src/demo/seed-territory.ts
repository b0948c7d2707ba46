/**
 * Writes the demo territory (first start) and synthetic patients (benchmark) through the real use
 * cases, so seeded data obeys the same validation, journal and constraints as real data.
 */
import { isCareTeamRole } from '../domain/care-team/care-team-role.ts';
import type { TwoFactorService } from '../domain/accounts/two-factor-service.ts';
import type { AccountRole, Principal } from '../domain/access/principal.ts';
import type { DirectoryService } from '../domain/directory/directory-service.ts';
import type { NewAccount } from '../domain/directory/directory.ts';
import type { PatientIdentityInput } from '../domain/identity/patient-registration.ts';
import type { PatientRegistration, RecordService } from '../domain/record/record-service.ts';
import type { TaskService } from '../domain/tasks/task-service.ts';
import { buildDemoTasks, type DemoCareTeam } from './demo-tasks.ts';
import {
  buildDemoDirectory,
  buildPatientRegistration,
  loginSlug,
  uniqueLogin,
  type DemoDirectory,
} from './demo-territory.ts';
import { deriveSeed, seededRandom } from './seeded-random.ts';

/** The shared password of every demo account. A DEMO password: never use a seeded database for real care. */
export const DEMO_PASSWORD = 'relais-demo-only';
export const DEFAULT_DEMO_SEED = 20_240_517;
/** Patients per registerPatients call (one transaction each). */
export const DEMO_BATCH_SIZE = 500;
/**
 * Transactions written at once: while the database stores one batch, the next is built and sent,
 * so a PostgreSQL server uses a second core. A batch is a dozen statements, and between two of them
 * its server process waits for the client to encode the next: a third batch keeps the server busy
 * meanwhile. (PGlite runs them one after the other.)
 */
const BATCHES_IN_FLIGHT = 3;
/** How many of the first patients get a patient-portal account (argon2 makes each one cost ~30 ms). */
export const DEMO_PATIENT_ACCOUNTS = 10;
/**
 * Synthetic patients start at this index, so their INS never meets the demo's (the INS is derived
 * from the index, see demoInsMatricule).
 */
export const SYNTHETIC_FIRST_INDEX = 1_000_000;

/** The use cases seeding needs (any `createServices` result fits). */
export interface SeedServices {
  readonly directory: Pick<DirectoryService, 'register' | 'createAccounts'>;
  /** Pre-enrols the demo administrator's and DPO's TOTP (their roles need it); without it, neither is enrolled. */
  readonly twoFactor?: Pick<TwoFactorService, 'provision'>;
  readonly record: Pick<RecordService, 'registerPatients'>;
  readonly tasks: Pick<TaskService, 'createSystemTasks' | 'createTask'>;
}

/** What the CLI prints after seeding. */
export interface DemoLogins {
  readonly password: string;
  readonly professionals: readonly {
    readonly login: string;
    readonly name: string;
    readonly profession: string;
  }[];
  readonly patients: readonly { readonly login: string; readonly name: string }[];
  /** The demo administrator, pre-enrolled in TOTP: its secret is printed once, at the first start. */
  readonly admin: PrivilegedLogin | null;
  /** The demo data protection officer (the hospital's coordinator), pre-enrolled the same way. */
  readonly dpo: PrivilegedLogin | null;
}

/** A demo account whose role needs TOTP, with the secret to add to an authenticator app. */
export interface PrivilegedLogin {
  readonly login: string;
  readonly totpSecret: string;
  readonly totpUri: string;
}

/** The seeded territory: its log-ins, plus the directory and patient ids for further seeding. */
export interface DemoTerritory extends DemoLogins {
  readonly directory: DemoDirectory;
  readonly patientIds: readonly string[];
  /** Who holds which role for each patient, and each professional's account: for further seeding. */
  readonly careTeams: readonly DemoCareTeam[];
  readonly accountOf: ReadonlyMap<string, string>;
}

const SYSTEM = { kind: 'system' } as const;
/** The origin of what the demo writes: no client address. */
export const NO_CLIENT = { clientAddress: null } as const;

/** A demo professional acting through their account (no admin or DPO role); none without an account. */
export function demoPrincipal(
  accountOf: ReadonlyMap<string, string>,
  practitionerId: string,
): Principal | undefined {
  const accountId = accountOf.get(practitionerId);
  return accountId === undefined ? undefined : { kind: 'professional', accountId, practitionerId, roles: [] };
}

/** Builds and registers the directory (organisations and practitioners, no accounts). */
export async function seedDirectory(
  services: SeedServices,
  seed: number = DEFAULT_DEMO_SEED,
): Promise<DemoDirectory> {
  const directory = buildDemoDirectory(seededRandom(seed));
  await services.directory.register(directory.organizations, directory.practitioners);
  return directory;
}

/**
 * Loads the demo territory into an empty database: directory, `patients` patients, accounts for
 * every professional and the first patients, all with DEMO_PASSWORD (the first GP is an admin), and
 * a handful of open tasks per GP, nurse and coordinator.
 * `now` must not be ahead of the services' clock, which refuses results dated in its future.
 * Errors: those of the use cases (`conflict` when the territory is already there).
 */
export async function seedDemoTerritory(
  services: SeedServices,
  options: { patients: number; seed?: number; now: Date },
): Promise<DemoTerritory> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const directory = await seedDirectory(services, seed);
  const registrations: PatientRegistration[] = [];
  const teams: DemoCareTeam['members'][] = [];
  const patientIds = await registerInBatches(services, {
    count: options.patients,
    batchSize: DEMO_BATCH_SIZE,
    build: (i) => {
      const registration = demoRegistration(seed, directory, i, options.now);
      if (i < DEMO_PATIENT_ACCOUNTS) registrations.push(registration);
      teams.push(
        registration.entries.flatMap((entry) =>
          entry.kind === 'care-team-member' && isCareTeamRole(entry.role)
            ? [{ practitionerId: entry.practitionerId, role: entry.role }]
            : [],
        ),
      );
      return registration;
    },
  });

  const taken = new Set(directory.professionalLogins.map((p) => p.login));
  const patients = registrations.flatMap((registration, i) => {
    const patientId = patientIds[i];
    if (patientId === undefined) return [];
    const { identity } = registration;
    const familyName = identity.usedFamilyName ?? identity.birthFamilyName;
    return [
      {
        patientId,
        login: uniqueLogin(`patient.${loginSlug(familyName)}`, taken),
        name: `${identity.firstGivenName} ${familyName}`,
      },
    ];
  });
  const adminId = directory.practitioners.find((p) => p.specialty === 'general_practice')?.id;
  // The hospital's coordinator doubles as its data protection officer: the DPO role opens the audit
  // trail, never patient data.
  const hospitalId = directory.organizations.find((o) => o.kind === 'hospital')?.id;
  const dpoId = directory.practitioners.find(
    (p) => p.profession === 'coordinator' && p.organizationId === hospitalId,
  )?.id;
  const rolesOf = (practitionerId: string): AccountRole[] =>
    practitionerId === adminId ? ['admin'] : practitionerId === dpoId ? ['dpo'] : [];
  const accounts: NewAccount[] = [
    ...directory.professionalLogins.map((p): NewAccount => ({
      login: p.login,
      password: DEMO_PASSWORD,
      kind: 'professional',
      practitionerId: p.practitionerId,
      patientId: null,
      roles: rolesOf(p.practitionerId),
      locale: 'fr',
    })),
    ...patients.map((p): NewAccount => ({
      login: p.login,
      password: DEMO_PASSWORD,
      kind: 'patient',
      practitionerId: null,
      patientId: p.patientId,
      roles: [],
      locale: 'fr',
    })),
  ];
  const accountIds = await services.directory.createAccounts(accounts);
  const admin = await preEnrol('admin', services, accounts, accountIds);
  const dpo = await preEnrol('dpo', services, accounts, accountIds);
  const careTeams = patientIds.map((patientId, i) => ({ patientId, members: teams[i] ?? [] }));
  const accountOf = new Map(
    accounts.flatMap((a, i) => (a.practitionerId === null ? [] : [[a.practitionerId, accountIds[i] ?? '']])),
  );
  await seedDemoTasks(services, { directory, careTeams, accountOf, now: options.now });

  return {
    password: DEMO_PASSWORD,
    professionals: directory.professionalLogins.map(({ login, name, profession }) => ({
      login,
      name,
      profession,
    })),
    patients: patients.map(({ login, name }) => ({ login, name })),
    admin,
    dpo,
    directory,
    patientIds,
    careTeams,
    accountOf,
  };
}

/**
 * Admin and DPO roles count only with TOTP (issue 8), so the demo's holder of `role` comes enrolled:
 * the secret is handed back for the CLI to print next to the log-ins, rather than switching the
 * requirement off.
 */
async function preEnrol(
  role: AccountRole,
  services: SeedServices,
  accounts: readonly NewAccount[],
  accountIds: readonly string[],
): Promise<PrivilegedLogin | null> {
  const index = accounts.findIndex((account) => account.roles.includes(role));
  const account = accounts[index];
  const accountId = accountIds[index];
  if (services.twoFactor === undefined || account?.practitionerId == null || accountId === undefined)
    return null;
  const principal = {
    kind: 'professional',
    accountId,
    practitionerId: account.practitionerId,
    roles: account.roles,
  } as const;
  const { secret, uri } = await services.twoFactor.provision(principal);
  return { login: account.login, totpSecret: secret, totpUri: uri };
}

/** Creates the demo's open tasks through the use cases: system tasks, then those written by hand. */
async function seedDemoTasks(
  services: SeedServices,
  demo: {
    directory: DemoDirectory;
    careTeams: readonly DemoCareTeam[];
    accountOf: ReadonlyMap<string, string>;
    now: Date;
  },
): Promise<void> {
  const plan = buildDemoTasks(demo.directory, demo.careTeams, demo.now);
  await services.tasks.createSystemTasks(plan.system);
  for (const { practitionerId, task } of plan.manual) {
    const principal = demoPrincipal(demo.accountOf, practitionerId);
    if (principal !== undefined) await services.tasks.createTask(principal, task, NO_CLIENT);
  }
}

/**
 * Registers `patients` synthetic patients (no accounts) for the benchmark, with the builder of the
 * demo, in transactions of `batchSize`. `directory` comes from seedDemoTerritory or seedDirectory.
 * Indexes start at `firstIndex` (default SYNTHETIC_FIRST_INDEX); give another run a range of its own.
 * Returns the new patient ids in order.
 */
export async function seedSyntheticPatients(
  services: SeedServices,
  directory: DemoDirectory,
  options: {
    patients: number;
    seed: number;
    batchSize: number;
    now: Date;
    firstIndex?: number;
    onBatch?: (done: number) => void;
  },
): Promise<string[]> {
  const first = options.firstIndex ?? SYNTHETIC_FIRST_INDEX;
  return registerInBatches(services, {
    count: options.patients,
    batchSize: options.batchSize,
    build: (i) => demoRegistration(options.seed, directory, first + i, options.now),
    ...(options.onBatch === undefined ? {} : { onBatch: options.onBatch }),
  });
}

/** Patient `index` of the territory of `seed`: the same registration wherever it is built. */
function demoRegistration(
  seed: number,
  directory: DemoDirectory,
  index: number,
  now: Date,
): PatientRegistration {
  return buildPatientRegistration(seededRandom(deriveSeed(seed, index)), directory, index, now);
}

/**
 * The identities of the first `patients` patients seedDemoTerritory registers for `seed`, built
 * without a database: what a scan of the logs looks for.
 */
export function demoPatientIdentities(options: {
  patients: number;
  seed?: number;
  now: Date;
}): PatientIdentityInput[] {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const directory = buildDemoDirectory(seededRandom(seed));
  return Array.from(
    { length: options.patients },
    (_, index) => demoRegistration(seed, directory, index, options.now).identity,
  );
}

async function registerInBatches(
  services: SeedServices,
  plan: {
    count: number;
    batchSize: number;
    build: (i: number) => PatientRegistration;
    onBatch?: (done: number) => void;
  },
): Promise<string[]> {
  if (!Number.isInteger(plan.batchSize) || plan.batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${plan.batchSize}`);
  }
  const ids: string[] = [];
  const inFlight: Promise<readonly { patientId: string }[]>[] = [];
  const settleOldest = async () => {
    const written = inFlight.shift();
    if (written !== undefined) for (const { patientId } of await written) ids.push(patientId);
    plan.onBatch?.(ids.length);
  };
  for (let start = 0; start < plan.count; start += plan.batchSize) {
    if (inFlight.length === BATCHES_IN_FLIGHT) await settleOldest();
    const batch: PatientRegistration[] = [];
    for (let i = start; i < Math.min(plan.count, start + plan.batchSize); i += 1) batch.push(plan.build(i));
    const written = services.record.registerPatients(SYSTEM, batch, NO_CLIENT);
    // Its failure is reported when it is awaited in turn; until then it must not count as unhandled.
    written.catch(() => undefined);
    inFlight.push(written);
  }
  while (inFlight.length > 0) await settleOldest();
  return ids;
}
