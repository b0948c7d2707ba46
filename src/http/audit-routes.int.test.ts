import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Relais } from '../app.ts';
import type { AccessLogPage, AuditLogItem, AuditLogPage } from '../contracts/audit-contracts.ts';
import {
  accountIdOf,
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
} from '../../tests/support/factories.ts';
import { auditRow, insertAuditRows, startAuditWorld } from '../../tests/support/audit-world.ts';
import { lastAuditSeq } from '../../tests/support/audit-rows.ts';
import type { PatientExportFile } from '../domain/patient-rights/patient-export.ts';
import { testDialects } from '../../tests/support/test-database.ts';

type Professional = Awaited<ReturnType<typeof createProfessional>>;

/** RFC 4180, read back: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += char;
  }
  assert.equal(field + record.join(''), '', 'the last record ends with CRLF');
  return records;
}

/** The same row as the CSV gives it: every field as text, null as empty. */
function csvFieldsOf(item: AuditLogItem): string[] {
  const { actor } = item;
  return [
    item.seq,
    item.at,
    actor.kind,
    actor.accountId,
    actor.login,
    actor.name,
    actor.profession,
    item.role,
    item.patientIds.join(' '),
    item.action,
    item.resource,
    item.outcome,
    // A cell that starts like a formula gets an apostrophe, which spreadsheets hide.
    /^[=+\-@]/.test(item.reason) ? `'${item.reason}` : item.reason,
    item.clientAddress,
  ].map((value) => value ?? '');
}

