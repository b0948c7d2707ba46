import type { Bundle, BundleLink, Resource } from '@medplum/fhirtypes';
import type { SearchRequest } from './search/search-request.ts';

/** The ETag of a versioned resource: weak, on its versionId. */
export function etagOf(resource: Resource): string | undefined {
  const versionId = resource.meta?.versionId;
  return versionId === undefined ? undefined : `W/"${versionId}"`;
}

/**
 * A searchset page with its links: `self` the page asked for, `next` and `previous` the pages around
 * it (offset paging, the query's own parameters kept), then the resources its `_include`s led to.
 */
export function searchsetBundle(
  baseUrl: string,
  type: string,
  query: URLSearchParams,
  request: SearchRequest,
  page: { total: number; resources: readonly Resource[] },
  included: readonly Resource[] = [],
): Bundle {
  const entry = (mode: 'match' | 'include') => (resource: Resource) => ({
    fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id ?? ''}`,
    resource,
    search: { mode },
  });
  const pageUrl = (offset: number) => {
    const params = new URLSearchParams(query);
    params.set('_count', String(request.count));
    params.set('_offset', String(offset));
    return `${baseUrl}/${type}?${params.toString()}`;
  };
  const link: BundleLink[] = [{ relation: 'self', url: pageUrl(request.offset) }];
  if (request.count > 0 && request.offset + request.count < page.total)
    link.push({ relation: 'next', url: pageUrl(request.offset + request.count) });
  if (request.offset > 0 && request.count > 0)
    link.push({ relation: 'previous', url: pageUrl(Math.max(0, request.offset - request.count)) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: page.total,
    link,
    entry: [...page.resources.map(entry('match')), ...included.map(entry('include'))],
  };
}

/** A resource's versions, newest first, as a history Bundle: version 1 was its create, the others updates. */
export function historyBundle(typeUrl: string, versions: readonly Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'history',
    total: versions.length,
    entry: versions.map((resource) => {
      const created = resource.meta?.versionId === '1';
      const type = resource.resourceType;
      const etag = etagOf(resource);
      return {
        fullUrl: `${typeUrl}/${resource.id ?? ''}`,
        resource,
        request: created
          ? { method: 'POST' as const, url: type }
          : { method: 'PUT' as const, url: `${type}/${resource.id ?? ''}` },
        response: {
          status: created ? '201 Created' : '200 OK',
          ...(resource.meta?.lastUpdated === undefined ? {} : { lastModified: resource.meta.lastUpdated }),
          ...(etag === undefined ? {} : { etag }),
        },
      };
    }),
  };
}
