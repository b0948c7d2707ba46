import type {
  Bundle,
  BundleEntry,
  BundleEntryResponse,
  OperationOutcomeIssue,
  Resource,
} from '@medplum/fhirtypes';
import { etagOf } from '../bundle.ts';
import { FhirError, issue } from '../fhir-error.ts';
import { outcomeOfError } from '../operation-outcome.ts';
import type { FhirCaller, ResourceModule } from '../resource-module.ts';
import {
  entryPath,
  readBundleRequest,
  transactionOrder,
  urnReferencesOf,
  withResolvedReferences,
  type BundleEntryRequest,
} from './bundle-request.ts';

/** Runs work whose writes commit together or not at all (the store's unit of work, ADR 0014). */
export type Atomically = <T>(work: () => Promise<T>) => Promise<T>;

/** What one entry did: its answer in the response Bundle, and the `Type/id` it stands for. */
interface EntryDone {
  readonly response: BundleEntryResponse;
  readonly resource: Resource;
  readonly reference: string;
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 200: '200 OK', 201: '201 Created' };

/**
 * Carries out a transaction or batch Bundle (R4 3.1.0.11) with the handlers of the registered modules:
 * each create or update goes through its module as if sent alone, so the same validation, access gate
 * and audit apply. A transaction runs in one unit of work: the first entry refused rolls everything
 * back and the answer is that entry's OperationOutcome, its issues located at `Bundle.entry[n]`.
 * A batch carries out each entry on its own and answers each.
 */
export function createBundleProcessor(modules: readonly ResourceModule[], atomically: Atomically) {
  const moduleOf = new Map<string, ResourceModule>(modules.map((module) => [module.type, module]));

  const carryOut = async (
    caller: FhirCaller,
    entry: BundleEntryRequest,
    resolved: ReadonlyMap<string, string>,
  ): Promise<EntryDone> => {
    const module = moduleOf.get(entry.type);
    const resource = withResolvedReferences(entry.resource, resolved);
    if (entry.method === 'POST') {
      if (module?.create === undefined) throw notServed(entry, 'created');
      const result = await module.create(caller, resource, entry.ifNoneExist);
      return done(entry.type, result.resource, result.created ? 201 : 200, result.created);
    }
    if (module?.update === undefined) throw notServed(entry, 'updated');
    const updated = await module.update(caller, entry.id ?? '', resource, entry.ifMatch);
    return done(entry.type, updated, 200, false);
  };

  const transaction = async (caller: FhirCaller, entries: readonly BundleEntryRequest[]): Promise<Bundle> => {
    const order = transactionOrder(entries);
    const answers = await atomically(async () => {
      const resolved = new Map<string, string>();
      const byIndex = new Map<number, EntryDone>();
      for (const entry of order) {
        const answer = await carryOut(caller, entry, resolved).catch((error: unknown) => {
          throw locatedAt(entry, error);
        });
        if (entry.fullUrl !== undefined) resolved.set(entry.fullUrl, answer.reference);
        byIndex.set(entry.index, answer);
      }
      return entries.map((entry) => byIndex.get(entry.index));
    });
    return {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: answers.map((answer) => (answer === undefined ? {} : entryOf(answer))),
    };
  };

  const batch = async (caller: FhirCaller, entries: readonly (BundleEntryRequest | FhirError)[]) => {
    const answered: BundleEntry[] = [];
    // One after the other: entries of a batch do not depend on each other, but their order is the client's.
    for (const entry of entries) {
      try {
        if (entry instanceof FhirError) throw entry;
        const urns = urnReferencesOf(entry.resource);
        if (urns.size > 0)
          throw new FhirError(400, [
            issue(
              'invalid',
              `a batch entry cannot reference another entry (${[...urns].join(', ')}): send a transaction`,
              entryPath(entry.index, 'resource'),
            ),
          ]);
        answered.push(entryOf(await carryOut(caller, entry, new Map())));
      } catch (error) {
        const refusal = outcomeOfError(error);
        if (refusal === undefined) throw error;
        answered.push({ response: { status: String(refusal.status), outcome: refusal.outcome } });
      }
    }
    return { resourceType: 'Bundle', type: 'batch-response', entry: answered } satisfies Bundle;
  };

  return {
    /**
     * The response Bundle of a transaction or a batch. Errors (FhirError, DomainError): the Bundle
     * itself refused; for a transaction, the first entry refused, its issues located in the Bundle.
     */
    async process(caller: FhirCaller, body: unknown): Promise<Bundle> {
      const request = readBundleRequest(body);
      if (request.kind === 'batch') return batch(caller, request.entries);
      const entries = request.entries.map((entry) => {
        if (entry instanceof FhirError) throw entry;
        return entry;
      });
      return transaction(caller, entries);
    },
  };
}

export type BundleProcessor = ReturnType<typeof createBundleProcessor>;

function done(type: string, resource: Resource, status: number, created: boolean): EntryDone {
  const id = resource.id ?? '';
  const version = resource.meta?.versionId;
  const etag = etagOf(resource);
  return {
    resource,
    reference: `${type}/${id}`,
    response: {
      status: STATUS_TEXT[status] ?? String(status),
      ...(created ? { location: `${type}/${id}${version === undefined ? '' : `/_history/${version}`}` } : {}),
      ...(etag === undefined ? {} : { etag }),
      ...(resource.meta?.lastUpdated === undefined ? {} : { lastModified: resource.meta.lastUpdated }),
    },
  };
}

function entryOf(answer: EntryDone): BundleEntry {
  return { fullUrl: answer.reference, resource: answer.resource, response: answer.response };
}

function notServed(entry: BundleEntryRequest, what: string): FhirError {
  return new FhirError(405, [
    issue(
      'not-supported',
      `${entry.type} resources are not ${what} by Relais`,
      entryPath(entry.index, 'request.url'),
    ),
  ]);
}

/**
 * The refusal of an entry, said of that entry: each issue names it in its diagnostics and its FHIRPath
 * starts at the entry's resource (`Patient.name` becomes `Bundle.entry[2].resource.name`).
 */
function locatedAt(entry: BundleEntryRequest, error: unknown): unknown {
  const refusal = outcomeOfError(error);
  if (refusal === undefined) return error;
  const where = `entry ${entry.index} (${entry.method} ${entry.type}${entry.id === undefined ? '' : `/${entry.id}`})`;
  const issues = refusal.outcome.issue.map((found): OperationOutcomeIssue => ({
    ...found,
    diagnostics: `${where}: ${found.diagnostics ?? found.details?.text ?? found.code}`,
    expression: (found.expression ?? [entryPath(entry.index)]).map((path) =>
      path.startsWith('Bundle.')
        ? path
        : path.replace(new RegExp(`^${entry.type}\\b`), entryPath(entry.index, 'resource')),
    ),
  }));
  return new FhirError(refusal.status, issues);
}
