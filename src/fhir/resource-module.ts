import type { Resource } from '@medplum/fhirtypes';
import type { RequestOrigin } from '../domain/access/patient-access-service.ts';
import type { Principal } from '../domain/access/principal.ts';
import type { IncludeDefinition } from './search/search-includes.ts';
import type { SearchParamDefinition, SearchRequest } from './search/search-request.ts';

/** The R4 interactions a module may serve (CapabilityStatement.rest.resource.interaction codes). */
export type Interaction = 'read' | 'vread' | 'search-type' | 'create' | 'update' | 'history-instance';

/** Who asks and from where: what every use case behind a FHIR interaction needs. */
export interface FhirCaller {
  readonly principal: Principal;
  readonly origin: RequestOrigin;
}

/** A page of search results: the total within the caller's reach and the resources of the page. */
export interface SearchResult<R extends Resource> {
  readonly total: number;
  readonly resources: readonly R[];
}

/** What a create answered: a new resource (201), or one that existed already (conditional create, 200). */
export interface CreateResult<R extends Resource> {
  readonly resource: R;
  readonly created: boolean;
}

/**
 * One served resource type: its search parameters and the handlers of its interactions. The server
 * registers a route for each handler present and the CapabilityStatement lists exactly these, so adding
 * a type is adding a module to the registry. Handlers answer resources carrying `meta.versionId` (the
 * ETag) when the type is versioned, and throw FhirError or DomainError to refuse.
 */
export interface ResourceModule<R extends Resource = Resource> {
  readonly type: R['resourceType'];
  readonly profiles?: readonly string[];
  /** What a client should know of the type here (markdown), e.g. a search that needs a patient. */
  readonly documentation?: string;
  readonly searchParams: readonly SearchParamDefinition[];
  /** The search parameters `_sort` accepts. */
  readonly sortable: readonly string[];
  /** The `_include`s its search serves (`Type:param`). */
  readonly includes?: readonly IncludeDefinition<R>[];
  readonly read?: (caller: FhirCaller, id: string) => Promise<R>;
  readonly vread?: (caller: FhirCaller, id: string, versionId: string) => Promise<R>;
  readonly history?: (caller: FhirCaller, id: string) => Promise<readonly R[]>;
  readonly search?: (caller: FhirCaller, request: SearchRequest) => Promise<SearchResult<R>>;
  /** `ifNoneExist`: the query of a conditional create (`identifier=system|value`). */
  readonly create?: (
    caller: FhirCaller,
    resource: R,
    ifNoneExist: string | undefined,
  ) => Promise<CreateResult<R>>;
  /** `ifMatch`: the version the client saw, from `If-Match: W/"n"`. */
  readonly update?: (caller: FhirCaller, id: string, resource: R, ifMatch: string | undefined) => Promise<R>;
}

/** The interactions a module serves, from the handlers it has. */
export function interactionsOf(module: ResourceModule): Interaction[] {
  const handlers: readonly [Interaction, unknown][] = [
    ['read', module.read],
    ['vread', module.vread],
    ['update', module.update],
    ['history-instance', module.history],
    ['create', module.create],
    ['search-type', module.search],
  ];
  return handlers.filter(([, handler]) => handler !== undefined).map(([interaction]) => interaction);
}
