import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPatientAccess } from '../access/patient-access-service.ts';
import { decidePatientAccess, NO_ACCESS_FACTS } from '../access/patient-access-policy.ts';
import type { AuditEntry } from './audit-entry.ts';
import {
  ACCESS_GROUP_WINDOW_MS,
  activityOf,
  groupAccesses,
  isBreakGlass,
  type ProfessionalAccess,
} from './access-log.ts';
import { createAccessLogService, type AccessLogReader } from './access-log-service.ts';

const GP = '11111111-1111-4111-8111-111111111111';
const NURSE = '22222222-2222-4222-8222-222222222222';
const PATIENT = '33333333-3333-4333-8333-333333333333';
const T0 = Date.parse('2025-03-14T10:00:00Z');
const MINUTE = 60_000;

/** An entry of `accountId` at T0 + `minutes`; the sequence number follows time. */
function entry(
  accountId: string,
  minutes: number,
  overrides: Partial<ProfessionalAccess> = {},
): ProfessionalAccess {
  return {
    seq: String(1000 + minutes * 10),
    at: new Date(T0 + minutes * MINUTE),
    accountId,
    name: accountId === GP ? 'Claire Martin' : 'Paul Roux',
    profession: accountId === GP ? 'physician' : 'nurse',
    specialty: null,
    role: accountId === GP ? 'medecin_traitant' : 'nurse',
    action: 'read',
    resource: 'record',
    outcome: 'allowed',
    reason: 'care team member',
    breakGlassReason: null,
    ...overrides,
  };
}

test('actions on resources become what the patient can read: consulted, added, changed…', () => {
  const cases: [AuditEntry['action'], string, string][] = [
    ['read', 'record', 'viewed-record'],
    ['read', 'tasks', 'viewed-record'],
    ['read', 'results', 'viewed-results'],
    ['read', 'document', 'viewed-document'],
    ['read', 'questionnaire', 'viewed-questionnaires'],
    ['search', 'patient-search', 'found-in-list'],
    ['write', 'document', 'added-document'],
    ['write', 'result', 'added-result'],
    ['write', 'medication', 'changed-treatments'],
    ['write', 'condition', 'changed-record'],
    ['write', 'referral', 'wrote-referral'],
    ['write', 'discharge-letter', 'wrote-letter'],
    ['export', 'record', 'exported'],
    ['break-glass', 'record', 'break-glass'],
  ];
  for (const [action, resource, activity] of cases)
    assert.equal(activityOf(action, resource), activity, `${action} ${resource}`);
});

test('a read under break-the-glass is recognised from the access decision’s own reason', () => {
  const now = new Date(T0);
  const decision = decidePatientAccess(
    { kind: 'professional', accountId: GP, practitionerId: GP, roles: [] },
    PATIENT,
    { ...NO_ACCESS_FACTS, breakGlassUntil: new Date(T0 + 4 * 60 * MINUTE) },
    { action: 'read', resource: 'record' },
    now,
  );
  assert.ok(decision.allowed && decision.basis === 'break-glass');
  assert.equal(isBreakGlass({ action: 'read', outcome: 'allowed', reason: decision.reason }), true);
  assert.equal(isBreakGlass({ action: 'break-glass', outcome: 'allowed', reason: 'arrêt cardiaque' }), true);
  assert.equal(
    isBreakGlass({ action: 'read', outcome: 'allowed', reason: 'care team member (nurse)' }),
    false,
  );
  assert.equal(isBreakGlass({ action: 'read', outcome: 'denied', reason: decision.reason }), false);
});

test('identical reads by one professional within the window fold into one line, counted', () => {
  // Newest first, as the log is read: the GP opened the record three times in 8 minutes.
  const items = groupAccesses([entry(GP, 8), entry(GP, 4, { resource: 'tasks' }), entry(GP, 0)]);
  assert.equal(items.length, 1);
  const [line] = items;
  assert.ok(line !== undefined);
  assert.equal(line.count, 3);
  assert.equal(line.activity, 'viewed-record');
  assert.equal(line.firstAt.toISOString(), new Date(T0).toISOString());
  assert.equal(line.lastAt.toISOString(), new Date(T0 + 8 * MINUTE).toISOString());
  assert.equal(line.id, entry(GP, 8).seq);
  assert.equal(line.oldestSeq, entry(GP, 0).seq);
  assert.equal(line.outsideTeam, false);
});

