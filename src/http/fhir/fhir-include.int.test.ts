import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Bundle, CapabilityStatement, OperationOutcome } from '@medplum/fhirtypes';
import type { Relais } from '../../app.ts';
import { auditRowsAfter, lastAuditSeq } from '../../../tests/support/audit-rows.ts';
import { bearer, createPatient, createProfessional } from '../../../tests/support/factories.ts';
import { validBody } from '../../../tests/support/route-bodies.ts';
import {
  startReferralWorld,
  type Professional,
  type ReferralWorld,
} from '../../../tests/support/fhir-referral-world.ts';
import { testDialects } from '../../../tests/support/test-database.ts';

/** The entries of a searchset as `mode Type/id`, in order. */
const entriesOf = (bundle: Bundle) =>
  (bundle.entry ?? []).map(
    (entry) =>
      `${entry.search?.mode ?? ''} ${entry.resource?.resourceType ?? ''}/${entry.resource?.id ?? ''}`,
  );

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR _include on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let gp: Professional;
    let nurse: Professional;
    let specialist: Professional;
    let patientId: string;
    let referralId: string;
    let get: ReferralWorld['get'];
    before(async () => {
      ({ relais, gp, nurse, specialist, patientId, referralId, get } = await startReferralWorld(dialect));
    });
    after(() => relais.close());

    test('a search page carries the resources its _includes lead to, each once, after the matches', async () => {
      const team = await get<Bundle>(
        `/CareTeam?patient=${patientId}&_include=CareTeam:patient&_include=CareTeam:participant`,
        gp,
      );
      assert.deepEqual(entriesOf(team), [
        `match CareTeam/${patientId}`,
        `include Patient/${patientId}`,
        `include Practitioner/${gp.practitionerId}`,
        `include Practitioner/${nurse.practitionerId}`,
      ]);
      assert.equal(team.total, 1, 'included resources are not counted');
      for (const entry of team.entry ?? [])
        assert.equal(
          entry.fullUrl?.endsWith(`/fhir/R4/${entry.resource?.resourceType}/${entry.resource?.id}`),
          true,
        );
      assert.ok(
        team.link?.find((link) => link.relation === 'self')?.url.includes('_include=CareTeam%3Aparticipant'),
        'the self link keeps the includes',
      );

      const orders = await get<Bundle>(
        `/ServiceRequest?patient=${patientId}&_include=ServiceRequest:performer:Practitioner&_include=ServiceRequest:requester`,
        gp,
      );
      assert.deepEqual(entriesOf(orders), [
        `match ServiceRequest/${referralId}`,
        `include Practitioner/${specialist.practitionerId}`,
        `include Practitioner/${gp.practitionerId}`,
      ]);
      const byTarget = await get<Bundle>(
        `/ServiceRequest?patient=${patientId}&_include=ServiceRequest:performer:Organization`,
        gp,
      );
      assert.deepEqual(
        entriesOf(byTarget),
        [`match ServiceRequest/${referralId}`],
        'a target type restricts',
      );
    });

    test('an included Patient is an audited read of the record, as reading it alone', async () => {
      const seq = await lastAuditSeq(relais);
      await get<Bundle>(`/Task?patient=${patientId}&_include=Task:patient&_include=Task:focus`, gp);
      const rows = (await auditRowsAfter(relais, seq)).map((row) => [
        row.patient_id,
        row.action,
        row.outcome,
      ]);
      assert.ok(rows.length >= 2, JSON.stringify(rows));
      assert.deepEqual(rows.at(-1), [patientId, 'read', 'allowed'], 'the Patient read is the last row');
    });

    test('an included resource the caller may not read is left out, and the search still answers', async () => {
      // A GP sends a referral, then leaves the patient's care team: the referral stays in their outbox,
      // the patient's record is no longer theirs to read.
      const leaver = await createProfessional(relais);
      const otherPatient = await createPatient(relais, [gp.practitionerId, leaver.practitionerId]);
      const sent = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${otherPatient}/referrals`,
        headers: bearer(leaver.token),
        payload:
          validBody('referrals', { practitionerId: specialist.practitionerId, patientId: otherPatient }) ??
          {},
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const outbox = `/ServiceRequest?requester=Practitioner/${leaver.practitionerId}&_include=ServiceRequest:patient`;
      const before = await get<Bundle>(outbox, leaver);
      assert.deepEqual(entriesOf(before).at(-1), `include Patient/${otherPatient}`);

      const team = await relais.http.inject({
        url: `/api/patients/${otherPatient}`,
        headers: bearer(gp.token),
      });
      const membership = team
        .json<{ careTeam: { id: string; practitionerId: string }[] }>()
        .careTeam.find((member) => member.practitionerId === leaver.practitionerId);
      const ended = await relais.http.inject({
        method: 'POST',
        url: `/api/patients/${otherPatient}/care-team/${membership?.id ?? ''}/end`,
        headers: bearer(gp.token),
        payload: { reason: 'ne suit plus le patient' },
      });
      assert.equal(ended.statusCode, 204, ended.body);
      await get<OperationOutcome>(`/Patient/${otherPatient}`, leaver, 403);
      const seq = await lastAuditSeq(relais);
      const after = await get<Bundle>(outbox, leaver);
      assert.deepEqual(entriesOf(after), [`match ServiceRequest/${sent.json<{ id: string }>().id}`]);
      // The outbox's listing is audited as allowed; the refused read of the included Patient comes last.
      assert.deepEqual(
        (await auditRowsAfter(relais, seq)).map((row) => [row.patient_id, row.outcome]).at(-1),
        [otherPatient, 'denied'],
      );
    });

    test('an _include not served is refused with 400 naming it', async () => {
      for (const include of [
        'Observation:performer',
        'CareTeam:encounter',
        'Patient:general-practitioner',
        'CareTeam:participant:Device',
        '*',
      ]) {
        const outcome = await get<OperationOutcome>(
          `/CareTeam?patient=${patientId}&_include=${encodeURIComponent(include)}`,
          gp,
          400,
        );
        assert.match(
          outcome.issue[0]?.diagnostics ?? '',
          /_include '.*' is not supported here \(supported: CareTeam:patient/,
        );
      }
      const iterate = await get<OperationOutcome>(
        `/CareTeam?patient=${patientId}&_include:iterate=CareTeam:participant`,
        gp,
        400,
      );
      assert.match(iterate.issue[0]?.diagnostics ?? '', /modifier ':iterate'/);
    });

    test('the CapabilityStatement lists the includes of each type', async () => {
      const statement = await get<CapabilityStatement>('/metadata', gp);
      const includesOf = (type: string) =>
        statement.rest?.[0]?.resource?.find((resource) => resource.type === type)?.searchInclude;
      assert.deepEqual(includesOf('PractitionerRole'), [
        'PractitionerRole:practitioner',
        'PractitionerRole:organization',
      ]);
      assert.deepEqual(includesOf('Observation'), ['Observation:patient', 'Observation:subject']);
      assert.equal(includesOf('Patient'), undefined);
    });
  });
}
