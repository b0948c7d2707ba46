import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AuditEntry } from '../../domain/audit/audit-entry.ts';
import { auditEventToFhir } from './audit-event-mapper.ts';
import { assertValidR4 } from './mapper-test-support.ts';

const read: AuditEntry = {
  at: new Date('2026-12-01T08:15:00Z'),
  accountId: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
  actorKind: 'professional',
  actorRole: 'medecin_traitant',
  patientId: '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e',
  action: 'read',
  resource: 'record',
  outcome: 'allowed',
  reason: 'care team member',
  clientAddress: '192.0.2.10',
};

describe('AuditEvent mapper', () => {
  it('writes an allowed read of a record by the médecin traitant', () => {
    const event = auditEventToFhir(read);
    assertValidR4(event);
    assert.equal(event.action, 'R');
    assert.equal(event.outcome, '0');
    assert.equal(event.recorded, '2026-12-01T08:15:00.000Z');
    const [agent] = event.agent;
    assert.ok(agent);
    assert.equal(agent.altId, read.accountId);
    assert.deepEqual(agent.network, { address: '192.0.2.10', type: '2' });
    assert.deepEqual(event.entity?.[0]?.what, { reference: `Patient/${read.patientId ?? ''}` });
  });

  it('writes a refused break-the-glass access as a minor failure for emergency treatment', () => {
    const event = auditEventToFhir({
      ...read,
      action: 'break-glass',
      outcome: 'denied',
      reason: 'patient objection',
    });
    assertValidR4(event);
    assert.equal(event.outcome, '4');
    assert.equal(event.outcomeDesc, 'patient objection');
    assert.equal(event.purposeOfEvent?.[0]?.coding?.[0]?.code, 'ETREAT');
  });

  it('emits a valid R4 AuditEvent for any audit entry', () => {
    const entries: fc.Arbitrary<AuditEntry> = fc
      .record({
        accountId: fc.option(fc.uuid({ version: 4 })),
        actorKind: fc.constantFrom('professional', 'patient', 'anonymous'),
        actorRole: fc.option(fc.constantFrom('medecin_traitant', 'nurse', 'break-glass')),
        patientId: fc.option(fc.uuid({ version: 4 })),
        action: fc.constantFrom('read', 'search', 'write', 'export', 'login', 'break-glass'),
        outcome: fc.constantFrom('allowed', 'denied'),
        clientAddress: fc.option(fc.constantFrom('192.0.2.10', '2001:db8::1')),
      })
      .map((fields) => ({ ...read, ...fields }));
    fc.assert(
      fc.property(entries, (entry) => assertValidR4(auditEventToFhir(entry))),
      { numRuns: 60 },
    );
  });
});
