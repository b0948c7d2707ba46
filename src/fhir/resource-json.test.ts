import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
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

test('a resource serialised once is frozen, and a Bundle holding it reuses its text', () => {
  const kept = serializedOnce(patient('p1'));
  assert.ok(Object.isFrozen(kept) && Object.isFrozen(kept.name?.[0]?.given));
  assert.throws(() => kept.name?.[0]?.given?.push('Anne'), TypeError);
  assert.equal(resourceJson(kept), resourceJson(kept), 'sent alone, its kept bytes, not a copy');
  const bundle = bundleOf(kept, patient('p2'));
  const expected = JSON.stringify(bundle);
  const stringify = mock.method(JSON, 'stringify');
  try {
    assert.equal(resourceJson(bundle).toString(), expected);
    const keptWritten = stringify.mock.calls.filter((call) => call.arguments[0] === kept);
    assert.equal(keptWritten.length, 0, 'its text was made when it was kept');
  } finally {
    stringify.mock.restore();
  }
});
