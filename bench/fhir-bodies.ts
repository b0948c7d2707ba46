import type { Patient, Task } from '@medplum/fhirtypes';
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES } from '../src/demo/demo-catalog.ts';
import { computeInsKey, INS_OIDS } from '../src/domain/identity/ins.ts';
import { fhirPatient } from '../tests/support/fhir-patients.ts';

/**
 * The `index`-th Patient a bench create sends: an FR Core Patient with a qualified identity and a
 * test INS of its own (born in an unknown month of 1999 abroad, the order number from the index, so
 * no two creates and no seeded patient share one), naming the caller as médecin traitant.
 */
export function benchPatient(index: number, practitionerId: string): Patient {
  const nir13 = `2997799${String(index % 1_000_000).padStart(6, '0')}`;
  return fhirPatient(
    {
      name: [
        {
          use: 'official',
          family: FAMILY_NAMES[index % FAMILY_NAMES.length] ?? 'Martin',
          given: [FEMALE_GIVEN_NAMES[index % FEMALE_GIVEN_NAMES.length] ?? 'Marie'],
        },
      ],
      birthDate: '1999-01-01',
      generalPractitioner: [{ reference: `Practitioner/${practitionerId}` }],
    },
    { matricule: `${nir13}${computeInsKey(nir13)}`, oid: INS_OIDS['INS-NIR-TEST'] },
  );
}

/** A coordination task about one of the caller's patients, held by the caller. */
export function benchTask(index: number, patientId: string, practitionerId: string): Task {
  const practitioner = { reference: `Practitioner/${practitionerId}` };
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    description: `Rappeler le patient pour le bilan (${index})`,
    for: { reference: `Patient/${patientId}` },
    // The requester is the caller: Relais records who created the task, not what a body says.
    owner: practitioner,
  };
}
