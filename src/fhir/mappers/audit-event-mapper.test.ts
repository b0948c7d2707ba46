import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AUDIT_ACTIONS } from '../../domain/audit/audit-log-filter.ts';
import type { AuditLogRow } from '../../domain/audit/audit-log-service.ts';
import { auditActionsOf, auditEventToFhir, URI_SYSTEM } from './audit-event-mapper.ts';
import { assertValidR4 } from './mapper-test-support.ts';

const read: AuditLogRow = {
  seq: '4711',
  at: new Date('2026-12-01T08:15:00Z'),
  actor: {
    kind: 'professional',
    accountId: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
    login: 'dr.riviere',
    name: 'Maëlle Rivière',
    profession: 'physician',
  },
  role: 'medecin_traitant',
  patientIds: ['6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e'],
  action: 'read',
  resource: 'record',
  outcome: 'allowed',
  reason: 'care team member',
  clientAddress: '192.0.2.10',
};

describe('AuditEvent mapper', () => {
  it('writes an allowed read of a record by the médecin traitant, under its sequence number', () => {
    const event = auditEventToFhir(read);
    assertValidR4(event);
    assert.equal(event.id, '4711');
    assert.equal(event.action, 'R');
    assert.equal(event.outcome, '0');
    assert.equal(event.recorded, '2026-12-01T08:15:00.000Z');
    const [agent] = event.agent;
    assert.ok(agent);
    assert.deepEqual(agent.who, {
      identifier: { system: URI_SYSTEM, value: `urn:uuid:${read.actor.accountId ?? ''}` },
      display: 'Maëlle Rivière',
    });
    assert.equal(agent.altId, 'dr.riviere');
    assert.equal(agent.name, 'Maëlle Rivière');
    assert.deepEqual(agent.role, [{ text: 'medecin_traitant' }]);
    assert.deepEqual(agent.network, { address: '192.0.2.10', type: '2' });
    assert.deepEqual(
      event.entity?.map((entity) => entity.what),
      [{ reference: `Patient/${read.patientIds[0] ?? ''}` }],
    );
  });

  it('shows an account without a practitioner by its log-in, and an unknown caller by nothing', () => {
    const patient = auditEventToFhir({
      ...read,
      actor: { ...read.actor, kind: 'patient', login: 'camille.d', name: null, profession: null },
      role: null,
    });
    assertValidR4(patient);
    const [own] = patient.agent;
    assert.ok(own);
    assert.equal(own.who?.display, 'camille.d');
    assert.equal(own.name, undefined);
    const anonymous = auditEventToFhir({
      ...read,
      actor: { kind: 'anonymous', accountId: null, login: null, name: null, profession: null },
      action: 'login',
      outcome: 'denied',
      patientIds: [],
      resource: 'session',
    });
    assertValidR4(anonymous);
    assert.deepEqual(anonymous.entity, [{ description: 'session' }]);
    const [agent] = anonymous.agent;
    assert.deepEqual(
      [agent?.who, agent?.altId, agent?.name, anonymous.type.code],
      [undefined, undefined, undefined, '110114'],
    );
  });

  it('names every patient a search found, each as an entity', () => {
    const hits = ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e'];
    const event = auditEventToFhir({
      ...read,
      action: 'search',
      resource: 'patient-search',
      patientIds: hits,
    });
    assertValidR4(event);
    assert.deepEqual(
      event.entity?.map((entity) => [entity.what?.reference, entity.description]),
      hits.map((id) => [`Patient/${id}`, 'patient-search']),
    );
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

  it('reads an R4 action code back as the actions it stands for, each action under one code', () => {
    assert.deepEqual(auditActionsOf('R'), ['read', 'export']);
    assert.deepEqual(auditActionsOf('E'), ['search', 'login', 'break-glass']);
    assert.deepEqual(auditActionsOf('U'), ['write']);
    assert.deepEqual(auditActionsOf('C'), []);
    for (const action of AUDIT_ACTIONS) {
      const code = auditEventToFhir({ ...read, action }).action;
      assert.ok(code !== undefined && auditActionsOf(code).includes(action), action);
    }
  });

  it('emits a valid R4 AuditEvent for any audit entry', () => {
    const rows: fc.Arbitrary<AuditLogRow> = fc
      .record({
        seq: fc.bigInt({ min: 1n, max: 2n ** 62n }).map(String),
        accountId: fc.option(fc.uuid({ version: 4 })),
        login: fc.option(fc.constantFrom('dr.riviere', 'camille.d')),
        name: fc.option(fc.constantFrom('Maëlle Rivière', 'Jean-Noël Le Goff')),
        kind: fc.constantFrom('professional', 'patient', 'anonymous'),
        role: fc.option(fc.constantFrom('medecin_traitant', 'nurse', 'break-glass')),
        patientId: fc.option(fc.uuid({ version: 4 })),
        action: fc.constantFrom(...AUDIT_ACTIONS),
        outcome: fc.constantFrom('allowed', 'denied'),
        clientAddress: fc.option(fc.constantFrom('192.0.2.10', '2001:db8::1')),
      })
      .map(({ accountId, login, name, kind, ...fields }) => ({
        ...read,
        ...fields,
        actor: { ...read.actor, kind, accountId, login, name },
      }));
    fc.assert(
      fc.property(rows, (row) => assertValidR4(auditEventToFhir(row))),
      { numRuns: 60 },
    );
  });
});
