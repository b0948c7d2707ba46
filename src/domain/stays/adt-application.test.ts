import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AdtEvent, AdtVisit } from '../hl7/adt-event.ts';
import { decideStayChange, serviceForUnit, type StayContext, type StayDecision } from './adt-application.ts';
import type { Stay } from './stay.ts';

const NOW = new Date('2024-03-20T12:00:00Z');
let counter = 0;
const context: StayContext = { now: NOW, newId: () => `id-${++counter}`, hospitalId: 'h1', serviceId: 's1' };

function adt(code: string, visit: Partial<AdtVisit> | null, more: Partial<AdtEvent> = {}): AdtEvent {
  return {
    event: code,
    facility: '750712184',
    recordedAt: new Date('2024-03-20T10:00:00Z'),
    occurredAt: null,
    nationalIds: [],
    localIds: [{ authority: 'CH', id: 'IPP1' }],
    traits: {
      birthFamilyName: 'MARTIN',
      firstGivenName: 'LOUIS',
      givenNames: null,
      usedFamilyName: null,
      birthDate: '1945-01-02',
      sex: 'male',
      birthPlaceCode: null,
      identityReliability: [],
    },
    visit:
      visit === null
        ? null
        : {
            visitNumber: 'V1',
            patientClass: 'inpatient',
            unit: 'CARDIO',
            admissionKind: 'emergency',
            attending: 'PAUL MARTIN',
            dischargeDisposition: null,
            admittedAt: null,
            dischargedAt: null,
            ...visit,
          },
    movement: null,
    procedureCount: 0,
    mergedLocalIds: [],
    ...more,
  };
}

function written(decision: StayDecision): Extract<StayDecision, { kind: 'write' }> {
  if (decision.kind !== 'write') assert.fail(`expected a write, got ${JSON.stringify(decision)}`);
  return decision;
}

const admitted = (): Stay =>
  written(decideStayChange(adt('A01', { admittedAt: new Date('2024-03-14T08:00:00Z') }), 'p1', null, context))
    .stay;

