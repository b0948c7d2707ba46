import type { AuditEvent } from '@medplum/fhirtypes';
import type { AuditEntry } from '../../domain/audit/audit-entry.ts';
import type { AuditLogFilter } from '../../domain/audit/audit-log-filter.ts';
import { isUuid } from '../../domain/shared/new-id.ts';
import { badRequest } from '../fhir-error.ts';
import { auditActionsOf } from '../mappers/audit-event-mapper.ts';
import { singleValue } from '../search/list-search.ts';
import { parseReference } from '../search/search-references.ts';
import type { SearchParamDefinition, SearchRequest } from '../search/search-request.ts';
import { parseDateBounds, parseToken } from '../search/search-values.ts';

export const AUDIT_EVENT_SEARCH_PARAMS: readonly SearchParamDefinition[] = [
  { name: 'patient', type: 'reference', documentation: 'the patient whose data was touched (Patient/<id>)' },
  {
    name: 'agent',
    type: 'reference',
    documentation: 'the account that acted, by its id (the <id> of agent.who.identifier urn:uuid:<id>)',
  },
  {
    name: 'altid',
    type: 'token',
    documentation: 'the account that acted, by its log-in (agent.altId, case aside)',
  },
  {
    name: 'action',
    type: 'token',
    documentation:
      'R (a read or an export), E (a search, a log-in, a break-the-glass access), U (a write); C and D are never recorded',
  },
  {
    name: 'outcome',
    type: 'token',
    documentation: '0 (allowed) or 4 (refused); 8 and 12 are never recorded',
  },
  {
    name: 'date',
    type: 'date',
    documentation:
      'when the entry was recorded, with the prefixes eq, lt, le, gt, ge (repeat date= for a range); a date without a time is a UTC day',
  },
];

const ACTION_CODES: readonly NonNullable<AuditEvent['action']>[] = ['C', 'R', 'U', 'D', 'E'];
/** The R4 outcome codes and the trail's outcome each stands for (8 and 12: none, nothing broke). */
const OUTCOMES: ReadonlyMap<string, readonly AuditEntry['outcome'][]> = new Map([
  ['0', ['allowed']],
  ['4', ['denied']],
  ['8', []],
  ['12', []],
]);
const LOGIN_MAX = 200;

/**
 * The domain's audit-log filter from an AuditEvent search: one patient, one account (by id or
 * log-in), the actions and outcomes (any value of an occurrence, every occurrence), the time range
 * every `date` occurrence narrows. 400 naming the parameter for a value it cannot hold.
 */
export function auditLogFilterOf(request: SearchRequest): AuditLogFilter {
  const patient = singleValue(request, ['patient']);
  const agent = singleValue(request, ['agent']);
  const altid = singleValue(request, ['altid']);
  const patientId = patient === undefined ? null : parseReference('patient', patient, 'Patient');
  if (patientId !== null && !isUuid(patientId))
    throw badRequest(`'patient' must name a patient by its id (a UUID), got '${patient ?? ''}'`, 'patient');
  if (agent !== undefined && !isUuid(agent))
    throw badRequest(
      `'agent' must be an account id (a UUID, as agent.who.identifier gives it), got '${agent}'`,
      'agent',
    );
  const login = altid === undefined ? null : parseToken('altid', altid).code;
  if (login !== null && login.length > LOGIN_MAX)
    throw badRequest(`'altid' must be a log-in of at most ${LOGIN_MAX} characters`, 'altid');
  return {
    patientId: patientId?.toLowerCase() ?? null,
    accountId: agent?.toLowerCase() ?? null,
    // Log-ins are kept in lower case (the log-in itself is case-insensitive).
    login: login?.toLowerCase() ?? null,
    actions: tokenSet(request, 'action', (code) => {
      const known = ACTION_CODES.find((candidate) => candidate === code);
      return known === undefined ? undefined : auditActionsOf(known);
    }),
    outcomes: tokenSet(request, 'outcome', (code) => OUTCOMES.get(code)),
    ...timeRangeOf(request),
  };
}

/**
 * What the occurrences of a token parameter allow: any of an occurrence's values, and every occurrence
 * (so `action=R,E&action=R` is R). null when the parameter is absent; an empty list when nothing fits.
 */
function tokenSet<T extends string>(
  request: SearchRequest,
  name: string,
  read: (code: string) => readonly T[] | undefined,
): T[] | null {
  const sets = request.occurrences
    .filter((occurrence) => occurrence.name === name)
    .map(({ values }) =>
      values.flatMap((value) => {
        const { code } = parseToken(name, value);
        const found = read(code);
        if (found === undefined) throw badRequest(`'${name}' has no code '${code}' in AuditEvent`, name);
        return found;
      }),
    );
  const [first, ...others] = sets;
  if (first === undefined) return null;
  return [...new Set(first)].filter((item) => others.every((set) => set.includes(item)));
}

/** The instants every `date` occurrence allows: from the latest start to the earliest end. */
function timeRangeOf(request: SearchRequest): Pick<AuditLogFilter, 'from' | 'before'> {
  let from: Date | null = null;
  let before: Date | null = null;
  const later = (at: Date) => (from === null || at > from ? at : from);
  const earlier = (at: Date) => (before === null || at < before ? at : before);
  for (const { name, values } of request.occurrences.filter((occurrence) => occurrence.name === 'date')) {
    const [value] = values;
    if (value === undefined || values.length > 1)
      throw badRequest(`'${name}' takes one value at a time (repeat ${name}= for a range)`, name);
    for (const { comparator, value: bound } of parseDateBounds(name, value, true)) {
      const at = new Date(bound);
      // As the half-open range [from, before): an inclusive end or an exclusive start is 1 ms later.
      const justAfter = new Date(at.getTime() + 1);
      if (comparator !== 'lt' && comparator !== 'le') from = later(comparator === 'gt' ? justAfter : at);
      if (comparator !== 'ge' && comparator !== 'gt') before = earlier(comparator === 'lt' ? at : justAfter);
    }
  }
  return { from, before };
}
