import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gateOpeningOn } from '../../../tests/support/open-gate.ts';
import type { AccessBasis } from '../access/patient-access-policy.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditEntry } from '../audit/audit-entry.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { SharingContext } from './sharing-choice.ts';
import type { SharingChoiceRow, SharingChoiceStore, SharingChoiceView, Withdrawal } from './sharing-ports.ts';
import { createSharingService } from './sharing-service.ts';

const NOW = new Date('2026-12-04T10:00:00Z');
const PATIENT_ID = 'patient-1';
const ORIGIN = { clientAddress: null };
const patient: Principal = { kind: 'patient', accountId: 'acc-patient', patientId: PATIENT_ID };
const gp: Principal = { kind: 'professional', accountId: 'acc-gp', practitionerId: 'pr-gp', roles: [] };

const CONTEXT: SharingContext = {
  practitioners: new Map([
    ['pr-nurse', { name: 'Inès Infirmière', organizationIds: [] }],
    ['pr-gp', { name: 'Gaël Généraliste', organizationIds: [] }],
    ['pr-out', { name: 'Oscar Dehors', organizationIds: [] }],
  ]),
  organizationName: null,
  careTeam: new Set(['pr-nurse', 'pr-gp']),
  inForce: [],
};

const view = (overrides: Partial<SharingChoiceView> = {}): SharingChoiceView => ({
  id: 'choice-1',
  kind: 'consent',
  practitioner: {
    id: 'pr-out',
    name: 'Oscar Dehors',
    profession: 'physician',
    specialty: null,
    organization: null,
  },
  organization: null,
  category: null,
  allowedPractitioners: [],
  onBehalf: false,
  recordedAt: NOW.toISOString(),
  recordedBy: { kind: 'patient', name: null },
  withdrawnAt: null,
  withdrawnBy: null,
  ...overrides,
});

/** The service over an access gate that opens on `basis` and a store that remembers what it was asked. */
function setUp(basis: AccessBasis, options: { context?: SharingContext; stored?: SharingChoiceView[] } = {}) {
  const audit: AuditEntry[] = [];
  const opened: string[] = [];
  const recorded: { row: SharingChoiceRow; replaced: Withdrawal | null; events: readonly DomainEvent[] }[] =
    [];
  const withdrawn: { withdrawal: Withdrawal; event: DomainEvent }[] = [];
  const access = gateOpeningOn(basis, (purpose) => opened.push(`${purpose.action} ${purpose.resource}`));
  const store: SharingChoiceStore = {
    list: () => Promise.resolve(options.stored ?? []),
    find: (_scope, id) => Promise.resolve((options.stored ?? []).find((choice) => choice.id === id)),
    context: () => Promise.resolve(options.context ?? CONTEXT),
    record(_scope, row, replaced, events) {
      recorded.push({ row, replaced, events });
      return Promise.resolve();
    },
    withdraw(_scope, withdrawal, event) {
      withdrawn.push({ withdrawal, event });
      return Promise.resolve();
    },
  };
  let ids = 0;
  const service = createSharingService({
    access,
    audit: {
      append(entries) {
        audit.push(...entries);
        return Promise.resolve();
      },
    },
    store,
    // The stored choices are the patient's; any other id is nobody's.
    owners: {
      patientOf: (_part, id) =>
        Promise.resolve((options.stored ?? []).some((choice) => choice.id === id) ? PATIENT_ID : undefined),
    },
    clock: () => NOW,
    newId: () => `id-${String((ids += 1))}`,
  });
  return { service, audit, opened, recorded, withdrawn };
}

const refused = (code: DomainError['code'], pattern: RegExp) => (error: unknown) =>
  error instanceof DomainError && error.code === code && pattern.test(error.message);

