import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import { readConfig } from '../config.ts';
import type { DryRunResult, RuleSetDetail, RuleSetList } from '../contracts/rules-contracts.ts';
import type { Database } from '../store/database-schema.ts';
import {
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
} from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

const STARTER = readFileSync(new URL('../../data/rules/starter.yaml', import.meta.url), 'utf8');
const DAY = 86_400_000;

/** Every table a rule run or an administrator's change could write to. */
const WRITABLE: readonly (keyof Database)[] = [
  'rule_firings',
  'patient_alerts',
  'rule_deferred_checks',
  'tasks',
  'events',
  'journal_cursors',
  'rule_set_versions',
  'rule_switches',
];

for (const { dialect, skip } of testDialects()) {
  describe(`rules administration on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let admin: { token: string };
    before(async () => {
      // The rules job does not run here, so only the dry-run could evaluate anything.
      relais = await startTestRelais(dialect, { rules: { ...readConfig({}).rules, pollMs: 0 } });
      admin = await createProfessional(relais, 'physician', { roles: ['admin'] });
    });
    after(() => relais.close());

    const call = (method: 'GET' | 'PUT' | 'POST', url: string, token: string, payload?: object) =>
      relais.http.inject({
        method,
        url,
        headers: bearer(token),
        ...(payload === undefined ? {} : { payload }),
      });
    const counts = async () =>
      Promise.all(
        WRITABLE.map(async (table) => {
          const row = await relais.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow();
          return `${table}=${row.n}`;
        }),
      );

    test('only administrators see the rules', async () => {
      const gp = await createProfessional(relais);
      const forbidden = await call('GET', '/api/admin/rules', gp.token);
      assert.equal(forbidden.statusCode, 403);
      assert.match(forbidden.json<{ detail: string }>().detail, /administrators/);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const patient = await createPatientAccount(relais, patientId);
      assert.equal((await call('GET', '/api/admin/rules', patient.token)).statusCode, 403);
    });

    test('the shipped starter set is installed once, with every rule on', async () => {
      const list = await call('GET', '/api/admin/rules', admin.token);
      assert.equal(list.statusCode, 200, list.body);
      const [starter] = list.json<RuleSetList>().items.filter((set) => set.id === 'starter');
      assert.equal(starter?.origin, 'shipped');
      assert.equal(starter.rules.length, 7);
      assert.ok(starter.rules.every((rule) => rule.enabled));
      const detail = await call('GET', '/api/admin/rules/starter', admin.token);
      assert.equal(detail.json<RuleSetDetail>().source, STARTER);
      const again = await relais.services.rulesAdmin.installShipped([
        { file: 'starter.yaml', text: STARTER },
      ]);
      assert.deepEqual(again, { installed: [], refused: [] });
    });

    test('an invalid edit is refused whole, each problem with its line; a valid one becomes the next version', async () => {
      const before = await call('GET', '/api/admin/rules/starter', admin.token);
      const version = before.json<RuleSetDetail>().version;
      const broken = STARTER.replace('role: nurse', 'role: surgeon').replace(
        'within: 3d, rises',
        'within: 3 days, rises',
      );
      const refused = await call('PUT', '/api/admin/rules/starter', admin.token, {
        source: broken,
        baseVersion: version,
      });
      assert.equal(refused.statusCode, 400);
      const problem = refused.json<{ detail: string; errors: string[] }>();
      assert.equal(problem.detail, 'the rule set has 2 problem(s)');
      const lineOf = (needle: string) => broken.split('\n').findIndex((line) => line.includes(needle)) + 1;
      assert.match(
        problem.errors[0] ?? '',
        new RegExp(
          `^starter\\.yaml:${lineOf('within: 3 days')}:\\d+: rule heart-failure-weight-gain: when\\.all\\[2\\]\\.trend\\.within must be a duration`,
        ),
      );
      assert.match(
        problem.errors[1] ?? '',
        new RegExp(`^starter\\.yaml:${lineOf('surgeon')}:\\d+: .*"surgeon" is not a care-team role`),
      );
      assert.equal(
        (await call('GET', '/api/admin/rules/starter', admin.token)).json<RuleSetDetail>().version,
        version,
      );

      const edited = STARTER.replace('default: 7 }', 'default: 6.5 }');
      const saved = await call('PUT', '/api/admin/rules/starter', admin.token, {
        source: edited,
        baseVersion: version,
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const detail = saved.json<RuleSetDetail>();
      assert.equal(detail.version, version + 1);
      assert.equal(detail.origin, 'admin');
      assert.equal(detail.source, edited);
      assert.deepEqual(
        detail.versions.map((v) => [v.version, v.origin]),
        [
          [version + 1, 'admin'],
          [version, 'shipped'],
        ],
      );
      const stale = await call('PUT', '/api/admin/rules/starter', admin.token, {
        source: edited,
        baseVersion: version,
      });
      assert.equal(stale.statusCode, 409);
      // The administrator's version stands when the shipped default is installed again.
      await relais.services.rulesAdmin.installShipped([{ file: 'starter.yaml', text: STARTER }]);
      assert.equal(
        (await call('GET', '/api/admin/rules/starter', admin.token)).json<RuleSetDetail>().source,
        edited,
      );
    });

    test('a rule switched off no longer runs, and can be switched on again', async () => {
      const off = await call(
        'PUT',
        '/api/admin/rules/starter/rules/missed-appointment-reschedule',
        admin.token,
        {
          enabled: false,
        },
      );
      assert.equal(off.statusCode, 204, off.body);
      const running = async () => (await relais.services.rules.activeRules()).map((a) => a.rule.id);
      assert.ok(!(await running()).includes('missed-appointment-reschedule'));
      const list = (await call('GET', '/api/admin/rules', admin.token)).json<RuleSetList>();
      const rule = list.items
        .find((s) => s.id === 'starter')
        ?.rules.find((r) => r.id === 'missed-appointment-reschedule');
      assert.equal(rule?.enabled, false);
      await call('PUT', '/api/admin/rules/starter/rules/missed-appointment-reschedule', admin.token, {
        enabled: true,
      });
      assert.ok((await running()).includes('missed-appointment-reschedule'));
      const unknown = await call('PUT', '/api/admin/rules/starter/rules/no-such-rule', admin.token, {
        enabled: false,
      });
      assert.equal(unknown.statusCode, 404);
    });

    test('a dry-run tells what the rules would have done on past events, and writes nothing', async () => {
      const gp = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      for (const [value, days] of [
        [8.4, 100],
        [8.1, 3],
      ] as const) {
        const response = await call('POST', `/api/patients/${patientId}/results`, gp.token, {
          loincCode: '4548-4',
          display: 'HbA1c',
          valueNumeric: value,
          valueText: null,
          unit: '%',
          referenceRange: null,
          interpretation: null,
          effectiveAt: new Date(Date.now() - days * DAY).toISOString(),
        });
        assert.equal(response.statusCode, 201, response.body);
      }
      const before = await counts();
      const range = {
        from: new Date(Date.now() - 60_000).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
      };
      const stored = await call('POST', '/api/admin/rules/dry-run', admin.token, {
        ruleSetId: 'starter',
        source: null,
        ...range,
      });
      assert.equal(stored.statusCode, 200, stored.body);
      const result = stored.json<DryRunResult>();
      assert.equal(result.evaluatedEvents, 2);
      // The stored set as it stands (an earlier test may have lowered the default target).
      assert.deepEqual(
        result.firings.map((f) => [
          f.patient,
          f.ruleId,
          f.explanation.fr.replace(/cible par défaut de [\d,]+ %/, 'cible par défaut de … %'),
          f.actions.map((a) => a.kind),
        ]),
        [
          [
            1,
            'hba1c-above-target-twice',
            'HbA1c 8,4 % puis 8,1 % au-dessus de la cible par défaut de … %',
            ['suggest-referral'],
          ],
        ],
      );
      assert.ok(!stored.body.includes(patientId), 'no patient identity in a dry-run');

      const stricter = STARTER.replace(
        'count: 2, above: { target: hba1c, default: 7 }',
        'count: 2, above: { target: hba1c, default: 8.2 }',
      );
      const tried = await call('POST', '/api/admin/rules/dry-run', admin.token, {
        ruleSetId: 'starter',
        source: stricter,
        ...range,
      });
      assert.equal(tried.statusCode, 200, tried.body);
      assert.deepEqual(tried.json<DryRunResult>().firings, []);
      assert.deepEqual(await counts(), before, 'nothing written by either dry-run');
      const audited = await relais.database.db
        .selectFrom('audit_entries')
        .select('reason')
        .where('patient_id', '=', patientId)
        .where('resource', '=', 'rules-dry-run')
        .execute();
      assert.equal(audited.length, 2, 'each dry-run leaves an audit entry for the patient it read');

      const backwards = await call('POST', '/api/admin/rules/dry-run', admin.token, {
        ruleSetId: 'starter',
        source: null,
        from: range.to,
        to: range.from,
      });
      assert.equal(backwards.statusCode, 400);
    });
  });
}
