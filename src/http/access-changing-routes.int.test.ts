import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { Relais } from '../app.ts';
import { ACCESS_CHANGING_ROUTES, type AccessChangeExpectation } from '../../tests/support/access-oracle.ts';
import { auditRowsAfter, lastAuditSeq } from '../../tests/support/audit-rows.ts';
import {
  buildAccessWorld,
  principalOfKind,
  PRINCIPAL_KINDS,
  type AccessWorld,
  type PrincipalKind,
} from '../../tests/support/access-world.ts';
import { bearer } from '../../tests/support/factories.ts';
import { validBody } from '../../tests/support/route-bodies.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

const PATIENTS_PER_WORLD = 3;

type Outcome = 'allow' | 'conflict' | 'deny' | 'unauthenticated';

function expectedOutcome(route: AccessChangeExpectation, kind: PrincipalKind): Outcome {
  if (kind === 'anonymous') return 'unauthenticated';
  if (route.allowed.includes(kind)) return 'allow';
  return route.conflict?.includes(kind) === true ? 'conflict' : 'deny';
}

function outcomeOf(status: number): Outcome | `status ${number}` {
  if (status === 401) return 'unauthenticated';
  if (status === 403 || status === 404) return 'deny';
  if (status === 409) return 'conflict';
  return status >= 200 && status < 300 ? 'allow' : `status ${status}`;
}

/** Whether the caller gets past the route's audience, so the patient gate decides (and audits). */
function reachesTheGate(route: AccessChangeExpectation, kind: PrincipalKind): boolean {
  if (kind === 'anonymous') return false;
  const isPatient = kind === 'self' || kind === 'other-patient';
  if (route.audience === 'signed-in') return true;
  return route.audience === 'patient' ? isPatient : !isPatient;
}

for (const { dialect, skip } of testDialects()) {
  describe(`access-changing routes on ${dialect}`, { skip }, () => {
    let relais: Relais;
    /** A world holds a few patients: enough worlds to give each route its own patient. */
    const worlds: AccessWorld[] = [];
    const keys = Object.keys(ACCESS_CHANGING_ROUTES);
    const world0 = () => worlds[0] ?? assert.fail('no world');
    before(async () => {
      relais = await startTestRelais(dialect);
      // One patient per route: what an allowed call changes stays with its own route's patient.
      for (let routes = 0; routes < keys.length; routes += PATIENTS_PER_WORLD)
        worlds.push(await buildAccessWorld(relais, PATIENTS_PER_WORLD));
    });
    after(() => relais.close());

    /** A choice in force that no case depends on (an objection to the bystander), to withdraw. */
    async function choiceToWithdraw(patientId: string): Promise<string> {
      const id = randomUUID();
      await relais.database.db
        .insertInto('sharing_choices')
        .values({
          patient_id: patientId,
          id,
          kind: 'objection',
          practitioner_id: world0().bystanderPractitionerId,
          allowed_practitioner_ids: [],
          recorded_by_account_id: randomUUID(),
          on_behalf: true,
          recorded_at: relais.clock(),
        })
        .execute();
      return id;
    }

    /**
     * A professional's membership of the patient's team (the care team ends the objected nurse's: no
     * case relies on it).
     */
    async function membershipOf(patientId: string, accountId: string | null) {
      return relais.database.db
        .selectFrom('care_team_members as m')
        .innerJoin('accounts as a', 'a.practitioner_id', 'm.practitioner_id')
        .select(['m.id', 'm.practitioner_id as practitionerId'])
        .where('m.patient_id', '=', patientId)
        .where('a.id', '=', accountId)
        .executeTakeFirstOrThrow();
    }

    test('every route that changes access × every kind of caller answers as the oracle says, and is audited', async (t) => {
      const mismatches: string[] = [];
      let cases = 0;
      for (const [index, key] of keys.entries()) {
        const route = ACCESS_CHANGING_ROUTES[key];
        const world = worlds[Math.floor(index / PATIENTS_PER_WORLD)];
        const patientIndex = index % PATIENTS_PER_WORLD;
        const patient = world?.patients[patientIndex];
        assert.ok(route !== undefined && world !== undefined && patient !== undefined);
        const [method = '', pattern = ''] = key.split(' ');
        const objectedNurse = principalOfKind(world, 'objected', patientIndex);
        const memberId = (await membershipOf(patient.patientId, objectedNurse.accountId)).id;
        const gpId = (
          await membershipOf(patient.patientId, principalOfKind(world, 'care-team', patientIndex).accountId)
        ).practitionerId;
        for (const kind of PRINCIPAL_KINDS) {
          cases++;
          const principal = principalOfKind(world, kind, patientIndex);
          // Each caller withdraws a choice of its own, so an allowed withdrawal leaves the next one
          // something to withdraw.
          const url = pattern
            .replace(':patientId', patient.patientId)
            .replace(':choiceId', await choiceToWithdraw(patient.patientId))
            .replace(':memberId', memberId);
          const request: InjectOptions = {
            method,
            url,
            headers: principal.token === null ? {} : bearer(principal.token),
          };
          // A restriction replaces the previous one: the patient after their team is no conflict.
          const body =
            pattern === '/api/patients/:patientId/sharing-choices'
              ? { kind: 'restriction', category: 'addiction', allowedPractitionerIds: [gpId] }
              : validBody(url, {
                  practitionerId: world.bystanderPractitionerId,
                  patientId: patient.patientId,
                });
          if (body !== undefined) request.payload = body;
          const seq = await lastAuditSeq(relais);
          const response = await relais.http.inject(request);
          const where = `${key} as ${kind}`;
          const expected = expectedOutcome(route, kind);
          const got = outcomeOf(response.statusCode);
          if (got !== expected)
            mismatches.push(`${where}: expected ${expected}, got ${got} ${response.body}`);
          const rows = await auditRowsAfter(relais, seq);
          const mine = rows.filter((row) => row.account_id === principal.accountId);
          if (!reachesTheGate(route, kind)) {
            if (rows.length > 0) mismatches.push(`${where}: audit rows for a caller refused at the door`);
            continue;
          }
          // The portal opens the caller's own record (allowed): another's choice is then not found.
          const outcome = expected === 'allow' || route.audience === 'patient' ? 'allowed' : 'denied';
          if (mine.length === 0 || !mine.some((row) => row.outcome === outcome))
            mismatches.push(`${where}: no ${outcome} audit row (${JSON.stringify(rows)})`);
          if (mine.some((row) => row.patient_id === null))
            mismatches.push(`${where}: an audit row names no patient`);
        }
      }
      t.diagnostic(
        `${keys.length} access-changing routes × ${PRINCIPAL_KINDS.length} kinds = ${cases} cases; mismatches: ${mismatches.length}`,
      );
      assert.deepEqual(mismatches, []);
    });
  });
}
