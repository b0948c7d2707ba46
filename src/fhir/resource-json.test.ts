import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { resourceJson, serializedOnce } from './resource-json.ts';

const patient = (id: string): Patient => ({
  resourceType: 'Patient',
  id,
  meta: { versionId: '2', lastUpdated: '2026-12-01T10:00:00.000Z' },
  name: [{ family: 'Lefèvre', given: ['Hélène', 'Marie'] }],
  birthDate: '1980-05-12',
});

const bundleOf = (...patients: Patient[]): Bundle =>
  ({
    resourceType: 'Bundle',
    type: 'searchset',
    total: 42,
    link: [{ relation: 'self', url: 'http://relais.test/fhir/R4/Patient?name=lef&_count=2' }],
    entry: [
      ...patients.map((resource) => ({
        fullUrl: `http://relais.test/fhir/R4/Patient/${resource.id ?? ''}`,
        resource,
        search: { mode: 'match' as const },
      })),
      // Fields set to undefined, as a spread of optional fields leaves them.
      { fullUrl: 'urn:uuid:no-resource', response: { status: '404', outcome: undefined } },
      { fullUrl: undefined },
    ],
  }) as unknown as Bundle;

test('a Bundle is written as JSON.stringify writes it, fields in order, undefined ones left out', () => {
  const bundle = { ...bundleOf(patient('p1'), patient('p2')), id: undefined } as unknown as Bundle;
  assert.equal(resourceJson(bundle).toString(), JSON.stringify(bundle));
  assert.equal(resourceJson(patient('p3')).toString(), JSON.stringify(patient('p3')));
  assert.equal(
    resourceJson({ resourceType: 'Bundle', type: 'searchset', total: 0 }).toString(),
    JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 0 }),
  );
});

test('a resource serialised once is frozen, and a Bundle holding it reuses its bytes', () => {
  let birthDateReads = 0;
  // A field read through a getter: reading it again would mean the resource's JSON was made again.
  const counted = Object.defineProperty(patient('p1'), 'birthDate', {
    enumerable: true,
    get: () => {
      birthDateReads += 1;
      return '1980-05-12';
    },
  });
  const kept = serializedOnce(counted);
  assert.ok(Object.isFrozen(kept) && Object.isFrozen(kept.name?.[0]?.given));
  assert.throws(() => kept.name?.[0]?.given?.push('Anne'), TypeError);
  assert.equal(resourceJson(kept), resourceJson(kept), 'sent alone, its kept bytes, not a copy');
  const other = serializedOnce(patient('p3'));
  const inner = bundleOf(patient('p4'));
  const bundle = bundleOf(kept, patient('p2'), other, { ...inner, id: 'inner' } as unknown as Patient);
  const readsBefore = birthDateReads;
  const written = resourceJson(bundle).toString();
  assert.equal(birthDateReads, readsBefore, 'its JSON was made when it was kept');
  birthDateReads = 0;
  assert.equal(written, JSON.stringify(bundle), 'kept, fresh and nested resources, in order');
});
