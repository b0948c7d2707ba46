import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requiredCodes } from './required-codes.ts';

test('the codes of a required status value set are those of its code system (R4 task-status)', () => {
  const codes = requiredCodes('http://hl7.org/fhir/ValueSet/task-status');
  assert.equal(codes.size, 12);
  for (const code of ['draft', 'requested', 'ready', 'in-progress', 'completed', 'entered-in-error'])
    assert.ok(codes.has(code), code);
  assert.ok(!codes.has('active'));
  assert.equal(requiredCodes('http://hl7.org/fhir/ValueSet/task-status'), codes, 'read once');
});

test('a value set that is not whole code systems, or no value set, is refused rather than half read', () => {
  assert.throws(
    () => requiredCodes('http://hl7.org/fhir/ValueSet/condition-code'),
    /does not include whole code systems/,
  );
  assert.throws(() => requiredCodes('http://hl7.org/fhir/task-status'), /no R4 value set/);
});
