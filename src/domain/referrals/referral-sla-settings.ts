import type { Principal } from '../access/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isUuid, type NewId } from '../shared/new-id.ts';
import type { ReferralFactsSource, ReferralStore } from './referral-ports.ts';
import {
  DEFAULT_SLA,
  MAX_SLA_WORKING_DAYS,
  REFERRAL_STAGES,
  slaWithOverrides,
  type SlaOverride,
} from './referral-sla.ts';
import { REFERRAL_KINDS, REFERRAL_URGENCIES } from './referral.ts';

/** One delay of a service's SLA, marked when it is still Relais's default. */
export interface ServiceSlaEntry extends SlaOverride {
  readonly isDefault: boolean;
}

const SLA_STAGES = [...REFERRAL_STAGES, 'escalate'] as const;

/** A hospital service's referral delays: the defaults, and the changes an administrator made. */
export function createReferralSlaSettings(deps: {
  store: ReferralStore;
  facts: ReferralFactsSource;
  clock: Clock;
  newId: NewId;
}) {
  const { store, facts, clock, newId } = deps;

  const requireService = async (organizationId: string): Promise<void> => {
    const service = isUuid(organizationId)
      ? await facts.describeTarget({ kind: 'service', organizationId })
      : undefined;
    if (service === undefined)
      throw new DomainError('not-found', `no hospital service with id ${organizationId}`);
  };

  const entriesOf = async (organizationId: string): Promise<ServiceSlaEntry[]> => {
    const overrides = await store.slaOverrides(organizationId);
    const policy = slaWithOverrides(overrides);
    return REFERRAL_KINDS.flatMap((kind) =>
      REFERRAL_URGENCIES.flatMap((urgency) =>
        SLA_STAGES.map((stage) => ({
          kind,
          urgency,
          stage,
          workingDays: policy[kind][urgency][stage],
          isDefault: !overrides.some((o) => o.kind === kind && o.urgency === urgency && o.stage === stage),
        })),
      ),
    );
  };

  return {
    /** Every delay of the service. Errors: `forbidden` (not an administrator), `not-found`. */
    async read(principal: Principal, organizationId: string): Promise<ServiceSlaEntry[]> {
      requireSlaAdmin(principal);
      await requireService(organizationId);
      return entriesOf(organizationId);
    },

    /**
     * Replaces the service's changes to the defaults (what is not listed goes back to the default);
     * they apply to each referral's next stage. Errors: `forbidden`, `not-found`, `invalid-input`.
     */
    async save(
      principal: Principal,
      organizationId: string,
      overrides: readonly SlaOverride[],
    ): Promise<ServiceSlaEntry[]> {
      const admin = requireSlaAdmin(principal);
      validateOverrides(overrides);
      await requireService(organizationId);
      // An override equal to the default is no change: storing it would hide a later change of default.
      const changes = overrides.filter((o) => DEFAULT_SLA[o.kind][o.urgency][o.stage] !== o.workingDays);
      await store.replaceSlaOverrides(organizationId, changes, admin.accountId, {
        id: newId(),
        type: 'referral-sla.changed',
        patientId: null,
        actorAccountId: admin.accountId,
        occurredAt: clock(),
        payload: { organizationId, overrides: changes.length },
      });
      return entriesOf(organizationId);
    },
  };
}

export type ReferralSlaSettings = ReturnType<typeof createReferralSlaSettings>;

/** Only administrators (account role `admin`) set a service's delays. Error: `forbidden`. */
function requireSlaAdmin(principal: Principal): Extract<Principal, { kind: 'professional' }> {
  if (principal.kind !== 'professional' || !principal.roles.includes('admin')) {
    throw new DomainError('forbidden', 'referral delays are set by administrators only');
  }
  return principal;
}

function validateOverrides(overrides: readonly SlaOverride[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { kind, urgency, stage, workingDays } of overrides) {
    const key = `${kind}/${urgency}/${stage}`;
    if (seen.has(key)) problems.push(`${key} is given twice`);
    seen.add(key);
    if (!Number.isInteger(workingDays) || workingDays < 0 || workingDays > MAX_SLA_WORKING_DAYS)
      problems.push(`${key}: working days must be a whole number from 0 to ${MAX_SLA_WORKING_DAYS}`);
  }
  if (problems.length > 0) throw new DomainError('invalid-input', problems.join('; '), problems);
}
