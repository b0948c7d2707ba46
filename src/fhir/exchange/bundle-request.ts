import type { Resource } from '@medplum/fhirtypes';
import { badRequest, FhirError, issue } from '../fhir-error.ts';

/** The most entries one Bundle may carry: beyond, the client splits it (413). */
export const MAX_BUNDLE_ENTRIES = 1000;

/** A transaction (all or nothing) or a batch (each entry on its own). */
export type BundleKind = 'transaction' | 'batch';

/** One entry to carry out: a create (POST Type) or an update (PUT Type/id), as the client asked it. */
export interface BundleEntryRequest {
  /** The entry's position in the Bundle, for the answer and for the errors. */
  readonly index: number;
  readonly method: 'POST' | 'PUT';
  readonly type: string;
  /** The id of an update. */
  readonly id: string | undefined;
  readonly resource: Resource;
  /** The entry's fullUrl; a create's `urn:uuid:` one is what later entries reference it by. */
  readonly fullUrl: string | undefined;
  readonly ifNoneExist: string | undefined;
  readonly ifMatch: string | undefined;
}

/** What a Bundle sent to the base URL asks: its kind and its entries, or a refusal of the whole. */
export interface BundleRequest {
  readonly kind: BundleKind;
  readonly entries: readonly (BundleEntryRequest | FhirError)[];
}

const TYPE_PATTERN = /^[A-Z][A-Za-z]{1,63}$/;
const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where an entry's element is, in the errors. */
export const entryPath = (index: number, element?: string) =>
  `Bundle.entry[${index}]${element === undefined ? '' : `.${element}`}`;

/**
 * Reads a Bundle posted to the base URL. The Bundle itself must be a transaction or a batch of at most
 * MAX_BUNDLE_ENTRIES entries (else FhirError 400 or 413); each entry is read on its own, so a batch can
 * answer each faulty one with its own refusal.
 */
export function readBundleRequest(body: unknown): BundleRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('the body must be a Bundle resource (a JSON object)');
  const bundle = body as Record<string, unknown>;
  if (bundle.resourceType !== 'Bundle')
    throw badRequest(
      `resourceType must be 'Bundle' at the base URL, got ${JSON.stringify(bundle.resourceType ?? null)}`,
      'resourceType',
    );
  if (bundle.type !== 'transaction' && bundle.type !== 'batch')
    throw badRequest(
      `Bundle.type must be 'transaction' or 'batch', got ${JSON.stringify(bundle.type ?? null)}`,
      'Bundle.type',
    );
  const entries = bundle.entry ?? [];
  if (!Array.isArray(entries)) throw badRequest('Bundle.entry must be an array', 'Bundle.entry');
  if (entries.length > MAX_BUNDLE_ENTRIES)
    throw new FhirError(413, [
      issue(
        'too-costly',
        `the Bundle has ${entries.length} entries: at most ${MAX_BUNDLE_ENTRIES} are taken in one Bundle, split it`,
        'Bundle.entry',
      ),
    ]);
  return {
    kind: bundle.type,
    entries: entries.map((entry: unknown, index) => {
      try {
        return readEntry(entry, index);
      } catch (error) {
        if (error instanceof FhirError) return error;
        throw error;
      }
    }),
  };
}

