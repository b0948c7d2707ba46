import type { Encounter } from '@medplum/fhirtypes';
import type { RecordPartService } from '../../domain/record/record-part-service.ts';
import type { Stay } from '../../domain/stays/stay.ts';
import { encounterToFhir } from '../mappers/encounter-mapper.ts';
import type { ResourceModule } from '../resource-module.ts';
import {
  byCode,
  byCoding,
  byId,
  byInstant,
  byPeriod,
  patientOfSearch,
  patientParams,
  searchWithin,
  type PatientDataParam,
} from '../search/patient-data-search.ts';

const SEARCH_PARAMS: readonly PatientDataParam<Encounter>[] = [
  ...patientParams<Encounter>('Encounter', ['patient', 'subject']),
  { name: '_id', type: 'token', documentation: 'the logical id', matches: byId },
  {
    name: 'status',
    type: 'token',
    documentation: 'in-progress (admitted), finished (discharged), cancelled',
    matches: byCode((encounter) => encounter.status),
  },
  {
    name: 'class',
    type: 'token',
    documentation: 'IMP, AMB or EMER (v3 ActCode)',
    matches: byCoding((encounter) => [encounter.class]),
  },
  {
    name: 'identifier',
    type: 'token',
    documentation: "the hospital's visit number (no system: the value alone)",
    matches: byCoding((encounter) =>
      (encounter.identifier ?? []).map(({ system, value }) => ({
        ...(system === undefined ? {} : { system }),
        ...(value === undefined ? {} : { code: value }),
      })),
    ),
  },
  {
    name: 'date',
    type: 'date',
    documentation: 'the stay overlaps the date (lt: admitted before, gt: discharged after or still in)',
    matches: byPeriod((encounter) => encounter.period),
  },
  {
    name: '_lastUpdated',
    type: 'date',
    documentation: 'when the hospital last changed the stay',
    matches: byInstant((encounter) => encounter.meta?.lastUpdated),
  },
];

/** A stay as an Encounter, with when its last ADT message changed it. */
const encounterOf = (stay: Stay): Encounter => ({
  ...encounterToFhir(stay),
  meta: { lastUpdated: stay.updatedAt.toISOString() },
});

/**
 * Encounter: the hospital stays the ADT feed told (admission to discharge), read by id and searched by
 * patient through the patient gate; for professionals, as the record's stay pages.
 */
export function encounterModule(parts: RecordPartService): ResourceModule<Encounter> {
  return {
    type: 'Encounter',
    searchParams: SEARCH_PARAMS,
    sortable: [],
    async read({ principal, origin }, id) {
      return encounterOf(await parts.stay(principal, id, origin));
    },
    async search({ principal, origin }, request) {
      const stays = await parts.stays(principal, patientOfSearch(request, 'Encounter'), origin);
      return searchWithin(stays.map(encounterOf), request, SEARCH_PARAMS);
    },
  };
}
