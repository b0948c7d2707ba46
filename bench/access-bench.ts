import { sql } from 'kysely';
import type { Relais } from '../src/app.ts';
import { decidePatientAccess } from '../src/domain/access/patient-access-policy.ts';
import { auditEntryFor, createPatientAccess } from '../src/domain/access/patient-access-service.ts';
import type { PatientScope } from '../src/domain/access/patient-scope.ts';
import type { Principal } from '../src/domain/access/principal.ts';
import { systemClock } from '../src/domain/shared/clock.ts';
import { createSqlAccessFacts } from '../src/store/sql-access-facts.ts';
import { createSqlAuditTrail } from '../src/store/sql-audit-trail.ts';
import { createSqlRecordReader } from '../src/store/sql-record-reader.ts';
import { busiestGp, listeningUrl, signInForToken } from './bench-http.ts';
import type { LoadResult } from './http-load.ts';
import { loadTestEach } from './load-worker.ts';
import { percentile } from './latency-stats.ts';

/** The access gate alone (or one of its two parts), with one or several callers at once. */
export interface AccessOpenResult {
  readonly measured: string;
  readonly callers: number;
  readonly calls: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** What the gate adds to the record read: p95 (and p50) through the gate minus the read alone. */
export interface AccessOverhead {
  readonly callers: number;
  readonly p50: number;
  readonly p95: number;
}

export interface AccessBenchResult {
  readonly open: readonly AccessOpenResult[];
  readonly overhead: readonly AccessOverhead[];
  readonly record: readonly { load: string; result: LoadResult }[];
}

const READ_RECORD = { action: 'read', resource: 'record' } as const;
const THROUGH_THE_GATE = 'the record read through the gate (RecordService.readRecord)';
const READ_ALONE = 'the same record read alone (scope given, no gate, no audit)';

/**
 * The cost of the access rule (issue 8): `PatientAccess.open` as the record API calls it — the facts
 * in one statement, the pure decision, the audit row appended and waited for until durable (group
 * commit) — timed alone for `seconds` with each number of concurrent `callers`, as the GP with the
 * largest list opening their patients; its two halves alone with one caller, since the durable
 * append costs the disk's flush; the record read through the gate and alone, whose difference is
 * the gate's overhead on the record API; then the record API under load (autocannon).
 */
export async function benchAccess(
  relais: Relais,
  options: {
    seconds: number;
    callers: readonly number[];
    loads: readonly { label: string; connections: number }[];
  },
): Promise<AccessBenchResult> {
  const db = relais.database.db;
  const gp = await busiestGp(relais);
  const principal: Principal = {
    kind: 'professional',
    accountId: gp.accountId,
    practitionerId: gp.practitionerId,
    roles: [],
  };
  // Wired as in services.ts, with an audit trail of its own (its group commit included).
  const origin = { clientAddress: '127.0.0.1' };
  const pick = () => gp.patients[Math.floor(Math.random() * gp.patients.length)]?.patientId ?? '';
  const facts = createSqlAccessFacts(db);
  const audit = createSqlAuditTrail(db);
  const access = createPatientAccess({ facts, audit, clock: systemClock });
  const reader = createSqlRecordReader(db);
  // The scope the gate would hand out to a care-team member, for the read without the gate.
  const scopeOf = (patientId: string) =>
    ({
      patientId,
      principal,
      purpose: READ_RECORD,
      basis: 'care-team',
      expiresAt: null,
      hiddenCategories: [],
    }) as unknown as PatientScope;
  const variants = [
    {
      measured: THROUGH_THE_GATE,
      callers: options.callers,
      call: () => relais.services.record.readRecord(principal, pick(), origin),
    },
    {
      measured: READ_ALONE,
      callers: options.callers,
      call: () => reader.readRecord(scopeOf(pick()), new Date()),
    },
    {
      measured: 'PatientAccess.open: facts + decision + durable audit row',
      callers: options.callers,
      call: () => access.open(principal, pick(), READ_RECORD, origin),
    },
    {
      measured: 'for scale: one round trip to the database (select 1)',
      callers: [1],
      call: () => sql`select 1`.execute(db),
    },
    {
      measured: 'its facts (one statement) + the decision',
      callers: [1],
      call: async () => {
        const patientId = pick();
        const now = new Date();
        const known = await facts.accessFacts(gp.practitionerId, patientId, now);
        decidePatientAccess(principal, patientId, known, READ_RECORD, now);
      },
    },
    {
      measured: 'its audit row appended until durable (one commit)',
      callers: [1],
      call: () =>
        audit.append([
          auditEntryFor(principal, pick(), READ_RECORD, origin, new Date(), {
            outcome: 'allowed',
            reason: 'care team member (medecin_traitant)',
            role: 'medecin_traitant',
          }),
        ]),
    },
  ];
  await timeFor(1000, () => access.open(principal, pick(), READ_RECORD, origin)); // warm-up
  const open: AccessOpenResult[] = [];
  for (const { measured, callers: counts, call } of variants) {
    for (const callers of counts) {
      process.stderr.write(`  access: ${measured}, ${callers} caller(s)\n`);
      const each = await Promise.all(
        Array.from({ length: callers }, () => timeFor(options.seconds * 1000, call)),
      );
      const latencies = each.flat().sort((a, b) => a - b);
      open.push({
        measured,
        callers,
        calls: latencies.length,
        perSecond: latencies.length / options.seconds,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
      });
    }
  }
  const overhead = options.callers.map((callers) => {
    const [gated, alone] = [THROUGH_THE_GATE, READ_ALONE].map((measured) =>
      open.find((r) => r.measured === measured && r.callers === callers),
    );
    if (gated === undefined || alone === undefined) throw new Error('a record read variant did not run');
    return { callers, p50: gated.p50 - alone.p50, p95: gated.p95 - alone.p95 };
  });
  const url = await listeningUrl(relais);
  const token = await signInForToken(url, gp.login);
  process.stderr.write('  access: the patient record API\n');
  const record = await loadTestEach(
    {
      url,
      token,
      seconds: options.seconds,
      paths: gp.patients.map(({ patientId }) => `/api/patients/${patientId}`),
    },
    options.loads,
  );
  return { open, overhead, record };
}

/** Calls `call` one after the other for `ms` milliseconds; answers each call's time (ms). */
async function timeFor(ms: number, call: () => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const started = performance.now();
    await call();
    latencies.push(performance.now() - started);
  }
  return latencies;
}
