import type { Relais } from '../app.ts';
import { seedDemoPathways } from '../demo/demo-pathways.ts';
import { seedDemoReferrals } from '../demo/demo-referrals.ts';
import { seedDemoStays } from '../demo/demo-stays.ts';
import { DEFAULT_DEMO_SEED, seedDemoTerritory, type DemoLogins } from '../demo/seed-territory.ts';

/** Loads the demo territory into an empty database and prints its log-ins; leaves existing data alone. */
export async function seedIfEmpty(relais: Relais, patients: number): Promise<void> {
  if (!(await relais.services.directory.isEmpty())) return;
  const started = Date.now();
  const now = new Date();
  const logins = await seedDemoTerritory(relais.services, { patients, now });
  await seedDemoReferrals(relais.services, logins, now);
  await seedDemoStays(relais.services, logins, { seed: DEFAULT_DEMO_SEED, now });
  await seedDemoPathways(relais.services, logins, { seed: DEFAULT_DEMO_SEED, now });
  console.log(
    `Demo territory loaded: ${patients} fictional patients in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  printLogins(logins);
}

function printLogins(logins: DemoLogins): void {
  console.log(`\nDemo log-ins (password for all: ${logins.password})`);
  for (const professional of logins.professionals) {
    console.log(`  ${professional.login.padEnd(22)} ${professional.name} — ${professional.profession}`);
  }
  for (const patient of logins.patients)
    console.log(`  ${patient.login.padEnd(22)} ${patient.name} — patient portal`);
  // Shown once: the second factor of the administrator and of the DPO (their roles need TOTP). Demo only.
  for (const [who, holder] of [
    ['administrator', logins.admin],
    ['data protection officer (DPO)', logins.dpo],
  ] as const) {
    if (holder === null) continue;
    console.log(`\nDemo ${who} ${holder.login}: two-factor sign-in is on.`);
    console.log(`  Add this secret to an authenticator app: ${holder.totpSecret}`);
    console.log(`  (or its URI: ${holder.totpUri})`);
  }
}