describe('applying ADT events to stays', () => {
  test('A01 admits at PV1-44 with its event; A04 registers an outpatient visit', () => {
    const decision = written(
      decideStayChange(adt('A01', { admittedAt: new Date('2024-03-14T08:00:00Z') }), 'p1', null, context),
    );
    assert.equal(decision.expectedVersion, null);
    assert.equal(decision.stay.status, 'admitted');
    assert.equal(decision.stay.serviceId, 's1');
    assert.equal(decision.events[0]?.type, 'stay.admitted');
    assert.deepEqual(decision.events[0].occurredAt, new Date('2024-03-14T08:00:00Z'));

    const visit = written(decideStayChange(adt('A04', { patientClass: 'inpatient' }), 'p1', null, context));
    assert.equal(visit.stay.patientClass, 'outpatient', 'a registration is never a hospitalisation');
    const emergency = written(
      decideStayChange(adt('A04', { patientClass: 'emergency' }), 'p1', null, context),
    );
    assert.equal(emergency.stay.patientClass, 'emergency');
    assert.deepEqual(visit.stay.admittedAt, new Date('2024-03-20T10:00:00Z'), 'no PV1-44: the event time');
  });

  test('A02 moves the unit and says where from; A03 discharges at PV1-45 with the disposition', () => {
    const stay = admitted();
    const moved = written(decideStayChange(adt('A02', { unit: 'REA' }), 'p1', stay, context));
    assert.equal(moved.stay.unit, 'REA');
    assert.equal(moved.expectedVersion, 1);
    assert.equal(moved.events[0]?.payload.fromUnit, 'CARDIO');

    const out = written(
      decideStayChange(
        adt(
          'A03',
          { dischargedAt: new Date('2024-03-20T09:00:00Z'), dischargeDisposition: '01' },
          { procedureCount: 2 },
        ),
        'p1',
        moved.stay,
        context,
      ),
    );
    assert.equal(out.stay.status, 'discharged');
    assert.equal(out.stay.dischargeDisposition, '01');
    assert.equal(out.stay.procedureCount, 2);
    assert.equal(out.events[0]?.type, 'stay.discharged');
    assert.deepEqual(out.events[0].occurredAt, new Date('2024-03-20T09:00:00Z'));
  });

  test('A11 cancels an admission; A13 takes a discharge back', () => {
    const stay = admitted();
    const cancelled = written(decideStayChange(adt('A11', {}), 'p1', stay, context));
    assert.equal(cancelled.stay.status, 'cancelled');
    assert.equal(cancelled.events[0]?.type, 'stay.admission-cancelled');

    const out = written(decideStayChange(adt('A03', {}), 'p1', stay, context)).stay;
    const back = written(decideStayChange(adt('A13', {}), 'p1', out, context));
    assert.equal(back.stay.status, 'admitted');
    assert.equal(back.stay.dischargedAt, null);
    assert.equal(back.events[0]?.type, 'stay.discharge-cancelled');
  });

  test('impossible or out-of-order messages are refused with their reason', () => {
    const stay = admitted();
    const reason = (decision: StayDecision) => (decision.kind === 'failed' ? decision.reason : decision.kind);
    assert.match(reason(decideStayChange(adt('A03', {}), 'p1', null, context)), /no stay for/);
    assert.match(reason(decideStayChange(adt('A13', {}), 'p1', stay, context)), /not discharged/);
    assert.match(reason(decideStayChange(adt('A01', {}), 'p1', stay, context)), /already admitted/);
    assert.match(reason(decideStayChange(adt('A02', {}), 'p2', stay, context)), /another Relais patient/);
    assert.match(
      reason(
        decideStayChange(adt('A03', { dischargedAt: new Date('2024-03-01T00:00:00Z') }), 'p1', stay, context),
      ),
      /before its admission/,
    );
  });

  test('A08 updates the stay details only when something changed; without a visit it changes nothing', () => {
    const stay = admitted();
    const updated = written(decideStayChange(adt('A08', { attending: 'ANNE DURAND' }), 'p1', stay, context));
    assert.equal(updated.stay.attending, 'ANNE DURAND');
    assert.equal(updated.events[0]?.type, 'stay.updated');
    assert.equal(decideStayChange(adt('A08', {}), 'p1', stay, context).kind, 'unchanged');
    assert.equal(decideStayChange(adt('A08', null), 'p1', stay, context).kind, 'unchanged');
  });

  test('an A01 UPDATE movement corrects the admission instead of refusing it', () => {
    const stay = admitted();
    const corrected = written(
      decideStayChange(
        adt(
          'A01',
          { admittedAt: new Date('2024-03-14T07:00:00Z') },
          {
            movement: { id: 'M1', at: null, action: 'UPDATE', unit: null },
          },
        ),
        'p1',
        stay,
        context,
      ),
    );
    assert.deepEqual(corrected.stay.admittedAt, new Date('2024-03-14T07:00:00Z'));
    assert.equal(corrected.events[0]?.type, 'stay.updated');
  });
});

describe('unit to service', () => {
  const services = [
    { id: 'cardio', name: 'Service de cardiologie', specialty: 'cardiology' },
    { id: 'pneumo', name: 'Pneumologie', specialty: 'pneumology' },
  ];
  test('by name, specialty or a name containing the unit; null when unsure', () => {
    assert.equal(serviceForUnit('CARDIO', services), 'cardio');
    assert.equal(serviceForUnit('pneumology', services), 'pneumo');
    assert.equal(serviceForUnit('Pneumologie', services), 'pneumo');
    assert.equal(serviceForUnit('REA', services), null);
    assert.equal(serviceForUnit('logie', services), null, 'two services fit: none is chosen');
    assert.equal(serviceForUnit(null, services), null);
  });
});
