import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { AuditEvent, Bundle, CapabilityStatement, OperationOutcome } from '@medplum/fhirtypes';
import type { Relais } from '../../app.ts';
import { assertValidR4 as assertValid } from '../../fhir/mappers/mapper-test-support.ts';
import { auditRowsAfter, lastAuditSeq } from '../../../tests/support/audit-rows.ts';
import {
  accountIdOf,
  bearer,
  createPatientAccount,
  createProfessional,
} from '../../../tests/support/factories.ts';
import { auditRow, insertAuditRows, startAuditWorld } from '../../../tests/support/audit-world.ts';
import { testDialects } from '../../../tests/support/test-database.ts';
import { FHIR_PREFIX } from './fhir-plugin.ts';

type Professional = Awaited<ReturnType<typeof createProfessional>>;

for (const { dialect, skip } of testDialects()) {
  describe(`FHIR AuditEvent on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let dpo: Professional;
    let gp: Professional;
    let outsider: Professional;
    let patientId: string;
    before(async () => {
      ({ relais, dpo, gp, outsider, patientId } = await startAuditWorld(dialect));
    });
    after(() => relais.close());

    const get = (url: string, token: string) =>
      relais.http.inject({ url: `${FHIR_PREFIX}${url}`, headers: bearer(token) });
    /** A searchset as the DPO gets it, every entry valid R4. */
    const search = async (query: string, token = dpo.token) => {
      const response = await get(`/AuditEvent?${query}`, token);
      assert.equal(response.statusCode, 200, response.body);
      const bundle = response.json<Bundle<AuditEvent>>();
      assertValid(bundle);
      return bundle;
    };
    const events = (bundle: Bundle<AuditEvent>) => (bundle.entry ?? []).map((entry) => entry.resource);
    const reasons = (bundle: Bundle<AuditEvent>) => events(bundle).map((event) => event?.outcomeDesc);
    const linkOf = (bundle: Bundle, relation: string) =>
      bundle.link?.find((link) => link.relation === relation)?.url;

    test('a DPO searches by patient: who read the record and who was refused, newest first', async () => {
      assert.equal(
        (await relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(gp.token) }))
          .statusCode,
        200,
      );
      assert.equal(
        (await relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(outsider.token) }))
          .statusCode,
        403,
      );
      const bundle = await search(`patient=Patient/${patientId}`);
      assert.equal(bundle.total, bundle.entry?.length);
      const [refused, read] = events(bundle).filter((event) => event?.entity?.[0]?.description === 'record');
      assert.ok(refused !== undefined && read !== undefined);
      const [refusedAgent] = refused.agent;
      assert.deepEqual(
        [refused.outcome, refusedAgent?.altId, refused.outcomeDesc],
        ['4', outsider.login, "not in the patient's care team"],
      );
      assert.equal(read.outcome, '0');
      assert.equal(read.action, 'R');
      const [agent] = read.agent;
      assert.ok(agent);
      assert.deepEqual(agent.who, {
        identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${await accountIdOf(relais, gp.token)}` },
        display: `${gp.login} Testeur`,
      });
      assert.deepEqual([agent.altId, agent.name], [gp.login, `${gp.login} Testeur`]);
      assert.deepEqual(read.entity?.[0]?.what, { reference: `Patient/${patientId}` });
      const ids = events(bundle).map((event) => BigInt(event?.id ?? '0'));
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => (a > b ? -1 : 1)),
        'newest first',
      );
      assert.ok(
        events(bundle).every((event) => event?.entity?.[0]?.what?.reference === `Patient/${patientId}`),
      );
    });

    test('pages follow their links without gaps or repeats, with the total of all matches', async () => {
      const subject = randomUUID();
      await insertAuditRows(
        relais,
        Array.from({ length: 7 }, (_, i) => auditRow({ patient_id: subject, reason: `entry ${i}` })),
      );
      const first = await search(`patient=${subject}&_count=3`);
      assert.equal(first.total, 7);
      assert.deepEqual(reasons(first), ['entry 6', 'entry 5', 'entry 4']);
      assert.equal(linkOf(first, 'previous'), undefined);
      const pages = [first];
      for (let next = linkOf(first, 'next'); next !== undefined;) {
        assert.match(next, /_offset=\d+/);
        const page = await search(next.slice(next.indexOf('?') + 1));
        assert.equal(page.total, 7);
        assert.ok(linkOf(page, 'previous') !== undefined);
        pages.push(page);
        next = linkOf(page, 'next');
      }
      assert.deepEqual(
        pages.map((page) => page.entry?.length ?? 0),
        [3, 3, 1],
      );
      assert.deepEqual(
        pages.flatMap(reasons),
        Array.from({ length: 7 }, (_, i) => `entry ${6 - i}`),
      );
      const countOnly = await search(`patient=${subject}&_count=0`);
      assert.deepEqual([countOnly.total, countOnly.entry], [7, []]);
      const beyond = await search(`patient=${subject}&_offset=10`);
      assert.deepEqual([beyond.total, beyond.entry], [7, []]);
    });

    test('a DPO searches by date with its prefixes, a date alone being a UTC day', async () => {
      const subject = randomUUID();
      await insertAuditRows(relais, [
        auditRow({ patient_id: subject, at: new Date('2024-01-10T23:59:59Z'), reason: 'day 10' }),
        auditRow({ patient_id: subject, at: new Date('2024-01-11T00:00:00Z'), reason: 'day 11 midnight' }),
        auditRow({ patient_id: subject, at: new Date('2024-01-11T12:00:00Z'), reason: 'day 11 noon' }),
        auditRow({ patient_id: subject, at: new Date('2024-01-12T00:00:00Z'), reason: 'day 12' }),
      ]);
      const on = async (dates: string) => {
        const bundle = await search(`patient=${subject}&${dates}`);
        assert.equal(bundle.total, bundle.entry?.length);
        return reasons(bundle);
      };
      assert.deepEqual(await on('date=2024-01-11'), ['day 11 noon', 'day 11 midnight']);
      assert.deepEqual(await on('date=ge2024-01-11&date=lt2024-01-12'), ['day 11 noon', 'day 11 midnight']);
      assert.deepEqual(await on('date=gt2024-01-11'), ['day 12']);
      assert.deepEqual(await on('date=le2024-01-10'), ['day 10']);
      assert.deepEqual(await on('date=lt2024-01-11T12:00:00Z'), ['day 11 midnight', 'day 10']);
      assert.deepEqual(await on('date=ge2024-01-11T12:00:00Z&date=le2024-01-12T00:00:00Z'), [
        'day 12',
        'day 11 noon',
      ]);
      assert.deepEqual(await on('date=2024-01-11T12:00:00Z'), ['day 11 noon']);
      assert.deepEqual(await on('date=gt2024-01-12&date=lt2024-01-11'), []);
    });

    test('action, outcome, agent and altid narrow to what they name', async () => {
      const subject = randomUUID();
      const gpAccount = await accountIdOf(relais, gp.token);
      await insertAuditRows(relais, [
        auditRow({ patient_id: subject, action: 'read', reason: 'read' }),
        auditRow({ patient_id: subject, action: 'export', reason: 'export' }),
        auditRow({ patient_id: subject, action: 'search', reason: 'search', account_id: gpAccount }),
        auditRow({ patient_id: subject, action: 'break-glass', outcome: 'denied', reason: 'refused glass' }),
        auditRow({ patient_id: subject, action: 'write', reason: 'write', account_id: gpAccount }),
      ]);
      const of = async (query: string) => reasons(await search(`patient=${subject}&${query}`));
      assert.deepEqual(await of('action=R'), ['export', 'read']);
      assert.deepEqual(await of('action=E,U'), ['write', 'refused glass', 'search']);
      assert.deepEqual(await of('action=R,E&action=E'), ['refused glass', 'search']);
      assert.deepEqual(await of('action=C'), []);
      assert.deepEqual(await of('outcome=4'), ['refused glass']);
      assert.deepEqual(await of('outcome=0,4&action=U'), ['write']);
      assert.deepEqual(await of('outcome=0&outcome=4'), []);
      assert.deepEqual(await of(`agent=${gpAccount}`), ['write', 'search']);
      assert.deepEqual(await of(`altid=${gp.login.toUpperCase()}`), ['write', 'search']);
      assert.deepEqual(await of(`altid=${outsider.login}`), []);
    });

    test('the DPO’s search and read are themselves audited, with the filters used', async () => {
      const seq = await lastAuditSeq(relais);
      await search(`patient=${patientId}&outcome=4`);
      const [newest] = events(await search('_count=1'));
      assert.ok(newest?.id !== undefined);
      assert.equal((await get(`/AuditEvent/${newest.id}`, dpo.token)).statusCode, 200);
      const dpoAccount = await accountIdOf(relais, dpo.token);
      assert.deepEqual(
        (await auditRowsAfter(relais, seq)).map((row) => [
          row.account_id,
          row.action,
          row.resource,
          row.outcome,
          row.reason,
        ]),
        [
          [
            dpoAccount,
            'read',
            'audit-log',
            'allowed',
            `DPO review of the audit log (patientId=${patientId}, outcome=denied)`,
          ],
          [dpoAccount, 'read', 'audit-log', 'allowed', 'DPO review of the audit log (no filter)'],
          [dpoAccount, 'read', 'audit-log', 'allowed', `DPO review of the audit log (entry ${newest.id})`],
        ],
      );
    });

    test('a DPO reads one entry by its id, the same as the search gave it; an unknown id is 404', async () => {
      const subject = randomUUID();
      await insertAuditRows(relais, [auditRow({ patient_id: subject, reason: 'the one' })]);
      const [found] = events(await search(`patient=${subject}`));
      assert.ok(found?.id !== undefined);
      const response = await get(`/AuditEvent/${found.id}`, dpo.token);
      assert.equal(response.statusCode, 200, response.body);
      const read = response.json<AuditEvent>();
      assertValid(read);
      assert.deepEqual(read, found);
      for (const id of ['999999999999999', 'abc']) {
        const missing = await get(`/AuditEvent/${id}`, dpo.token);
        assert.equal(missing.statusCode, 404, id);
        assert.equal(missing.json<OperationOutcome>().issue[0]?.code, 'not-found');
      }
    });

    test('a professional without the dpo role and a patient are refused, and the refusal is audited', async () => {
      const admin = await createProfessional(relais, 'physician', { roles: ['admin'] });
      const patient = await createPatientAccount(relais, patientId);
      const [any] = events(await search('_count=1'));
      for (const caller of [gp, admin, patient]) {
        const seq = await lastAuditSeq(relais);
        for (const url of [`/AuditEvent?patient=${patientId}`, `/AuditEvent/${any?.id ?? ''}`]) {
          const response = await get(url, caller.token);
          assert.equal(response.statusCode, 403, `${url}: ${response.body}`);
          const outcome = response.json<OperationOutcome>();
          assertValid(outcome);
          const [problem] = outcome.issue;
          assert.equal(problem?.code, 'forbidden');
          assert.match(problem.diagnostics ?? '', /data protection officers/);
        }
        const account = await accountIdOf(relais, caller.token);
        assert.deepEqual(
          (await auditRowsAfter(relais, seq)).map((row) => [
            row.account_id,
            row.action,
            row.resource,
            row.outcome,
          ]),
          [
            [account, 'read', 'audit-log', 'denied'],
            [account, 'read', 'audit-log', 'denied'],
          ],
        );
      }
    });

    test('bad searches are refused with a 400 that names the parameter', async () => {
      const cases: [string, string, RegExp][] = [
        ['entity-type=1', 'entity-type', /'entity-type' is not supported/],
        ['date=2024-02-30', 'date', /impossible date/],
        ['date=yesterday', 'date', /prefix 'ye'/],
        ['date=11/01/2024', 'date', /must be a date/],
        ['date=2024-01-11T12:00:00', 'date', /must be a date/],
        ['date=2024-01-10,2024-01-11', 'date', /one value at a time/],
        ['patient=Practitioner/x', 'patient', /must name a Patient/],
        ['patient=42', 'patient', /a UUID/],
        ['agent=dr.martin', 'agent', /account id/],
        ['action=X', 'action', /no code 'X'/],
        ['outcome=1', 'outcome', /no code '1'/],
        [`patient=${randomUUID()},${randomUUID()}`, 'patient', /one value/],
        ['_sort=date', '_sort', /cannot sort/],
        ['_count=500', '_count', /from 0 to 100/],
      ];
      for (const [query, name, diagnostics] of cases) {
        const response = await get(`/AuditEvent?${query}`, dpo.token);
        assert.equal(response.statusCode, 400, query);
        const [problem] = response.json<OperationOutcome>().issue;
        assert.deepEqual(problem?.expression, [name], query);
        assert.match(problem.diagnostics ?? '', diagnostics, query);
      }
    });

    test('the CapabilityStatement lists AuditEvent with its interactions and search parameters', async () => {
      const response = await relais.http.inject({ url: `${FHIR_PREFIX}/metadata` });
      const statement = response.json<CapabilityStatement>();
      const auditEvent = statement.rest?.[0]?.resource?.find((resource) => resource.type === 'AuditEvent');
      assert.deepEqual(
        auditEvent?.interaction?.map((interaction) => interaction.code),
        ['read', 'search-type'],
      );
      assert.deepEqual(
        auditEvent.searchParam?.map((parameter) => `${parameter.name}:${parameter.type}`),
        ['patient:reference', 'agent:reference', 'altid:token', 'action:token', 'outcome:token', 'date:date'],
      );
    });
  });
}
