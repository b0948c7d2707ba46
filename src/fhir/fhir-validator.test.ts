import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Patient } from '@medplum/fhirtypes';
import { validateFhirResource } from './fhir-validator.ts';

describe('validateFhirResource', () => {
  it('accepts a valid Patient', () => {
    const issues = validateFhirResource({
      resourceType: 'Patient',
      birthDate: '1970-01-01',
      name: [{ family: 'Fictif', given: ['Alix'] }],
    });
    assert.deepEqual(issues, []);
  });

  it('names the path of each problem: wrong type, bad format, unknown element', () => {
    const invalid: unknown = {
      resourceType: 'Patient',
      birthDate: '01/01/1970',
      name: [{ given: 'Alix' }],
      nickname: 'x',
    };
    const issues = validateFhirResource(invalid as Patient);
    const paths = issues.flatMap((issue) => issue.expression ?? []).sort();
    assert.deepEqual(paths, ['Patient.birthDate', 'Patient.name.given', 'Patient.nickname']);
  });

  it('refuses a resource type that R4 does not define', () => {
    const issues = validateFhirResource({ resourceType: 'Patientt' } as unknown as Patient);
    assert.ok(issues.length > 0);
  });
});
