import type { Encounter } from '@medplum/fhirtypes';
import type { RecordPartService } from '../../domain/record/record-part-service.ts';
import type { Stay } from '../../domain/stays/stay.ts';
import { encounterToFhir } from '../mappers/encounter-mapper.ts';
import { recordPartModule } from '../record-part-module.ts';
import type { ResourceModule } from '../resource-module.ts';
import {
  byCode,
  byCoding,
  byInstant,
  byPeriod,
  type PatientDataParam,
} from '../search/patient-data-search.ts';

const SEARCH_PARAMS: readonly PatientDataParam<Encounter>[] = [
  {
    name: 'status',
    type: 'token',
    documentation: 'in-progress (admitted), finished (discharged), cancelled',
    matches: byCode('http://hl7.org/fhir/ValueSet/encounter-status', (encounter) => encounter.status),
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
  return recordPartModule<Encounter>({
    type: 'Encounter',
    patientParams: ['patient', 'subject'],
    patientOf: (encounter) => encounter.subject,
    includes: [
      {
        param: 'service-provider',
        targets: ['Organization'],
        references: (encounter) => [encounter.serviceProvider],
      },
    ],
    params: SEARCH_PARAMS,
    read: async ({ principal, origin }, id) => encounterOf(await parts.stay(principal, id, origin)),
    list: async ({ principal, origin }, patientId) =>
      (await parts.stays(principal, patientId, origin)).map(encounterOf),
  });
}