function readEntry(value: unknown, index: number): BundleEntryRequest {
  const entry = objectAt(value, entryPath(index));
  const request = objectAt(entry.request, entryPath(index, 'request'));
  const resource = objectAt(entry.resource, entryPath(index, 'resource')) as unknown as Resource;
  const method = request.method;
  if (method !== 'POST' && method !== 'PUT')
    throw new FhirError(400, [
      issue(
        'not-supported',
        `request.method ${JSON.stringify(method ?? null)} is not taken in a Bundle: only POST (create) and PUT (update)`,
        entryPath(index, 'request.method'),
      ),
    ]);
  const url = typeof request.url === 'string' ? request.url.split('?')[0] : undefined;
  const [type = '', id, ...rest] = (url ?? '').split('/');
  const wellFormed =
    TYPE_PATTERN.test(type) &&
    rest.length === 0 &&
    (method === 'POST' ? id === undefined : id !== undefined && ID_PATTERN.test(id));
  if (!wellFormed)
    throw badRequest(
      `request.url must be ${method === 'POST' ? "'Type'" : "'Type/id'"} for a ${method}, got ${JSON.stringify(request.url ?? null)}`,
      entryPath(index, 'request.url'),
    );
  const claimed: unknown =
    entry.resource === undefined ? undefined : (entry.resource as { resourceType?: unknown }).resourceType;
  if (claimed !== type)
    throw badRequest(
      `the resource is a ${typeof claimed === 'string' ? claimed : 'resource without resourceType'}, the request names ${type}`,
      entryPath(index, 'resource.resourceType'),
    );
  const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
  if (fullUrl?.startsWith('urn:') === true && !URN_UUID.test(fullUrl))
    throw badRequest(`fullUrl must be urn:uuid:<uuid>, got '${fullUrl}'`, entryPath(index, 'fullUrl'));
  return {
    index,
    method,
    type,
    id,
    resource,
    fullUrl,
    ifNoneExist: optionalText(request.ifNoneExist, entryPath(index, 'request.ifNoneExist')),
    ifMatch: optionalText(request.ifMatch, entryPath(index, 'request.ifMatch')),
  };
}

function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest(`${path} must be an object`, path);
  return value as Record<string, unknown>;
}

function optionalText(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${path} must be a string`, path);
  return value;
}

/** The `urn:uuid:` references a resource makes (in any element named `reference`). */
export function urnReferencesOf(resource: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null)
      for (const [key, child] of Object.entries(value)) {
        if (key === 'reference' && typeof child === 'string' && child.startsWith('urn:uuid:'))
          found.add(child);
        else walk(child);
      }
  };
  walk(resource);
  return found;
}

/** A copy of the resource with each `urn:uuid:` reference of `resolved` replaced by `Type/id`. */
export function withResolvedReferences<R extends Resource>(
  resource: R,
  resolved: ReadonlyMap<string, string>,
): R {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        key === 'reference' && typeof child === 'string' ? (resolved.get(child) ?? child) : rewrite(child),
      ]),
    );
  };
  return rewrite(resource) as R;
}

/**
 * The order in which a transaction carries out its entries (R4 3.1.0.11.2: creates, then updates), a
 * create coming after the creates it references by `urn:uuid:` so their ids are known when it is made.
 * Errors (FhirError 400): a reference to a `urn:uuid:` no create of the Bundle has, a fullUrl given
 * twice, creates that reference each other in a circle.
 */
export function transactionOrder(entries: readonly BundleEntryRequest[]): BundleEntryRequest[] {
  const creates = new Map<string, BundleEntryRequest>();
  for (const entry of entries) {
    if (entry.method !== 'POST' || entry.fullUrl === undefined) continue;
    if (creates.has(entry.fullUrl))
      throw badRequest(`fullUrl '${entry.fullUrl}' is given twice`, entryPath(entry.index, 'fullUrl'));
    creates.set(entry.fullUrl, entry);
  }
  const needs = new Map<BundleEntryRequest, BundleEntryRequest[]>();
  for (const entry of entries) {
    needs.set(
      entry,
      [...urnReferencesOf(entry.resource)].map((urn) => {
        const target = creates.get(urn);
        if (target === undefined)
          throw badRequest(
            `the resource references ${urn}, which no create (POST) of this Bundle has as its fullUrl`,
            entryPath(entry.index, 'resource'),
          );
        return target;
      }),
    );
  }
  const ordered: BundleEntryRequest[] = [];
  const state = new Map<BundleEntryRequest, 'visiting' | 'done'>();
  const visit = (entry: BundleEntryRequest): void => {
    if (state.get(entry) === 'done') return;
    if (state.get(entry) === 'visiting')
      throw badRequest(
        'creates of this Bundle reference each other in a circle: none can be made first',
        entryPath(entry.index, 'resource'),
      );
    state.set(entry, 'visiting');
    for (const needed of needs.get(entry) ?? []) visit(needed);
    state.set(entry, 'done');
    ordered.push(entry);
  };
  for (const entry of entries) if (entry.method === 'POST') visit(entry);
  for (const entry of entries) if (entry.method === 'PUT') visit(entry);
  return ordered;
}
