import { formatHl7DateTime } from '../domain/hl7/hl7-time.ts';
import type { PatientIdentityInput } from '../domain/identity/patient-registration.ts';
import type { AdtIntake } from '../integrations/hl7/adt-intake.ts';
import { buildPatientRegistration } from './demo-territory.ts';
import type { DemoTerritory } from './seed-territory.ts';
import { deriveSeed, seededRandom } from './seeded-random.ts';

const HOUR = 60 * 60 * 1000;
const PARIS = 'Europe/Paris';

/** The use cases the demo's hospital stays go through: the same ADT intake and apply loop as the wire. */
export interface StaySeedServices {
  readonly hl7Intake: Pick<AdtIntake, 'receiveText'>;
  readonly adtApply: () => Promise<unknown>;
}

/** One demo movement: which demo patient, which event, hours before now, and the unit. */
interface DemoMovement {
  readonly patient: number;
  readonly event: 'A01' | 'A03';
  readonly hoursAgo: number;
  readonly admittedHoursAgo: number;
  readonly unit: string;
}

// Three fictional stays: one patient still in cardiology, one back home yesterday (the lettre de liaison
// is late), one discharged this morning (the letter is due today).
const MOVEMENTS: readonly DemoMovement[] = [
  { patient: 0, event: 'A01', hoursAgo: 50, admittedHoursAgo: 50, unit: 'Cardiologie' },
  { patient: 1, event: 'A01', hoursAgo: 9 * 24, admittedHoursAgo: 9 * 24, unit: 'Cardiologie' },
  { patient: 1, event: 'A03', hoursAgo: 28, admittedHoursAgo: 9 * 24, unit: 'Cardiologie' },
  { patient: 2, event: 'A01', hoursAgo: 5 * 24, admittedHoursAgo: 5 * 24, unit: 'Pneumologie' },
  { patient: 2, event: 'A03', hoursAgo: 3, admittedHoursAgo: 5 * 24, unit: 'Pneumologie' },
];

/**
 * The demo hospital's ADT feed: PAM France messages for a few demo patients, through the intake and
 * the apply loop, so the demo shows an inpatient and discharges with their checklists from the start.
 */
export async function seedDemoStays(
  services: StaySeedServices,
  territory: Pick<DemoTerritory, 'directory'>,
  options: { seed: number; now: Date },
): Promise<void> {
  const hospital = territory.directory.organizations.find((o) => o.kind === 'hospital');
  if (hospital?.finess == null) return;
  for (const [n, movement] of MOVEMENTS.entries()) {
    const { identity } = buildPatientRegistration(
      seededRandom(deriveSeed(options.seed, movement.patient)),
      territory.directory,
      movement.patient,
      options.now,
    );
    const at = (hoursAgo: number) =>
      formatHl7DateTime(new Date(options.now.getTime() - hoursAgo * HOUR), PARIS);
    await services.hl7Intake.receiveText(
      adtMessage(movement, identity, {
        facility: hospital.finess,
        controlId: `DEMO-${n + 1}`,
        at: at(movement.hoursAgo),
        admittedAt: at(movement.admittedHoursAgo),
      }),
    );
  }
  await services.adtApply();
}

function adtMessage(
  movement: DemoMovement,
  identity: PatientIdentityInput,
  context: { facility: string; controlId: string; at: string; admittedAt: string },
): string {
  const { facility, at } = context;
  const ins =
    identity.ins === undefined
      ? ''
      : `${identity.ins.matricule}^^^ASIP-SANTE-INS-NIR&${identity.ins.oid}&ISO^INS~`;
  const sex = { male: 'M', female: 'F', unknown: 'U' }[identity.sex];
  const discharge = movement.event === 'A03';
  const pv1 = new Array<string>(46).fill('');
  pv1[0] = 'PV1';
  pv1[2] = 'I';
  pv1[3] = `${movement.unit}^^^${facility}`;
  pv1[4] = 'U';
  pv1[19] = `SEJ-DEMO-${movement.patient + 1}^^^${facility}^VN`;
  pv1[36] = discharge ? '01' : '';
  pv1[44] = context.admittedAt;
  pv1[45] = discharge ? at : '';
  return [
    `MSH|^~\\&|SIH|${facility}|RELAIS|RELAIS|${at}||ADT^${movement.event}^ADT_${movement.event}|${context.controlId}|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8|||2.11^IHE_FRANCE-2.11-PAM`,
    `EVN||${at}||||${at}`,
    `PID|||${ins}IPP-DEMO-${movement.patient + 1}^^^${facility}^PI||${identity.birthFamilyName}^${identity.firstGivenName}^^^^^L||${identity.birthDate.replaceAll('-', '')}|${sex}`,
    pv1.join('|'),
    `ZBE|MVT-${context.controlId}^${facility}|${at}||INSERT|N`,
  ].join('\r');
}