test('lines do not fold across the window, another professional, another activity or outcome', () => {
  const lines = groupAccesses([
    entry(GP, 40),
    entry(GP, 40 - ACCESS_GROUP_WINDOW_MS / MINUTE - 1), // too long before the line's newest
    entry(NURSE, 20),
    entry(GP, 19),
    entry(GP, 18, { resource: 'results' }),
    entry(GP, 17, { resource: 'results', outcome: 'denied', role: null }),
  ]);
  assert.deepEqual(
    lines.map((line) => [line.who.name, line.activity, line.outcome, line.count]),
    [
      ['Claire Martin', 'viewed-record', 'allowed', 1],
      ['Claire Martin', 'viewed-record', 'allowed', 1],
      ['Paul Roux', 'viewed-record', 'allowed', 1],
      ['Claire Martin', 'viewed-record', 'allowed', 1],
      ['Claire Martin', 'viewed-results', 'allowed', 1],
      ['Claire Martin', 'viewed-results', 'denied', 1],
    ],
  );
  // A refusal does not claim the professional is outside the team: it says nothing of it.
  assert.equal(lines.at(-1)?.outsideTeam, false);
});

test('break-the-glass accesses are marked with the reason given, and reads outside the team say so', () => {
  const reason = 'Patient inconscient aux urgences, traitement à vérifier';
  const lines = groupAccesses([
    entry(NURSE, 5, {
      role: null,
      reason: 'break-the-glass access until 2025-03-14T14:00:00.000Z',
      breakGlassReason: reason,
    }),
    entry(NURSE, 0, { role: null, action: 'break-glass', reason, breakGlassReason: reason }),
    entry(GP, -30, { role: null, reason: 'an open referral to you or your service' }),
  ]);
  assert.deepEqual(
    lines.map((line) => [line.activity, line.breakGlass, line.outsideTeam]),
    [
      ['viewed-record', { reason }, true],
      ['break-glass', { reason }, true],
      ['viewed-record', null, true],
    ],
  );
});

test('the service pages by lines without splitting one, and without gaps or repeats', async () => {
  // 70 entries: the GP reads every minute in bursts (folded), the nurse now and then (not folded).
  const log: ProfessionalAccess[] = [];
  for (let minute = 0; minute < 70; minute += 1)
    log.push(minute % 7 === 0 ? entry(NURSE, minute) : entry(GP, minute));
  log.reverse();
  const reads: { beforeSeq: string | null; limit: number }[] = [];
  const reader: AccessLogReader = {
    professionalAccesses(scope, beforeSeq, limit) {
      assert.equal(scope.patientId, PATIENT);
      reads.push({ beforeSeq, limit });
      const below = log.filter((row) => beforeSeq === null || Number(row.seq) < Number(beforeSeq));
      return Promise.resolve(below.slice(0, limit));
    },
  };
  const audited: AuditEntry[] = [];
  const access = createPatientAccess({
    facts: {
      patientExists: () => Promise.resolve(true),
      accessFacts: () => Promise.resolve({ ...NO_ACCESS_FACTS, identityVersion: 1 }),
    },
    audit: { append: (entries) => Promise.resolve(void audited.push(...entries)) },
    clock: () => new Date(T0),
  });
  const service = createAccessLogService({ access, reader, pageSize: 3, batchSize: 4 });
  const patient = { kind: 'patient', accountId: PATIENT, patientId: PATIENT } as const;
  const origin = { clientAddress: '127.0.0.1' };

  const pages = [];
  let cursor: string | null = null;
  do {
    const page = await service.myAccessLog(patient, cursor, origin);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  const lines = pages.flat();
  assert.ok(pages.slice(0, -1).every((page) => page.length === 3));
  assert.ok(reads.every((read) => read.limit === 4));
  assert.ok(reads.length > pages.length, 'a page is filled over several reads');
  assert.equal(
    lines.reduce((sum, line) => sum + line.count, 0),
    70,
    'every entry once',
  );
  assert.deepEqual(lines, groupAccesses(log), 'the same lines as folding the whole log at once');
  assert.equal(audited.length, pages.length);
  assert.ok(audited.every((row) => row.resource === 'access-log' && row.actorKind === 'patient'));

  await assert.rejects(service.myAccessLog(patient, 'abc', origin), { code: 'invalid-input' });
  const professional = { kind: 'professional', accountId: GP, practitionerId: GP, roles: [] } as const;
  await assert.rejects(service.myAccessLog(professional, null, origin), { code: 'forbidden' });
});
