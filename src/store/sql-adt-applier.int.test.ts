import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import type { AdtApplyOutcome, StoredAdtMessage } from '../domain/adt-inbox/adt-applier.ts';
import {
  accountIdOf,
  createPatient,
  createProfessional,
  fictionalIns,
} from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { settleJournal, startTestRelais } from '../../tests/support/test-relais.ts';
import { adt, type AdtSpec } from '../../tests/fixtures/adt-mapping/adt-message-builder.ts';
import type { Principal } from '../domain/access/principal.ts';
import { createSqlStayReader } from './sql-stays.ts';

const ORIGIN = { clientAddress: null };

/**
 * A family name no other test uses, so trait lookups see only this test's patients: letters only, one
 * per hex digit (turning every digit into 'x' made 'Fictifxxxxxxxx' a one-in-forty draw, and two
 * patients with the same names are an uncertain match).
 */
const uniqueFamily = () =>
  `Fictif${randomUUID()
    .slice(0, 8)
    .replace(/\d/g, (digit) => String.fromCharCode(0x67 + Number(digit)))}`;

for (const { dialect, skip } of testDialects()) {
  describe(`ADT applier on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let admin: Principal;
    let gp: string;
    before(async () => {
      relais = await startTestRelais(dialect);
      const pro = await createProfessional(relais, 'physician', { roles: ['admin'] });
      admin = {
        kind: 'professional',
        accountId: await accountIdOf(relais, pro.token),
        practitionerId: pro.practitionerId,
        roles: ['admin'],
      };
      gp = (await createProfessional(relais)).practitionerId;
    });
    after(() => relais.close());

    const apply = (message: StoredAdtMessage) => relais.services.adtApplier.apply(message);
    const send = (spec: AdtSpec) => apply(adt(spec));
    const patientWith = (family: string, options: { ins?: boolean; given?: string } = {}) =>
      createPatient(relais, [gp], {
        identity: {
          birthFamilyName: family,
          firstGivenName: options.given ?? 'Hélène',
          givenNames: options.given ?? 'Hélène',
          ...(options.ins === false ? { ins: undefined, identityStatus: 'PROV' } : {}),
        },
      });
    const appliedTo = (outcome: AdtApplyOutcome) =>
      outcome.status === 'applied' ? outcome.patientId : assert.fail(JSON.stringify(outcome));
    const stayEvents = async (patientId: string) =>
      (
        await relais.database.db
          .selectFrom('events')
          .select(['type', 'occurred_at', 'payload'])
          .where('patient_id', '=', patientId)
          .where('type', 'like', 'stay.%')
          .orderBy('occurred_at')
          .execute()
      ).map((row) => ({ type: row.type, at: new Date(row.occurred_at).toISOString(), payload: row.payload }));
    const links = (patientId: string) =>
      relais.database.db
        .selectFrom('patient_local_ids')
        .select(['authority', 'local_id', 'linked_by'])
        .where('patient_id', '=', patientId)
        .orderBy('local_id')
        .execute();
    const countRows = async () => {
      const [events, stays, effects] = await Promise.all(
        (['events', 'stays', 'adt_message_effects'] as const).map(async (table) =>
          relais.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow(),
        ),
      );
      return { events: events?.n, stays: stays?.n, effects: effects?.n };
    };

    test('INS match links the hospital id; later messages match by it: A01 → A02 → A03 on the timeline', async () => {
      const family = uniqueFamily();
      const ins = fictionalIns('female');
      const patientId = await patientWith(family);
      await relais.database.db
        .updateTable('patients')
        .set({ ins_matricule: ins.matricule, ins_oid: ins.oid })
        .where('patient_id', '=', patientId)
        .execute();
      const ipp = { authority: 'CHFICTIF', id: `IPP-${randomUUID()}` };
      const visit = `V-${randomUUID().slice(0, 8)}`;
      const admitted = await send({
        event: 'A01',
        ins,
        localIds: [ipp],
        family: 'AUTRE', // traits differ: the INS decides
        visit,
        admitAt: '20240312093000',
      });
      assert.equal(appliedTo(admitted), patientId);
      assert.deepEqual(await links(patientId), [
        { authority: 'CHFICTIF', local_id: ipp.id, linked_by: 'ins' },
      ]);

      assert.equal(
        appliedTo(
          await send({ event: 'A02', localIds: [ipp], visit, unit: 'REA', movementAt: '20240313100000' }),
        ),
        patientId,
      );
      assert.equal(
        appliedTo(
          await send({ event: 'A03', localIds: [ipp], visit, unit: 'REA', dischargeAt: '20240320153000' }),
        ),
        patientId,
      );
      const events = await stayEvents(patientId);
      assert.deepEqual(
        events.map((e) => [e.type, e.at]),
        [
          ['stay.admitted', '2024-03-12T08:30:00.000Z'],
          ['stay.transferred', '2024-03-13T09:00:00.000Z'],
          ['stay.discharged', '2024-03-20T14:30:00.000Z'],
        ],
      );
      assert.equal((events[1]?.payload as { fromUnit: string }).fromUnit, 'CARDIO');
      const [stay] = await createSqlStayReader(relais.database.db).ofPatient(patientId);
      assert.equal(stay?.status, 'discharged');
      assert.equal(stay.dischargeDisposition, '01');
    });

    test('traits: exactly one patient with every strict trait equal is a match, linked for later', async () => {
      const family = uniqueFamily();
      const patientId = await patientWith(family, { ins: false });
      const ipp = { authority: 'CHFICTIF', id: `IPP-${randomUUID()}` };
      const outcome = await send({
        event: 'A04',
        localIds: [ipp],
        family,
        given: 'HELENE',
        visit: 'V-traits',
        patientClass: 'E',
      });
      assert.equal(appliedTo(outcome), patientId);
      assert.deepEqual(await links(patientId), [
        { authority: 'CHFICTIF', local_id: ipp.id, linked_by: 'traits' },
      ]);
      const [stay] = await createSqlStayReader(relais.database.db).ofPatient(patientId);
      assert.equal(stay?.patientClass, 'emergency');
    });

    test('traits: the strict match is found among more partial matches than a human is shown', async () => {
      // Born the same day with the same given name: partial matches, more than the 20 candidates kept.
      for (let i = 0; i < 21; i += 1) await patientWith(uniqueFamily(), { ins: false });
      const family = uniqueFamily();
      const patientId = await patientWith(family, { ins: false });
      const outcome = await send({
        event: 'A04',
        localIds: [{ authority: 'CHFICTIF', id: `IPP-${randomUUID()}` }],
        family,
        given: 'HELENE',
        visit: 'V-many-traits',
      });
      assert.equal(appliedTo(outcome), patientId);
    });

    test('a hospital patient Relais does not follow is applied with no patient, and nothing is written', async () => {
      await settleJournal(relais); // the earlier tests' alerts are written by consumers, not by this one
      const before = await countRows();
      const outcome = await send({
        event: 'A01',
        localIds: [{ authority: 'CH', id: randomUUID() }],
        family: uniqueFamily(),
        visit: 'V-x',
      });
      assert.deepEqual(outcome, {
        status: 'applied',
        patientId: null,
        note: 'not a Relais patient: Relais follows its own patients only',
      });
      await settleJournal(relais);
      const afterwards = await countRows();
      assert.equal(afterwards.events, before.events);
      assert.equal(afterwards.stays, before.stays);
    });

    test('uncertain → queue; later messages wait; linking applies them in order, then messages flow', async () => {
      const family = uniqueFamily();
      const first = await patientWith(family, { ins: false });
      const second = await patientWith(family, { ins: false });
      const ipp = { authority: 'CHFICTIF', id: `IPP-${randomUUID()}` };
      const visit = `V-${randomUUID().slice(0, 8)}`;
      const common = { localIds: [ipp], family, given: 'Hélène', visit } as const;
      const admission = await send({ ...common, event: 'A01', admitAt: '20240312093000' });
      assert.deepEqual(admission, {
        status: 'held',
        reason: 'matching queue: several-patients-share-the-traits',
      });
      const transfer = await send({ ...common, event: 'A02', unit: 'REA', movementAt: '20240313100000' });
      assert.deepEqual(transfer, { status: 'held', reason: 'waits behind a pending matching-queue item' });
      assert.deepEqual(await stayEvents(first), []);

      const items = await relais.services.matchQueue.list(admin, ORIGIN);
      const item = items.find((i) => i.localIds.some((id) => id.id === ipp.id));
      assert.ok(item !== undefined);
      assert.deepEqual(new Set(item.candidates.map((c) => c.patientId)), new Set([first, second]));
      assert.equal(item.heldMessages, 2);
      assert.equal(item.traits.birthFamilyName, family);

      const outcomes = await relais.services.matchQueue.link(admin, item.id, second, ORIGIN);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['applied', 'applied'],
      );
      assert.deepEqual(
        (await stayEvents(second)).map((e) => e.type),
        ['stay.admitted', 'stay.transferred'],
      );
      assert.deepEqual(await links(second), [
        { authority: 'CHFICTIF', local_id: ipp.id, linked_by: 'queue' },
      ]);
      // The held messages are settled: applying them again changes nothing.
      assert.equal(
        (await send({ ...common, event: 'A03', dischargeAt: '20240320153000' })).status,
        'applied',
      );
      assert.deepEqual(
        (await stayEvents(second)).map((e) => e.type),
        ['stay.admitted', 'stay.transferred', 'stay.discharged'],
      );
      await assert.rejects(relais.services.matchQueue.link(admin, item.id, second, ORIGIN), /already linked/);
      const audit = await relais.database.db
        .selectFrom('audit_entries')
        .select(['action', 'resource'])
        .where('patient_id', '=', second)
        .where('resource', '=', 'hospital-id')
        .execute();
      assert.deepEqual(audit, [{ action: 'write', resource: 'hospital-id' }]);
    });

    test('dismissing an item applies its messages with no patient, and the hospital patient stays set aside', async () => {
      const family = uniqueFamily();
      await patientWith(family, { ins: false, given: 'Claire' });
      const ipp = { authority: 'CHFICTIF', id: `IPP-${randomUUID()}` };
      const spec = { localIds: [ipp], family, given: 'Hélène', visit: 'V-dismiss' } as const;
      assert.deepEqual(await send({ ...spec, event: 'A01' }), {
        status: 'held',
        reason: 'matching queue: partial-traits-match',
      });
      const item = (await relais.services.matchQueue.list(admin, ORIGIN)).find((i) =>
        i.localIds.some((id) => id.id === ipp.id),
      );
      assert.ok(item !== undefined);
      const outcomes = await relais.services.matchQueue.dismiss(admin, item.id, 'homonyme', ORIGIN);
      assert.deepEqual(outcomes, [
        { status: 'applied', patientId: null, note: 'set aside in the matching queue: not a Relais patient' },
      ]);
      const later = await send({ ...spec, event: 'A03' });
      assert.equal(later.status, 'applied');
      assert.equal(appliedTo(later), null);
    });

    test('A11 cancels an admission; A13 cancels a discharge; an A13 on a stay in hospital fails', async () => {
      const family = uniqueFamily();
      const patientId = await patientWith(family, { ins: false });
      const ipp = { authority: 'CHFICTIF', id: `IPP-${randomUUID()}` };
      const base = { localIds: [ipp], family, given: 'Hélène' } as const;
      await send({ ...base, event: 'A01', visit: 'V-A11' });
      assert.equal(appliedTo(await send({ ...base, event: 'A11', visit: 'V-A11' })), patientId);
      await send({ ...base, event: 'A01', visit: 'V-A13' });
      await send({ ...base, event: 'A03', visit: 'V-A13', dischargeAt: '20240320153000' });
      assert.equal(appliedTo(await send({ ...base, event: 'A13', visit: 'V-A13' })), patientId);
      const stays = await createSqlStayReader(relais.database.db).ofPatient(patientId);
      const byVisit = new Map(stays.map((s) => [s.visitNumber, s]));
      assert.equal(byVisit.get('V-A11')?.status, 'cancelled');
      assert.equal(byVisit.get('V-A13')?.status, 'admitted');
      assert.equal(byVisit.get('V-A13')?.dischargedAt, null);
      assert.deepEqual(await send({ ...base, event: 'A13', visit: 'V-A13' }), {
        status: 'failed',
        reason: 'visit V-A13 is admitted, not discharged: no discharge to cancel',
      });
      const types = (await stayEvents(patientId)).map((e) => e.type);
      assert.ok(types.includes('stay.admission-cancelled') && types.includes('stay.discharge-cancelled'));
    });

    test('an out-of-order discharge fails with its reason, and so does applying it again', async () => {
      const family = uniqueFamily();
      await patientWith(family, { ins: false });
      const message = adt({
        event: 'A03',
        localIds: [{ authority: 'CH', id: randomUUID() }],
        family,
        given: 'Hélène',
        visit: 'V-none',
      });
      const expected = { status: 'failed', reason: 'A03 for visit V-none, which Relais has no stay for' };
      assert.deepEqual(await apply(message), expected);
      assert.deepEqual(await apply(message), expected);
    });

    test('the same message applied twice writes nothing the second time', async () => {
      const family = uniqueFamily();
      const patientId = await patientWith(family, { ins: false });
      const message = adt({
        event: 'A01',
        localIds: [{ authority: 'CH', id: randomUUID() }],
        family,
        given: 'Hélène',
        visit: 'V-twice',
      });
      const first = await apply(message);
      await settleJournal(relais);
      const before = await countRows();
      assert.deepEqual(await apply(message), first);
      await settleJournal(relais);
      assert.deepEqual(await countRows(), before);
      assert.equal((await createSqlStayReader(relais.database.db).ofPatient(patientId)).length, 1);
    });

    test('A40 retires the merged id and links the surviving one to the same patient', async () => {
      const family = uniqueFamily();
      const patientId = await patientWith(family, { ins: false });
      const old = { authority: 'CHFICTIF', id: `OLD-${randomUUID()}` };
      const kept = { authority: 'CHFICTIF', id: `NEW-${randomUUID()}` };
      await send({ event: 'A01', localIds: [old], family, given: 'Hélène', visit: 'V-merge' });
      const merged = await send({ event: 'A40', localIds: [kept], merged: [old], family: 'AUTRE' });
      assert.equal(appliedTo(merged), patientId);
      assert.deepEqual(
        (await links(patientId)).map((l) => [l.local_id, l.linked_by]),
        [[kept.id, 'merge']],
      );
      // Traits that would find no one: the surviving id alone names the patient now.
      assert.equal(
        appliedTo(
          await send({ event: 'A02', localIds: [kept], family: 'AUTRE', visit: 'V-merge', unit: 'REA' }),
        ),
        patientId,
      );
    });

    test('A40 joining two Relais patients goes to a human, never merged automatically', async () => {
      const family = uniqueFamily();
      const one = await patientWith(family, { ins: false, given: 'Anne' });
      const two = await patientWith(family, { ins: false, given: 'Zoé' });
      const a = { authority: 'CHFICTIF', id: `A-${randomUUID()}` };
      const b = { authority: 'CHFICTIF', id: `B-${randomUUID()}` };
      appliedTo(await send({ event: 'A01', localIds: [a], family, given: 'Anne', visit: `V-${a.id}` }));
      appliedTo(await send({ event: 'A01', localIds: [b], family, given: 'Zoé', visit: `V-${b.id}` }));
      const merge = await send({ event: 'A40', localIds: [a], merged: [b], family, given: 'Anne' });
      assert.deepEqual(merge, { status: 'held', reason: 'matching queue: merge-of-two-patients' });
      assert.equal((await links(one)).length, 1);
      assert.equal((await links(two)).length, 1);
      // A message for either id now waits behind the item.
      assert.equal(
        (await send({ event: 'A02', localIds: [b], family, given: 'Zoé', visit: `V-${b.id}`, unit: 'REA' }))
          .status,
        'held',
      );
      const item = (await relais.services.matchQueue.list(admin, ORIGIN)).find(
        (i) => i.reason === 'merge-of-two-patients' && i.localIds.some((id) => id.id === a.id),
      );
      assert.ok(item !== undefined);
      const outcomes = await relais.services.matchQueue.link(admin, item.id, one, ORIGIN);
      // The human named one person: both hospital ids now lead to `one`. The transfer of the stay
      // recorded under `two` is refused rather than moved: joining two records stays a human's act.
      assert.deepEqual(outcomes, [
        { status: 'applied', patientId: one, note: 'merge applied: the retired identifiers were relinked' },
        { status: 'failed', reason: `visit V-${b.id} is already the stay of another Relais patient` },
      ]);
      assert.deepEqual(await links(two), []);
      assert.equal((await createSqlStayReader(relais.database.db).ofPatient(two)).length, 1);
    });

    test('the unit becomes a service of the directory when the facility is a known hospital', async () => {
      const facility = `99${randomUUID().replace(/\D/g, '').slice(0, 7)}`;
      const hospitalId = randomUUID();
      const serviceId = randomUUID();
      await relais.services.directory.register(
        [
          {
            id: hospitalId,
            kind: 'hospital',
            name: 'CH Fictif',
            finess: facility,
            parentId: null,
            specialty: null,
          },
          {
            id: serviceId,
            kind: 'hospital_service',
            name: 'Cardiologie',
            finess: null,
            parentId: hospitalId,
            specialty: 'cardiology',
          },
        ],
        [],
      );
      const family = uniqueFamily();
      const patientId = await patientWith(family, { ins: false });
      await send({
        event: 'A01',
        facility,
        localIds: [{ authority: 'CH', id: randomUUID() }],
        family,
        given: 'Hélène',
        visit: 'V-dir',
        unit: 'CARDIO',
      });
      const [stay] = await createSqlStayReader(relais.database.db).ofPatient(patientId);
      assert.equal(stay?.hospitalId, hospitalId);
      assert.equal(stay.serviceId, serviceId);
    });
  });
}
