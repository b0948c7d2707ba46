import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Bundle, CapabilityStatement } from '@medplum/fhirtypes';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Relais } from '../src/app.ts';
import { FHIR_JSON } from '../src/http/fhir/fhir-reply.ts';
import { busiestGp, listeningUrl, signInForToken } from './bench-http.ts';
import { benchPatient, benchTask } from './fhir-bodies.ts';
import type { LoadResult } from './http-load.ts';
import { loadTestInWorker, WARM_UP_SECONDS, type LoadPlan } from './load-worker.ts';

/** One FHIR scenario under load, next to the bare route that answers the same JSON (its ceiling). */
export interface FhirBenchRow {
  readonly scenario: string;
  readonly patients: number;
  readonly connections: number;
  /** Undefined when the scenario could not run: `note` says why (not served, or refused). */
  readonly result: LoadResult | undefined;
  readonly note?: string;
  /** Resources written per request (a transaction Bundle's entries), for the import's resources/s. */
  readonly resourcesPerRequest: number;
  /** The bare route's requests/s for the same JSON; undefined for the bare rows themselves. */
  readonly ceiling: number | undefined;
  /** The machine's 1-minute load average before and after the run: the machine is shared. */
  readonly load: readonly [number, number];
}

const FHIR = '/fhir/R4';
const NOT_SERVED = 'not served (not in the CapabilityStatement)';
/** Bodies made for a create run: more than the fastest run can send, so every create is distinct. */
const CREATES_PER_SECOND_BOUND = 5000;
/** Where the bench's import bundles start, away from the seeded synthetic patients' indexes. */
const IMPORT_FIRST_INDEX = 5_000_000;

interface Scenario {
  readonly scenario: string;
  /** The requests of the run; bodies from `first` on, so the warm-up and the run create distinct data. */
  readonly plan: (first: number, count: number) => LoadPlan;
  readonly resourcesPerRequest?: number;
}

/**
 * The FHIR API on the seeded database, as the GP with the largest list, each scenario with
 * `connections` clients after a warm-up, the load generator in a worker thread: read a Patient by id,
 * search Patients by the first four letters of a family name, create Patient, create Task and import
 * transaction Bundles (those two when the CapabilityStatement lists them, else a "not served" row);
 * and, before them, a bare Fastify route answering each scenario's JSON, whose rate is the ceiling.
 */
export async function benchFhir(
  relais: Relais,
  options: { seconds: number; connections: number; patients: number; only?: 'search' },
): Promise<FhirBenchRow[]> {
  const gp = await busiestGp(relais);
  const url = await listeningUrl(relais);
  const token = await signInForToken(url, gp.login);
  const metadata = (await (await fetch(`${url}${FHIR}/metadata`)).json()) as CapabilityStatement;
  const ids = gp.patients.map((patient) => patient.patientId);
  const searches = gp.patients.map(
    (patient) => `${FHIR}/Patient?name=${encodeURIComponent(patient.familyNameKey.slice(0, 4))}`,
  );
  const post = (path: string, bodyOf: (index: number) => unknown) => (first: number, count: number) =>
    ({
      kind: 'post',
      path,
      contentType: FHIR_JSON,
      bodies: Array.from({ length: count }, (_, i) => JSON.stringify(bodyOf(first + i))),
    }) as const;

  const scenarios: (Scenario | { scenario: string; note: string })[] = [];
  const get = (paths: readonly string[]) => () => ({ kind: 'get', paths }) as const;
  scenarios.push({ scenario: 'search Patient by name (4 letters)', plan: get(searches) });
  if (options.only !== 'search') {
    scenarios.unshift({
      scenario: 'read Patient by id',
      plan: get(ids.map((id) => `${FHIR}/Patient/${id}`)),
    });
    scenarios.push({
      scenario: 'create Patient (validated)',
      plan: post(`${FHIR}/Patient`, (index) => benchPatient(index, gp.practitionerId)),
    });
    scenarios.push(
      serves(metadata, 'Task', 'create')
        ? {
            scenario: 'create Task (validated)',
            plan: post(`${FHIR}/Task`, (index) =>
              benchTask(index, ids[index % ids.length] ?? '', gp.practitionerId),
            ),
          }
        : { scenario: 'create Task (validated)', note: NOT_SERVED },
    );
    scenarios.push(await importScenario(metadata));
  }

  const rows: FhirBenchRow[] = [];
  const bare = await bareServer();
  try {
    for (const scenario of scenarios) {
      const notRun = (note: string) =>
        rows.push({
          ...common(scenario.scenario),
          result: undefined,
          note,
          ceiling: undefined,
          load: [0, 0],
        });
      if ('note' in scenario) {
        notRun(scenario.note);
        continue;
      }
      const plan = scenario.plan;
      const measure = async (target: string, first: number) => {
        const run = (from: number, seconds: number) =>
          loadTestInWorker({
            url: target,
            token,
            connections: options.connections,
            seconds,
            plan: plan(from, CREATES_PER_SECOND_BOUND * seconds),
          });
        await run(first, WARM_UP_SECONDS);
        const before = loadavg()[0] ?? 0;
        const result = await run(first + CREATES_PER_SECOND_BOUND * WARM_UP_SECONDS, options.seconds);
        return { result, load: [before, loadavg()[0] ?? 0] as const };
      };
      // The bare route answers what the real one answers to the first request of the plan.
      const sample = await sampleAnswer(url, token, plan(0, 1));
      if ('refused' in sample) {
        notRun(sample.refused);
        continue;
      }
      bare.answer(sample);
      process.stderr.write(`  fhir: ${scenario.scenario}, bare route\n`);
      const ceiling = await measure(bare.url, 0);
      rows.push({
        ...common(`bare Fastify route (same JSON as ${scenario.scenario})`),
        ...ceiling,
        ceiling: undefined,
      });
      process.stderr.write(`  fhir: ${scenario.scenario}\n`);
      const measured = await measure(url, 1);
      rows.push({
        ...common(scenario.scenario),
        resourcesPerRequest: scenario.resourcesPerRequest ?? 1,
        ...measured,
        ceiling: ceiling.result.perSecond,
      });
    }
  } finally {
    await bare.close();
  }
  return rows;

  function common(scenario: string) {
    return { scenario, patients: options.patients, connections: options.connections, resourcesPerRequest: 1 };
  }
}

