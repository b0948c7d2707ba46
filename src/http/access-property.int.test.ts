import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Relais } from '../app.ts';
import { expectedAccess, expectedAudit, PATIENT_ROUTES } from '../../tests/support/access-oracle.ts';
import { auditRowsAfter, lastAuditSeq } from '../../tests/support/audit-rows.ts';
import { buildAccessWorld, fillRoute, kindOf, type AccessWorld } from '../../tests/support/access-world.ts';
import { bearer } from '../../tests/support/factories.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

const CASES = 10_000;

/** The reads of patient data: every GET the oracle knows. */
const READ_ROUTES = Object.keys(PATIENT_ROUTES).filter((key) => key.startsWith('GET '));

/** Routes that name a thing of the patient besides the patient: the case may take another's. */
const namesAThing = (pattern: string) => /:patientId\/.*:\w+/.test(pattern);

// PGlite only: the property is about the rules, which are the same SQL on both databases (the access
// matrix runs on both), and one in-process database keeps 10,000 requests well under two minutes.
describe('access property: random callers, patients and reads', () => {
  let relais: Relais;
  let world: AccessWorld;
  before(async () => {
    relais = await startTestRelais('pglite');
    world = await buildAccessWorld(relais, 3);
  });
  after(() => relais.close());

  test(`${CASES} random reads: none unauthorized, each audited as decided`, async (t) => {
    const counts = { allowed: 0, denied: 0, anonymous: 0, unauthorizedReads: 0 };
    const failures: string[] = [];
    const startSeq = await lastAuditSeq(relais);
    const expectedRows: {
      where: string;
      row: { account_id: string | null; patient_id: string | null; outcome: string };
    }[] = [];
    const readCase = fc.record({
      principal: fc.integer({ min: 0, max: world.principals.length - 1 }),
      patient: fc.integer({ min: 0, max: world.patients.length - 1 }),
      route: fc.constantFrom(...READ_ROUTES),
      // Ask for another patient's document, stay… under this patient's id.
      foreignThing: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(readCase, async (drawn) => {
        const principal = world.principals[drawn.principal];
        const patient = world.patients[drawn.patient];
        const expectation = PATIENT_ROUTES[drawn.route];
        assert.ok(principal !== undefined && patient !== undefined && expectation !== undefined);
        const pattern = drawn.route.slice('GET '.length);
        const foreign = drawn.foreignThing && namesAThing(pattern);
        const things = world.patients[(drawn.patient + (foreign ? 1 : 0)) % world.patients.length] ?? patient;
        const kind = kindOf(principal, drawn.patient);
        const response = await relais.http.inject({
          url: fillRoute(pattern, patient, things),
          headers: principal.token === null ? {} : bearer(principal.token),
        });
        const expected = expectedAccess(expectation, kind);
        const status = response.statusCode;
        const where = `${drawn.route} for patient ${drawn.patient + 1} as ${principal.label} (${kind})${foreign ? ' with another patient’s thing' : ''}`;
        // Whom the answer may show: the patient asked for, or on the portal the caller themself.
        const shown =
          expectation.audience === 'patient' ? world.patients[principal.ownPatientIndex ?? -1] : patient;
        const leaked = world.patients.filter(
          (other) =>
            (other !== shown || expected !== 'allow') &&
            (response.body.includes(other.patientId) || response.body.includes(other.familyName)),
        );
        const wantedStatus =
          expected === 'unauthenticated' ? [401] : expected === 'deny' ? [403] : foreign ? [404] : [200];
        if ((status < 300 && expected !== 'allow') || leaked.length > 0) {
          counts.unauthorizedReads++;
          failures.push(`${where}: unauthorized read (${status}) ${response.body.slice(0, 200)}`);
        } else if (!wantedStatus.includes(status)) {
          failures.push(
            `${where}: ${status}, expected ${wantedStatus.join('/')}: ${response.body.slice(0, 200)}`,
          );
        }
        if (expected === 'allow') counts.allowed++;
        else if (expected === 'deny') counts.denied++;
        else counts.anonymous++;
        // One request at a time, so the audit rows come in the order of the cases: checked at the end.
        // An allowed export leaves two rows: the gate's read, then the export itself.
        const audit = expectedAudit(expectation, kind);
        for (let row = 0; audit !== null && row < audit.rows; row++)
          expectedRows.push({
            where,
            row: {
              account_id: principal.accountId,
              patient_id: audit.patient === 'own' ? (shown?.patientId ?? null) : patient.patientId,
              outcome: audit.outcome,
            },
          });
      }),
      // Every case runs, so the counts below are over all of them; failures are listed after.
      { numRuns: CASES },
    );
    const rows = (await auditRowsAfter(relais, startSeq)).map(({ account_id, patient_id, outcome }) => ({
      account_id,
      patient_id,
      outcome,
    }));
    const firstAstray = expectedRows.findIndex(
      ({ row }, index) => JSON.stringify(row) !== JSON.stringify(rows[index]),
    );
    if (firstAstray >= 0)
      failures.push(
        `audit row ${firstAstray + 1}: ${JSON.stringify(rows[firstAstray])}, expected ` +
          `${JSON.stringify(expectedRows[firstAstray]?.row)} for ${expectedRows[firstAstray]?.where}`,
      );
    t.diagnostic(
      `access property: ${CASES} cases (${counts.allowed} allowed, ${counts.denied} refused, ` +
        `${counts.anonymous} anonymous); unauthorized reads found: ${counts.unauthorizedReads}; ` +
        `audit rows ${rows.length}, expected ${expectedRows.length} for the decided accesses ` +
        `(anonymous requests and refusals by a route's audience decide nothing about a patient)`,
    );
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures, the first 20 shown`);
    assert.equal(rows.length, expectedRows.length);
  });
});
