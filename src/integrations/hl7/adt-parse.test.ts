import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { matchableIns, type AdtEvent } from '../../domain/hl7/adt-event.ts';
import { checkAdtContent, readAdtEvent } from './adt-parse.ts';

/** A fixture as a sender puts it on the wire: segments separated by carriage returns. */
const fixture = (name: string): string =>
  readFileSync(new URL(`../../../tests/fixtures/adt-mapping/${name}`, import.meta.url), 'utf8')
    .trimEnd()
    .replaceAll('\n', '\r');

function mapped(name: string): AdtEvent {
  const result = readAdtEvent(fixture(name));
  if (!result.ok) assert.fail(`${name}: ${result.problems.join('; ')}`);
  return result.event;
}

function problemsOf(name: string): string {
  const result = readAdtEvent(fixture(name));
  assert.equal(result.ok, false, `${name} should be refused`);
  return result.problems.join('; ');
}

describe('ADT mapping', () => {
  test('PAM France 2.11 admission: INS, IPP, traits, visit and movement; ZFA/ZFD ignored', () => {
    const event = mapped('pam-fr-2.11-a01.hl7');
    assert.equal(event.event, 'A01');
    assert.equal(event.facility, '750712184');
    assert.deepEqual(event.nationalIds, [{ kind: 'INS-NIR-TEST', value: '279035121518989', valid: true }]);
    assert.deepEqual(event.localIds, [{ authority: '1.2.250.1.999.1.1', id: '123456' }]);
    assert.deepEqual(event.traits, {
      birthFamilyName: 'NESSI',
      firstGivenName: 'RUTH',
      givenNames: 'RUTH ISABELLE',
      usedFamilyName: 'DUPONT',
      birthDate: '1979-03-15',
      sex: 'female',
      birthPlaceCode: '63220',
      identityReliability: ['VALI'],
    });
    // Paris is on winter time (UTC+1) on 12 March 2024.
    assert.deepEqual(event.visit, {
      visitNumber: 'V2024001',
      patientClass: 'inpatient',
      unit: 'CARDIO',
      admissionKind: 'urgent',
      attending: 'PAUL MARTIN',
      dischargeDisposition: null,
      admittedAt: new Date('2024-03-12T09:30:00Z'),
      dischargedAt: null,
    });
    assert.deepEqual(event.movement, {
      id: 'MVT0001',
      at: new Date('2024-03-12T09:30:00Z'),
      action: 'INSERT',
      unit: 'Cardiologie',
    });
    assert.deepEqual(event.recordedAt, new Date('2024-03-12T09:45:00Z'));
    assert.deepEqual(event.occurredAt, new Date('2024-03-12T09:30:00Z'));
    assert.equal(event.procedureCount, 0);
  });

  test('v2.3 discharge: event from MSH-9.2, disposition, discharge time and procedures counted', () => {
    const event = mapped('v2.3-a03-discharge.hl7');
    assert.equal(event.event, 'A03');
    assert.deepEqual(event.localIds, [{ authority: 'CHFICTIF', id: 'IPP778899' }]);
    assert.equal(event.nationalIds.length, 0);
    assert.equal(event.visit?.admissionKind, 'elective');
    assert.equal(event.visit.dischargeDisposition, '01');
    assert.deepEqual(event.visit.dischargedAt, new Date('2024-03-20T14:30:00Z'));
    assert.equal(event.procedureCount, 2);
    assert.equal(event.movement, null);
  });

  test('v2.4 transfer: the new unit; an unknown segment (PV2) with escapes is ignored', () => {
    const event = mapped('v2.4-a02-transfer.hl7');
    assert.equal(event.event, 'A02');
    assert.equal(event.visit?.unit, 'REA');
    assert.equal(event.visit.visitNumber, 'V778');
    assert.equal(event.visit.admissionKind, 'unknown');
  });

  test('v2.5 merge: MRG-1 names the retired id, PID-3 the surviving one', () => {
    const event = mapped('v2.5-a40-merge.hl7');
    assert.equal(event.event, 'A40');
    assert.deepEqual(event.localIds, [{ authority: 'CHFICTIF', id: 'IPP1000' }]);
    assert.deepEqual(event.mergedLocalIds, [{ authority: 'CHFICTIF', id: 'IPP2000' }]);
    assert.equal(event.visit, null);
  });

  test('a DTM with an offset is read in that offset; escapes are decoded', () => {
    const raw = fixture('v2.4-a02-transfer.hl7')
      .replace('EVN|A02|20240315082900', 'EVN|A02|20240315082900+0000')
      .replace('MARTIN^LOUIS', 'MARTIN\\S\\X^LOUIS');
    const result = readAdtEvent(raw);
    assert.ok(result.ok);
    assert.deepEqual(result.event.recordedAt, new Date('2024-03-15T08:29:00Z'));
    assert.equal(result.event.traits.birthFamilyName, 'MARTIN^X');
  });

  test('an INS with a wrong key is kept but not valid; the legacy INS-C and the NH billing id never match', () => {
    const wrongKey = readAdtEvent(
      fixture('pam-fr-2.11-a01.hl7').replace('279035121518989', '279035121518988'),
    );
    assert.ok(wrongKey.ok);
    assert.equal(wrongKey.event.nationalIds[0]?.valid, false);
    assert.deepEqual(matchableIns(wrongKey.event), []);

    const legacy = readAdtEvent(
      fixture('v2.3-a03-discharge.hl7').replace(
        'IPP778899^^^CHFICTIF^PI',
        'IPP778899^^^CHFICTIF^PI~279035121518989^^^^NH~1790312345678^^^INS-C&1.2.250.1.213.1.4.2&ISO^INS-C',
      ),
    );
    assert.ok(legacy.ok);
    assert.deepEqual(legacy.event.nationalIds, [{ kind: 'INS-C', value: '1790312345678', valid: false }]);
    assert.deepEqual(matchableIns(legacy.event), []);
    assert.deepEqual(legacy.event.localIds, [{ authority: 'CHFICTIF', id: 'IPP778899' }]);
  });

  test('refusals say what is wrong', () => {
    assert.match(problemsOf('bad-no-pid.hl7'), /no PID segment/);
    assert.match(problemsOf('bad-a01-without-visit.hl7'), /A01 needs a PV1 segment with a visit number/);
    const dates = problemsOf('bad-dates.hl7');
    assert.match(dates, /EVN-2 '2024-03-16' is not an HL7 date\/time/);
    assert.match(dates, /PID-7 birth date is not an HL7 date/);
    assert.doesNotMatch(dates, /19451302/);
    assert.match(dates, /PV1-45 '20240316256000'/);
    assert.match(problemsOf('bad-a40-without-mrg.hl7'), /A40 needs an MRG segment/);
    assert.match(problemsOf('bad-no-identifier.hl7'), /no usable identifier/);
  });

  test('the content check turns the problems into the reason of an AE, and accepts good messages', () => {
    assert.deepEqual(checkAdtContent(fixture('pam-fr-2.11-a01.hl7')), { ok: true });
    assert.deepEqual(checkAdtContent(fixture('bad-no-pid.hl7')), {
      ok: false,
      reason: 'the message has no PID segment',
    });
    assert.deepEqual(checkAdtContent('not hl7 at all'), {
      ok: false,
      reason: 'the message cannot be parsed as HL7 v2',
    });
    const oru = fixture('v2.4-a02-transfer.hl7').replace('ADT^A02^ADT_A02', 'ORU^R01');
    assert.match(String((checkAdtContent(oru) as { reason?: string }).reason), /not an ADT message/);
    const v26 = fixture('v2.4-a02-transfer.hl7').replace('|P|2.4', '|P|2.6');
    assert.match(
      String((checkAdtContent(v26) as { reason?: string }).reason),
      /'2.6' is not 2.3, 2.4 or 2.5/,
    );
  });
});
