import type { PatientAccess, RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import { requireBasis } from '../access/require-basis.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import { isoDate, type Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { NewId } from '../shared/new-id.ts';
import type { CareTeamStore } from './care-team-ports.ts';

/** The longest reason for ending a membership the timeline keeps. */
export const END_REASON_MAX_LENGTH = 500;

/** The care team's own changes beyond adding a member (an entry of the record): leaving it. */
export function createCareTeamService(deps: {
  access: PatientAccess;
  audit: AuditTrail;
  store: CareTeamStore;
  clock: Clock;
  newId: NewId;
}) {
  const { access, store, clock, newId } = deps;
  return {
    /**
     * Ends a membership today, saying why, with its `care-team.member-left` event. A member of the team
     * ends their own or a colleague's; the access facts count the end at once (ended_on is not after
     * today). Errors: `invalid-input` (no reason), `not-found` (no such membership for this patient),
     * `forbidden`, `conflict` (already ended).
     */
    async endMembership(
      principal: Principal,
      patientId: string,
      memberId: string,
      reason: string,
      origin: RequestOrigin,
    ): Promise<void> {
      const why = reason.trim();
      if (why === '' || why.length > END_REASON_MAX_LENGTH)
        throw new DomainError('invalid-input', `say why in 1 to ${END_REASON_MAX_LENGTH} characters`);
      const scope = await access.open(
        principal,
        patientId,
        { action: 'write', resource: 'care-team' },
        origin,
      );
      await requireBasis(deps, scope, ['care-team'], "only the patient's care team changes it", origin);
      const member = await store.findMembership(scope, memberId);
      if (member === undefined)
        throw new DomainError('not-found', `the patient's care team has no member with id ${memberId}`);
      if (member.endedOn !== null) throw new DomainError('conflict', 'this membership has already ended');
      const now = clock();
      await store.endMembership(scope, memberId, isoDate(now), {
        id: newId(),
        type: 'care-team.member-left',
        patientId,
        actorAccountId: principal.accountId,
        occurredAt: now,
        payload: {
          memberId,
          practitionerId: member.practitionerId,
          name: member.name,
          role: member.role,
          reason: why,
        },
      });
    },
  };
}

export type CareTeamService = ReturnType<typeof createCareTeamService>;