/** Whether the CapabilityStatement lists the interaction on the type. */
function serves(metadata: CapabilityStatement, type: string, interaction: string): boolean {
  return (metadata.rest?.[0]?.resource ?? []).some(
    (resource) =>
      resource.type === type && (resource.interaction ?? []).some(({ code }) => code === interaction),
  );
}

/** Import as transaction Bundles, when the server takes them and the bundle maker has landed. */
async function importScenario(metadata: CapabilityStatement) {
  const scenario = 'import transaction Bundles (validated)';
  const transactions = (metadata.rest?.[0]?.interaction ?? []).some(({ code }) => code === 'transaction');
  if (!transactions) return { scenario, note: NOT_SERVED };
  // Another change brings the bundle maker; the import is "not served" until it is there.
  const makerUrl = new URL('./synthetic-bundles.ts', import.meta.url).href;
  const maker = (await import(makerUrl).catch(() => undefined)) as
    { syntheticPatientBundle(index: number): Bundle } | undefined;
  if (maker === undefined) return { scenario, note: 'not run: bench/synthetic-bundles.ts is missing' };
  const bundleOf = (index: number) => maker.syntheticPatientBundle(IMPORT_FIRST_INDEX + index);
  const sample = Array.from({ length: 50 }, (_, i) => bundleOf(i).entry?.length ?? 0);
  return {
    scenario,
    resourcesPerRequest: sample.reduce((sum, n) => sum + n, 0) / sample.length,
    plan: (first: number, count: number): LoadPlan => ({
      kind: 'post',
      path: FHIR,
      contentType: FHIR_JSON,
      // A bundle is far larger than a create and far slower to import: a tenth as many are made.
      bodies: Array.from({ length: Math.ceil(count / 10) }, (_, i) => JSON.stringify(bundleOf(first + i))),
    }),
  };
}

/**
 * What the server answers to the plan's first request: the JSON the bare route will answer, or why
 * it refused (a body the endpoint does not take is reported, not loaded).
 */
async function sampleAnswer(
  url: string,
  token: string,
  plan: LoadPlan,
): Promise<{ status: number; body: string } | { refused: string }> {
  const request =
    plan.kind === 'get'
      ? { path: plan.paths[0] ?? '/', init: {} }
      : { path: plan.path, init: { method: 'POST', body: plan.bodies[0] ?? '' } };
  const response = await fetch(`${url}${request.path}`, {
    ...request.init,
    headers: { authorization: `Bearer ${token}`, 'content-type': FHIR_JSON },
  });
  const body = await response.text();
  if (!response.ok) return { refused: `refused: ${response.status} ${body.slice(0, 300)}` };
  return { status: response.status, body };
}

/**
 * A Fastify server with nothing but catch-all routes answering a fixed FHIR JSON (POST bodies are
 * parsed, as the real routes do): what serving that JSON costs, with no authentication, access
 * check, audit, validation or database.
 */
async function bareServer() {
  let answer = { status: 200, body: '{}' };
  const app: FastifyInstance = Fastify();
  app.addContentTypeParser(FHIR_JSON.split(';')[0] ?? '', { parseAs: 'string' }, (_request, body, done) => {
    done(null, JSON.parse(String(body)));
  });
  const send = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.code(answer.status).type(FHIR_JSON).send(answer.body);
  app.get('/*', send);
  app.post('/*', send);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answer(next: { status: number; body: string }) {
      answer = next;
    },
    close: () => app.close(),
  };
}