for (const { dialect, skip } of testDialects()) {
  describe(`audit views on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let dpo: Professional;
    let gp: Professional;
    let outsider: Professional;
    let patientId: string;
    before(async () => {
      ({ relais, dpo, gp, outsider, patientId } = await startAuditWorld(dialect));
    });
    after(() => relais.close());

    const get = (url: string, token: string) => relais.http.inject({ url, headers: bearer(token) });
    const auditPage = async (query: Record<string, string>, token = dpo.token) => {
      const response = await get(`/api/audit?${new URLSearchParams(query).toString()}`, token);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<AuditLogPage>();
    };

    test('a DPO lists the trail, newest first: who, role, patient, what, outcome, why, from where', async () => {
      assert.equal((await get(`/api/patients/${patientId}`, gp.token)).statusCode, 200);
      assert.equal((await get(`/api/patients/${patientId}`, outsider.token)).statusCode, 403);
      const page = await auditPage({ patientId });
      const [denied, read] = page.items.filter((item) => item.resource === 'record');
      assert.deepEqual(read, {
        seq: read?.seq,
        at: read?.at,
        actor: {
          kind: 'professional',
          accountId: await accountIdOf(relais, gp.token),
          login: gp.login,
          name: `${gp.login} Testeur`,
          profession: 'physician',
        },
        role: 'medecin_traitant',
        patientIds: [patientId],
        action: 'read',
        resource: 'record',
        outcome: 'allowed',
        reason: 'care team member (medecin_traitant)',
        clientAddress: '127.0.0.1',
      });
      assert.equal(denied?.actor.login, outsider.login);
      assert.equal(denied.outcome, 'denied');
      assert.equal(denied.reason, "not in the patient's care team");
      const seqs = page.items.map((item) => BigInt(item.seq));
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => (a > b ? -1 : 1)),
        'newest first',
      );
      assert.ok(page.items.every((item) => item.patientIds.includes(patientId)));
    });

    test('a search is one entry naming every patient found, in each one’s DPO view, log and export', async () => {
      const family = Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('');
      const found = [
        await createPatient(relais, [gp.practitionerId], { identity: { birthFamilyName: family } }),
        await createPatient(relais, [gp.practitionerId], { identity: { birthFamilyName: family } }),
      ].sort();
      const since = await lastAuditSeq(relais);
      const search = await get(`/api/patients?q=${family}`, gp.token);
      assert.equal(search.statusCode, 200, search.body);
      const { rows } = await sql<{ patient_id: string | null; patient_ids: string[] | null }>`
        select patient_id, patient_ids from audit_entries where seq > ${since} and action = 'search'`.execute(
        relais.database.db,
      );
      assert.deepEqual(
        rows.map((row) => ({ ...row, patient_ids: [...(row.patient_ids ?? [])].sort() })),
        [{ patient_id: null, patient_ids: found }],
        'one row for the search, naming both',
      );

      for (const patientId of found) {
        const [entry] = (await auditPage({ patientId, action: 'search' })).items;
        assert.deepEqual([...(entry?.patientIds ?? [])].sort(), found, 'the DPO finds it by either patient');
        const patient = await createPatientAccount(relais, patientId);
        const log = (await get('/api/portal/access-log', patient.token)).json<AccessLogPage>();
        assert.deepEqual(
          log.items.map((item) => item.activity),
          ['found-in-list'],
          'the patient sees it in their log',
        );
        const exported = (await get('/api/portal/export', patient.token)).json<PatientExportFile>();
        const audit = exported.tables['audit_entries'];
        const searches = audit?.rows.filter((row) => row['action'] === 'search') ?? [];
        assert.deepEqual(
          searches.map((row) => [row['patient_id'], 'patient_ids' in row]),
          [[patientId, false]],
          'the export holds it as the patient’s, without the other patient',
        );
      }
    });

    test('filters by account, log-in, action and outcome each narrow to what they name', async () => {
      const gpAccount = await accountIdOf(relais, gp.token);
      await get(`/api/patients/${patientId}`, gp.token);
      await get(`/api/patients/${patientId}`, outsider.token);
      const byAccount = await auditPage({ accountId: gpAccount });
      assert.ok(byAccount.items.length >= 2);
      assert.ok(byAccount.items.every((item) => item.actor.accountId === gpAccount));
      // A log-in filter is the same person as their account id, whatever its case.
      assert.deepEqual(await auditPage({ login: gp.login.toUpperCase() }), byAccount);
      const logins = await auditPage({ accountId: gpAccount, action: 'login' });
      assert.ok(logins.items.length >= 1);
      assert.ok(logins.items.every((item) => item.action === 'login' && item.resource === 'session'));
      const refusals = await auditPage({ patientId, outcome: 'denied' });
      assert.ok(refusals.items.length >= 2);
      assert.ok(
        refusals.items.every((item) => item.outcome === 'denied' && item.actor.login === outsider.login),
      );
      assert.deepEqual((await auditPage({ login: 'nobody-has-this-login' })).items, []);
    });

    test('a date range takes whole days on the Paris clocks, and instants as given', async () => {
      const subject = randomUUID();
      await insertAuditRows(relais, [
        auditRow({ patient_id: subject, at: new Date('2024-01-09T22:59:59Z'), reason: 'day 9' }),
        // 23:30 UTC on the 10th is already the 11th in Paris (UTC+1).
        auditRow({ patient_id: subject, at: new Date('2024-01-10T23:30:00Z'), reason: 'day 11 early' }),
        auditRow({ patient_id: subject, at: new Date('2024-01-11T12:00:00Z'), reason: 'day 11 noon' }),
        auditRow({ patient_id: subject, at: new Date('2024-01-11T23:00:00Z'), reason: 'day 12' }),
      ]);
      const reasons = async (query: Record<string, string>) =>
        (await auditPage({ patientId: subject, ...query })).items.map((item) => item.reason);
      assert.deepEqual(await reasons({ from: '2024-01-11', to: '2024-01-11' }), [
        'day 11 noon',
        'day 11 early',
      ]);
      assert.deepEqual(await reasons({ from: '2024-01-11' }), ['day 12', 'day 11 noon', 'day 11 early']);
      assert.deepEqual(await reasons({ to: '2024-01-10' }), ['day 9']);
      assert.deepEqual(await reasons({ from: '2024-01-11T12:00:00Z', to: '2024-01-11T23:00:00Z' }), [
        'day 11 noon',
      ]);
    });

    test('pages follow each other without gaps or repeats', async () => {
      const subject = randomUUID();
      await insertAuditRows(
        relais,
        Array.from({ length: 23 }, (_, i) => auditRow({ patient_id: subject, reason: `entry ${i}` })),
      );
      const all = await auditPage({ patientId: subject, limit: '200' });
      assert.equal(all.items.length, 23);
      assert.equal(all.nextCursor, null);
      const pages: AuditLogItem[][] = [];
      let cursor: string | null = null;
      do {
        const page: AuditLogPage = await auditPage({
          patientId: subject,
          limit: '5',
          ...(cursor === null ? {} : { cursor }),
        });
        pages.push([...page.items]);
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(
        pages.map((page) => page.length),
        [5, 5, 5, 5, 3],
      );
      assert.deepEqual(pages.flat(), all.items);
    });

    test('the CSV export holds the same rows as the list, quoted as RFC 4180 says', async () => {
      const subject = randomUUID();
      await insertAuditRows(relais, [
        auditRow({ patient_id: subject, reason: 'Urgence, "bris de glace"\r\nsuite du motif' }),
        auditRow({ patient_id: subject, reason: '=HYPERLINK("http://example.invalid")', outcome: 'denied' }),
        auditRow({ patient_id: subject, reason: 'Dossier consulté — équipe', client_address: null }),
      ]);
      const list = await auditPage({ patientId: subject });
      const response = await get(`/api/audit/export?patientId=${subject}`, dpo.token);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(
        String(response.headers['content-disposition']),
        /^attachment; filename="relais-audit-.+\.csv"$/,
      );
      assert.ok(response.body.startsWith('\uFEFF'), 'UTF-8 byte order mark, for spreadsheets');
      const [header, ...rows] = parseCsv(response.body.slice(1));
      assert.deepEqual(header, [
        'seq',
        'at',
        'actor_kind',
        'account_id',
        'login',
        'name',
        'profession',
        'role',
        'patient_ids',
        'action',
        'resource',
        'outcome',
        'reason',
        'client_address',
      ]);
      assert.deepEqual(rows, list.items.map(csvFieldsOf));
      assert.equal(rows[2]?.[12], 'Urgence, "bris de glace"\r\nsuite du motif');
      assert.equal(rows[1]?.[12], '\'=HYPERLINK("http://example.invalid")');

      // More rows than one read of the export takes (1000) stream out whole, in the list's order.
      const busy = randomUUID();
      await insertAuditRows(
        relais,
        Array.from({ length: 1100 }, (_, i) => auditRow({ patient_id: busy, reason: `n${i}` })),
      );
      const streamed = parseCsv((await get(`/api/audit/export?patientId=${busy}`, dpo.token)).body.slice(1));
      const listed: string[] = [];
      let cursor: string | null = null;
      do {
        const page: AuditLogPage = await auditPage({
          patientId: busy,
          limit: '200',
          ...(cursor === null ? {} : { cursor }),
        });
        listed.push(...page.items.map((item) => item.seq));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.equal(listed.length, 1100);
      assert.deepEqual(
        streamed.slice(1).map((row) => row[0]),
        listed,
      );
    });

    test('reading and exporting the trail are themselves audited, with the filters used', async () => {
      const dpoAccount = await accountIdOf(relais, dpo.token);
      await auditPage({ patientId, outcome: 'denied' });
      await get(`/api/audit/export?action=login`, dpo.token);
      const own = await relais.database.db
        .selectFrom('audit_entries')
        .selectAll()
        .where('account_id', '=', dpoAccount)
        .where('resource', '=', 'audit-log')
        .orderBy('seq', 'desc')
        .limit(2)
        .execute();
      assert.deepEqual(
        own.map((row) => [row.action, row.outcome, row.patient_id, row.actor_role, row.reason]),
        [
          ['export', 'allowed', null, 'dpo', 'DPO review of the audit log (action=login)'],
          [
            'read',
            'allowed',
            null,
            'dpo',
            `DPO review of the audit log (patientId=${patientId}, outcome=denied)`,
          ],
        ],
      );
    });

    test('anyone else is refused, administrators included, and the attempt is audited', async () => {
      const admin = await createProfessional(relais, 'physician', { roles: ['admin'] });
      const patient = await createPatientAccount(relais, patientId);
      for (const token of [gp.token, admin.token, patient.token]) {
        for (const url of ['/api/audit', '/api/audit/export']) {
          const response = await get(url, token);
          assert.equal(response.statusCode, 403, `${url}: ${response.body}`);
          assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
        }
      }
      assert.match(
        (await get('/api/audit', admin.token)).json<{ detail: string }>().detail,
        /data protection officers/,
      );
      assert.equal((await relais.http.inject({ url: '/api/audit' })).statusCode, 401);
      const refusals = await relais.database.db
        .selectFrom('audit_entries')
        .select(['action', 'outcome'])
        .where('account_id', '=', await accountIdOf(relais, admin.token))
        .where('resource', '=', 'audit-log')
        .orderBy('seq')
        .execute();
      assert.deepEqual(refusals, [
        { action: 'read', outcome: 'denied' },
        { action: 'export', outcome: 'denied' },
        { action: 'read', outcome: 'denied' },
      ]);
    });

    test('a DPO without two-factor sign-in is refused until enrolled', async () => {
      const pending = await createProfessional(relais, 'coordinator');
      await relais.database.db
        .updateTable('accounts')
        .set({ roles: ['dpo'] })
        .where('login', '=', pending.login)
        .execute();
      for (const url of ['/api/audit', '/api/audit/export']) {
        const response = await get(url, pending.token);
        assert.equal(response.statusCode, 403);
        assert.match(response.json<{ detail: string }>().detail, /two-factor sign-in/);
      }
    });

    test('bad filters are refused with a 400 that names them', async () => {
      const cases: [string, RegExp][] = [
        ['patientId=abc', /patientId must be a UUID/],
        ['from=2025-02-30', /from must be a date/],
        ['to=yesterday', /to must be a date/],
        ['from=2025-03-15&to=2025-03-14', /from must be before to/],
        ['action=delete', /action must be one of/],
        ['outcome=maybe', /outcome must be one of/],
        ['limit=500', /limit must be a whole number from 1 to 200/],
        ['cursor=xyz', /cursor is not one this API returned/],
        ['patient=1', /must NOT have additional properties/],
      ];
      for (const [query, detail] of cases) {
        const response = await get(`/api/audit?${query}`, dpo.token);
        assert.equal(response.statusCode, 400, query);
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.match(response.json<{ detail: string }>().detail, detail, query);
      }
      const exported = await get('/api/audit/export?from=14/03/2025', dpo.token);
      assert.equal(exported.statusCode, 400);
      assert.equal((await get('/api/audit/export?limit=5', dpo.token)).statusCode, 400);
    });

    test('the audit table refuses UPDATE and DELETE, whoever asks', async () => {
      const { db } = relais.database;
      const count = async () =>
        Number(
          (
            await db
              .selectFrom('audit_entries')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      await assert.rejects(
        sql`update audit_entries set reason = 'rewritten'`.execute(db),
        /audit entries are append-only/,
      );
      await assert.rejects(sql`delete from audit_entries`.execute(db), /audit entries are append-only/);
      await assert.rejects(
        db.deleteFrom('audit_entries').where('patient_id', '=', patientId).execute(),
        /audit entries are append-only/,
      );
      assert.equal(await count(), before);
    });

    test('the patient reads who accessed their record, in plain kinds, their GP by name', async () => {
      const gpName = `${gp.login} Testeur`;
      const subject = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, subject);
      await get(`/api/patients/${subject}`, gp.token);
      await get(`/api/patients/${subject}`, gp.token);
      await get(`/api/patients/${subject}`, outsider.token);
      const first = await get('/api/portal/access-log', patient.token);
      assert.equal(first.statusCode, 200, first.body);
      const page = first.json<AccessLogPage>();
      assert.deepEqual(
        page.items.map(({ who, role, outsideTeam, activity, outcome, breakGlass, count }) => ({
          who,
          role,
          outsideTeam,
          activity,
          outcome,
          breakGlass,
          count,
        })),
        [
          {
            who: { name: `${outsider.login} Testeur`, profession: 'nurse', specialty: null },
            role: null,
            outsideTeam: false,
            activity: 'viewed-record',
            outcome: 'denied',
            breakGlass: null,
            count: 1,
          },
          {
            // The two reads a moment apart are one line.
            who: { name: gpName, profession: 'physician', specialty: 'general_practice' },
            role: 'medecin_traitant',
            outsideTeam: false,
            activity: 'viewed-record',
            outcome: 'allowed',
            breakGlass: null,
            count: 2,
          },
        ],
      );
      assert.equal(page.nextCursor, null);
      // The patient's own readings are in the trail, not in their list.
      const again = (await get('/api/portal/access-log', patient.token)).json<AccessLogPage>();
      assert.deepEqual(again, page);
      const own = await relais.database.db
        .selectFrom('audit_entries')
        .select(['actor_kind', 'action', 'outcome'])
        .where('patient_id', '=', subject)
        .where('resource', '=', 'access-log')
        .execute();
      assert.deepEqual(own, [
        { actor_kind: 'patient', action: 'read', outcome: 'allowed' },
        { actor_kind: 'patient', action: 'read', outcome: 'allowed' },
      ]);
    });

    test('a break-the-glass access shows with the reason given, outside the team', async () => {
      const subject = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, subject);
      const reason = 'Patient inconscient aux urgences, traitements à vérifier';
      const now = Date.now();
      await relais.database.db
        .insertInto('break_glass_grants')
        .values({
          patient_id: subject,
          id: randomUUID(),
          practitioner_id: outsider.practitionerId,
          account_id: await accountIdOf(relais, outsider.token),
          reason,
          granted_at: new Date(now - 60_000),
          expires_at: new Date(now + 4 * 3_600_000),
        })
        .execute();
      assert.equal((await get(`/api/patients/${subject}`, outsider.token)).statusCode, 200);
      const [line] = (await get('/api/portal/access-log', patient.token)).json<AccessLogPage>().items;
      assert.equal(line?.who.name, `${outsider.login} Testeur`);
      assert.deepEqual(line.breakGlass, { reason });
      assert.equal(line.outsideTeam, true);
      assert.equal(line.role, null);
    });

    test("a patient sees nothing of another patient's log, and professionals cannot ask", async () => {
      const other = await createProfessional(relais);
      const subject = await createPatient(relais, [other.practitionerId]);
      const patient = await createPatientAccount(relais, subject);
      await get(`/api/patients/${patientId}`, gp.token);
      const page = (await get('/api/portal/access-log', patient.token)).json<AccessLogPage>();
      assert.deepEqual(page.items, []);
      await get(`/api/patients/${subject}`, other.token);
      const after = (await get('/api/portal/access-log', patient.token)).json<AccessLogPage>();
      assert.deepEqual(
        after.items.map((item) => item.who.name),
        [`${other.login} Testeur`],
      );
      // There is no way to name another patient.
      const named = await get(`/api/portal/access-log?patientId=${patientId}`, patient.token);
      assert.equal(named.statusCode, 400);
      for (const token of [gp.token, dpo.token]) {
        const response = await get('/api/portal/access-log', token);
        assert.equal(response.statusCode, 403);
      }
      assert.equal((await get('/api/portal/access-log?cursor=abc', patient.token)).statusCode, 400);
    });
  });
}
