import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { Relais } from '../app.ts';
import {
  expectedAccess,
  expectedAudit,
  LIST_FINDERS,
  ACCESS_CHANGING_ROUTES,
  NOT_PATIENT_ROUTES,
  PATIENT_LISTS,
  PATIENT_ROUTES,
} from '../../tests/support/access-oracle.ts';
import { auditRowsAfter, lastAuditSeq } from '../../tests/support/audit-rows.ts';
import {
  buildAccessWorld,
  fillRoute,
  principalOfKind,
  PRINCIPAL_KINDS,
  type AccessWorld,
} from '../../tests/support/access-world.ts';
import { bearer } from '../../tests/support/factories.ts';
import { requestBody } from '../../tests/support/route-bodies.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

const routeKey = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

/** An allowed request may still meet the lifecycle (a pathway already ended answers 409). */
const isAllowedStatus = (status: number) => (status >= 200 && status < 300) || status === 409;

for (const { dialect, skip } of testDialects()) {
  describe(`access matrix on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let world: AccessWorld;
    before(async () => {
      relais = await startTestRelais(dialect);
      world = await buildAccessWorld(relais, 2);
    });
    after(() => relais.close());

    test('every route of the route table is in the matrix, a patient list, or excluded with a reason', () => {
      // Outside /api and /fhir is the built web app: static files, the same for everyone.
      const served = relais.http.routeTable
        .filter((route) => route.method !== 'HEAD' && /^\/(api|fhir)\//.test(route.url))
        .map(routeKey);
      const known = [
        ...Object.keys(PATIENT_ROUTES),
        ...PATIENT_LISTS,
        ...Object.keys(ACCESS_CHANGING_ROUTES),
        ...Object.keys(NOT_PATIENT_ROUTES),
      ];
      assert.deepEqual(
        served.filter((key) => !known.includes(key)),
        [],
        'routes the oracle does not know: add them to tests/support/access-oracle.ts',
      );
      assert.deepEqual(
        known.filter((key) => !served.includes(key)),
        [],
        'oracle entries for routes the server no longer has',
      );
    });

    // Before the matrix, whose allowed writes make the break-the-glass holder a referrer, and so on.
    test('a caller refused a patient never finds them in a patient list', async () => {
      const [patient] = world.patients;
      assert.ok(patient !== undefined);
      const leaks: string[] = [];
      for (const key of PATIENT_LISTS) {
        const [, path = ''] = key.split(' ');
        const name = encodeURIComponent(patient.familyName);
        const url =
          path === '/api/patients'
            ? `${path}?q=${name}`
            : path === '/fhir/R4/Patient'
              ? `${path}?name=${name}`
              : path;
        for (const kind of PRINCIPAL_KINDS) {
          if (LIST_FINDERS.includes(kind) || kind === 'self') continue;
          const principal = principalOfKind(world, kind, 0);
          const response = await relais.http.inject({
            url,
            headers: principal.token === null ? {} : bearer(principal.token),
          });
          if (response.statusCode >= 500) leaks.push(`${key} as ${kind}: ${response.statusCode}`);
          const shown = withoutQueryEcho(response.body);
          if (shown.includes(patient.patientId) || shown.includes(patient.familyName))
            leaks.push(`${key} as ${kind}: ${response.body.slice(0, 300)}`);
          if (shown.includes('"total":') && !shown.includes('"total":0'))
            leaks.push(`${key} as ${kind}: the total counts the patient: ${shown.slice(0, 300)}`);
        }
      }
      const finder = principalOfKind(world, 'care-team', 0);
      for (const url of [
        `/api/patients?q=${encodeURIComponent(patient.familyName)}`,
        `/fhir/R4/Patient?name=${encodeURIComponent(patient.familyName)}`,
      ]) {
        const search = await relais.http.inject({ url, headers: bearer(finder.token ?? '') });
        assert.ok(search.body.includes(patient.patientId), `the care team finds the patient (${url})`);
      }
      assert.deepEqual(leaks, []);
    });

    test('every patient route × every kind of caller answers as the oracle says, and is audited', async (t) => {
      const [patient, otherPatient] = world.patients;
      assert.ok(patient !== undefined && otherPatient !== undefined);
      const routes = relais.http.routeTable.filter((route) => routeKey(route) in PATIENT_ROUTES);
      const mismatches: string[] = [];
      let allowed = 0;
      let denied = 0;
      for (const route of routes) {
        const expectation = PATIENT_ROUTES[routeKey(route)];
        assert.ok(expectation !== undefined);
        for (const kind of PRINCIPAL_KINDS) {
          const principal = principalOfKind(world, kind, 0);
          const url = fillRoute(route.url, patient);
          const request: InjectOptions = {
            method: route.method,
            url,
            headers: principal.token === null ? {} : bearer(principal.token),
          };
          if (route.method !== 'GET') {
            const body = await requestBody(relais, url, {
              practitionerId: world.bystanderPractitionerId,
              patientId: patient.patientId,
            });
            if (body !== undefined) request.payload = body;
          }
          const seq = await lastAuditSeq(relais);
          const response = await relais.http.inject(request);
          const expected = expectedAccess(expectation, kind);
          const got =
            response.statusCode === 401
              ? 'unauthenticated'
              : response.statusCode === 403
                ? 'deny'
                : isAllowedStatus(response.statusCode)
                  ? 'allow'
                  : `status ${response.statusCode}`;
          const where = `${routeKey(route)} as ${kind}`;
          if (got !== expected)
            mismatches.push(`${where}: expected ${expected}, got ${got} ${response.body}`);
          if (expected === 'allow') allowed++;
          else denied++;
          if (expected !== 'allow' && response.body.includes(patient.familyName))
            mismatches.push(`${where}: the refusal names the patient`);
          if (kind === 'other-patient' && response.body.includes(patient.patientId))
            mismatches.push(`${where}: another patient's portal shows the patient`);
          const audit = expectedAudit(expectation, kind);
          const rows = await auditRowsAfter(relais, seq);
          const wanted =
            audit === null
              ? []
              : Array.from({ length: audit.rows }, () => ({
                  account_id: principal.accountId,
                  patient_id: audit.patient === 'own' ? ownPatientId(world, principal) : patient.patientId,
                  outcome: audit.outcome,
                }));
          const seen = rows.map(({ account_id, patient_id, outcome }) => ({
            account_id,
            patient_id,
            outcome,
          }));
          if (JSON.stringify(seen) !== JSON.stringify(wanted))
            mismatches.push(
              `${where}: audit rows ${JSON.stringify(seen)}, expected ${JSON.stringify(wanted)}`,
            );
        }
      }
      t.diagnostic(
        `access matrix on ${dialect}: ${routes.length} patient routes × ${PRINCIPAL_KINDS.length} kinds of caller = ` +
          `${routes.length * PRINCIPAL_KINDS.length} cases (${allowed} allowed, ${denied} refused); mismatches: ${mismatches.length}`,
      );
      assert.deepEqual(mismatches, []);
    });
  });
}

/** A FHIR searchset's paging links repeat the caller's own query: what the caller typed is no leak. */
function withoutQueryEcho(body: string): string {
  if (!body.startsWith('{"resourceType":"Bundle"')) return body;
  return JSON.stringify({ ...(JSON.parse(body) as object), link: null });
}

function ownPatientId(world: AccessWorld, principal: { ownPatientIndex: number | null }): string | null {
  return principal.ownPatientIndex === null
    ? null
    : (world.patients[principal.ownPatientIndex]?.patientId ?? null);
}
