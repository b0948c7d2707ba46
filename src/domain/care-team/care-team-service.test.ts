import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccessBasis } from '../access/patient-access-policy.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Membership } from './care-team-ports.ts';
import { createCareTeamService } from './care-team-service.ts';

const NOW = new Date('2026-12-04T23:30:00Z');
const ORIGIN = { clientAddress: null };
const gp: Principal = { kind: 'professional', accountId: 'acc-gp', practitionerId: 'pr-gp', roles: [] };
const NURSE: Membership = {
  id: 'm-nurse',
  practitionerId: 'pr-nurse',
  name: 'Inès Infirmière',
  role: 'nurse',
  endedOn: null,
};

function setUp(basis: AccessBasis, memberships: Membership[] = [NURSE]) {
  const ended: { memberId: string; on: string; event: DomainEvent }[] = [];
  const audit: AuditEntry[] = [];
  const service = createCareTeamService({
    access: {
      open: (principal, patientId, purpose) =>
        Promise.resolve({
          patientId,
          principal,
          purpose,
          basis,
          expiresAt: null,
          hiddenCategories: [],
        } as unknown as PatientScope),
      requireCategory: () => Promise.resolve(),
    },
    audit: {
      append(entries) {
        audit.push(...entries);
        return Promise.resolve();
      },
    },
    store: {
      findMembership: (_scope, id) => Promise.resolve(memberships.find((m) => m.id === id)),
      endMembership(_scope, memberId, on, event) {
        ended.push({ memberId, on, event });
        return Promise.resolve();
      },
    },
    clock: () => NOW,
    newId: () => 'event-1',
  });
  return { service, ended, audit };
}

const refused = (code: DomainError['code'], pattern: RegExp) => (error: unknown) =>
  error instanceof DomainError && error.code === code && pattern.test(error.message);

test('a member of the team ends a membership today, saying why, with its event', async () => {
  const { service, ended } = setUp('care-team');
  await service.endMembership(gp, 'patient-1', 'm-nurse', '  a déménagé ', ORIGIN);
  assert.deepEqual(ended, [
    {
      memberId: 'm-nurse',
      // The access facts compare the UTC calendar date (isoDate), so the end is that day too.
      on: '2026-12-04',
      event: {
        id: 'event-1',
        type: 'care-team.member-left',
        patientId: 'patient-1',
        actorAccountId: 'acc-gp',
        occurredAt: NOW,
        payload: {
          memberId: 'm-nurse',
          practitionerId: 'pr-nurse',
          name: 'Inès Infirmière',
          role: 'nurse',
          reason: 'a déménagé',
        },
      },
    },
  ]);
});

test('refuses a blank reason, an unknown member, a membership already ended', async () => {
  const { service, ended } = setUp('care-team', [{ ...NURSE, endedOn: '2026-01-01' }]);
  await assert.rejects(
    service.endMembership(gp, 'patient-1', 'm-nurse', '  ', ORIGIN),
    refused('invalid-input', /say why/),
  );
  await assert.rejects(
    service.endMembership(gp, 'patient-1', 'm-other', 'x', ORIGIN),
    refused('not-found', /no member/),
  );
  await assert.rejects(
    service.endMembership(gp, 'patient-1', 'm-nurse', 'x', ORIGIN),
    refused('conflict', /already ended/),
  );
  assert.deepEqual(ended, []);
});

test('a professional outside the team (break-the-glass, referral) cannot change it, and the refusal is audited', async () => {
  for (const basis of ['break-glass', 'referral'] as const) {
    const { service, ended, audit } = setUp(basis);
    await assert.rejects(
      service.endMembership(gp, 'patient-1', 'm-nurse', 'x', ORIGIN),
      refused('forbidden', /care team changes it/),
    );
    assert.deepEqual(ended, []);
    assert.deepEqual(
      audit.map((entry) => [entry.outcome, entry.resource]),
      [['denied', 'care-team']],
    );
  }
});