describe('recording a sharing choice', () => {
  test('the patient records their own; the event names whom, in words', async () => {
    const { service, recorded } = setUp('self');
    const id = await service.record(
      patient,
      PATIENT_ID,
      { kind: 'objection', practitionerId: 'pr-nurse' },
      ORIGIN,
    );
    const [write] = recorded;
    assert.equal(write?.row.id, id);
    assert.equal(write.row.onBehalf, false);
    assert.equal(write.row.recordedByAccountId, 'acc-patient');
    assert.equal(write.replaced, null);
    assert.deepEqual(
      write.events.map((e) => [e.type, e.actorAccountId, e.payload['target'], e.payload['onBehalf']]),
      [['sharing.objection-recorded', 'acc-patient', 'Inès Infirmière', false]],
    );
  });

  test('a member of the care team records it on the patient’s behalf', async () => {
    const { service, recorded } = setUp('care-team');
    await service.record(gp, PATIENT_ID, { kind: 'consent', practitionerId: 'pr-out' }, ORIGIN);
    assert.equal(recorded[0]?.row.onBehalf, true);
    assert.equal(recorded[0].events[0]?.type, 'sharing.consent-given');
    assert.equal(recorded[0].events[0].payload['onBehalf'], true);
  });

  for (const basis of ['consent', 'break-glass', 'referral'] as const) {
    test(`a professional reading on ${basis} is refused, audited, and nothing is written`, async () => {
      const { service, audit, recorded } = setUp(basis);
      await assert.rejects(
        service.record(gp, PATIENT_ID, { kind: 'consent', practitionerId: 'pr-out' }, ORIGIN),
        refused('forbidden', /only the patient and their care team/),
      );
      assert.deepEqual(
        audit.map((entry) => [entry.outcome, entry.resource, entry.patientId]),
        [['denied', 'sharing-choices', PATIENT_ID]],
      );
      assert.deepEqual(recorded, []);
    });
  }

  test('bad input is refused before the record is opened', async () => {
    const { service, opened } = setUp('self');
    await assert.rejects(
      service.record(patient, PATIENT_ID, { kind: 'restriction' }, ORIGIN),
      refused('invalid-input', /category/),
    );
    assert.deepEqual(opened, []);
  });

  test('a category’s new restriction withdraws the previous one in the same write', async () => {
    const previous = view({
      id: 'old',
      kind: 'restriction',
      practitioner: null,
      category: 'mental-health',
      allowedPractitioners: [
        {
          id: 'pr-gp',
          name: 'Gaël Généraliste',
          profession: 'physician',
          specialty: null,
          organization: null,
        },
      ],
    });
    const context = {
      ...CONTEXT,
      inForce: [
        {
          id: 'old',
          kind: 'restriction',
          practitionerId: null,
          organizationId: null,
          category: 'mental-health',
        },
      ] as const,
    };
    const { service, recorded } = setUp('self', { context, stored: [previous] });
    await service.record(
      patient,
      PATIENT_ID,
      { kind: 'restriction', category: 'mental-health', allowedPractitionerIds: ['pr-nurse', 'pr-gp'] },
      ORIGIN,
    );
    const [write] = recorded;
    assert.deepEqual(write?.replaced, { choiceId: 'old', at: NOW, byAccountId: 'acc-patient' });
    assert.deepEqual(
      write.events.map((e) => [
        e.type,
        e.payload['choiceId'],
        e.payload['restrictedCategory'],
        e.payload['allowed'],
      ]),
      [
        ['sharing.restriction-withdrawn', 'old', 'mental-health', 'Gaël Généraliste'],
        ['sharing.restriction-set', write.row.id, 'mental-health', 'Inès Infirmière, Gaël Généraliste'],
      ],
    );
    // The event must not carry `category`, or the timeline would hide it from those it excludes.
    assert.equal(write.events[1]?.payload['category'], undefined);
  });
});

describe('withdrawing a sharing choice', () => {
  test('dates the withdrawal with its event, on the patient’s behalf when a professional does it', async () => {
    const { service, withdrawn } = setUp('care-team', { stored: [view()] });
    await service.withdraw(gp, PATIENT_ID, 'choice-1', ORIGIN);
    assert.deepEqual(withdrawn[0]?.withdrawal, { choiceId: 'choice-1', at: NOW, byAccountId: 'acc-gp' });
    assert.equal(withdrawn[0].event.type, 'sharing.consent-withdrawn');
    assert.equal(withdrawn[0].event.payload['onBehalf'], true);
  });

  test('refuses a choice the patient does not have, or one already withdrawn', async () => {
    const { service, withdrawn } = setUp('self', { stored: [view({ withdrawnAt: NOW.toISOString() })] });
    await assert.rejects(
      service.withdraw(patient, PATIENT_ID, 'other', ORIGIN),
      refused('not-found', /no sharing choice/),
    );
    await assert.rejects(
      service.withdraw(patient, PATIENT_ID, 'choice-1', ORIGIN),
      refused('conflict', /already withdrawn/),
    );
    assert.deepEqual(withdrawn, []);
  });
});

describe('reading a sharing choice by its id alone', () => {
  const id = '0b5c3f6e-2f4a-4c1e-9a57-5d1f0c7e8a21';

  test('finds its patient, then reads it through that patient’s gate', async () => {
    const { service, opened } = setUp('care-team', { stored: [view({ id })] });
    const read = await service.choice(gp, id, ORIGIN);
    assert.deepEqual([read.patientId, read.choice.id], [PATIENT_ID, id]);
    assert.deepEqual(opened, ['read sharing-choices']);
  });

  test('an id that is nobody’s, or no UUID, is not found and opens no gate', async () => {
    const { service, opened } = setUp('care-team', { stored: [view({ id })] });
    for (const unknown of ['9d0e5a1b-7c2f-4b8e-8f3a-1e6d2c4b5a90', 'choice-1'])
      await assert.rejects(service.choice(gp, unknown, ORIGIN), refused('not-found', /no sharing-choice/));
    assert.deepEqual(opened, []);
  });
});
