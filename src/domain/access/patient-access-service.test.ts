import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntry } from '../audit/audit-entry.ts';
import { NO_ACCESS_FACTS } from './patient-access-policy.ts';
import { createPatientAccess } from './patient-access-service.ts';
import type { Principal } from './principal.ts';

const GP: Principal = { kind: 'professional', accountId: 'a-gp', practitionerId: 'pr-gp', roles: [] };
const READ = { action: 'read', resource: 'record' } as const;
const ORIGIN = { clientAddress: '127.0.0.1' };
/** Patient ids are UUIDs: the gate refuses any other text before it asks anything. */
const PATIENT = '0190f0a0-0000-7000-8000-000000000001';

/** A gate whose audit trail makes each append wait until the test calls `flush` (or `fail`). */
function setUp(roles: string[], identityVersion: number | null = 1) {
  const steps: string[] = [];
  const appended: AuditEntry[] = [];
  let settle: { resolve(): void; reject(error: Error): void } | undefined;
  const access = createPatientAccess({
    facts: {
      // The facts' identity version tells whether the patient exists: nothing asks again.
      patientExists: () => Promise.reject(new Error('asked whether the patient exists')),
      accessFacts: () => Promise.resolve({ ...NO_ACCESS_FACTS, careTeamRoles: roles, identityVersion }),
    },
    audit: {
      append(entries) {
        appended.push(...entries);
        steps.push('audit started');
        return new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      },
    },
    clock: () => new Date('2026-12-04T10:00:00Z'),
  });
  const flush = () => {
    steps.push('audit durable');
    settle?.resolve();
  };
  return { access, steps, appended, flush, fail: (error: Error) => settle?.reject(error) };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('PatientAccess.read', () => {
  it('reads while the audit row is written, and answers only once it is durable', async () => {
    const { access, steps, appended, flush } = setUp(['medecin_traitant'], 3);
    let answered = false;
    const reading = access
      .read(GP, PATIENT, READ, ORIGIN, (scope) => {
        steps.push(`read ${scope.patientId} at version ${scope.identityVersion ?? '?'}`);
        return Promise.resolve('the record');
      })
      .then((data) => {
        answered = true;
        return data;
      });
    await turn();
    assert.deepEqual(steps, ['audit started', `read ${PATIENT} at version 3`]);
    assert.equal(answered, false, 'no data before its audit row is durable');
    flush();
    assert.equal(await reading, 'the record');
    assert.equal(appended[0]?.outcome, 'allowed');
  });

  it('gives nothing when the audit row cannot be written', async () => {
    const { access, fail } = setUp(['medecin_traitant']);
    const reading = access.read(GP, PATIENT, READ, ORIGIN, () => Promise.resolve('the record'));
    await turn();
    fail(new Error('disk full'));
    await assert.rejects(reading, /disk full/);
  });

  it('refuses without reading, once the denial is audited', async () => {
    const { access, steps, appended, flush } = setUp([]);
    const reading = access.read(GP, PATIENT, READ, ORIGIN, () => {
      steps.push('read');
      return Promise.resolve('the record');
    });
    await turn();
    flush();
    await assert.rejects(reading, { code: 'forbidden' });
    assert.deepEqual(steps, ['audit started', 'audit durable']);
    assert.equal(appended[0]?.outcome, 'denied');
  });

  it('tells a professional there is no such patient from the facts alone, once that is audited', async () => {
    const { access, appended, flush } = setUp(['medecin_traitant'], null);
    const reading = access.read(GP, PATIENT, READ, ORIGIN, () => Promise.resolve('the record'));
    await turn();
    flush();
    await assert.rejects(reading, { code: 'not-found' });
    assert.deepEqual([appended[0]?.outcome, appended[0]?.reason], ['denied', 'no such patient']);
  });
});
