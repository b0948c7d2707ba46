import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FhirError } from '../fhir-error.ts';
import { parseSearchRequest } from './search-request.ts';
import { parseDateBounds, parseToken } from './search-values.ts';

describe('search values', () => {
  test('a date is the range of its precision; each prefix bounds it', () => {
    assert.deepEqual(parseDateBounds('birthdate', '1980-05-12', false), [
      { comparator: 'ge', value: '1980-05-12' },
      { comparator: 'lt', value: '1980-05-13' },
    ]);
    assert.deepEqual(parseDateBounds('birthdate', 'le1980-12', false), [
      { comparator: 'lt', value: '1981-01-01' },
    ]);
    assert.deepEqual(parseDateBounds('birthdate', 'gt1980', false), [
      { comparator: 'ge', value: '1981-01-01' },
    ]);
    assert.deepEqual(parseDateBounds('birthdate', 'lt1980-02-29', false), [
      { comparator: 'lt', value: '1980-02-29' },
    ]);
    assert.deepEqual(parseDateBounds('_lastUpdated', 'ge2026-12-04T10:00:00+01:00', true), [
      { comparator: 'ge', value: '2026-12-04T09:00:00.000Z' },
    ]);
  });

  test('impossible dates, other prefixes and times on a date are refused with 400', () => {
    for (const [value, asInstant] of [
      ['1981-02-29', false],
      ['ne1980', false],
      ['1980-05-12T10:00:00Z', false],
      ['2026-12-04T10:00', true],
    ] as const) {
      assert.throws(
        () => parseDateBounds('d', value, asInstant),
        (error) => error instanceof FhirError && error.status === 400,
        value,
      );
    }
  });

  test('tokens: system|code, |code, code', () => {
    assert.deepEqual(parseToken('identifier', 'urn:oid:1|x'), { system: 'urn:oid:1', code: 'x' });
    assert.deepEqual(parseToken('identifier', '|x'), { system: null, code: 'x' });
    assert.deepEqual(parseToken('identifier', 'x'), { system: undefined, code: 'x' });
  });

  test('a search request: repeated parameters, comma alternatives, _count bounds, _sort', () => {
    const served = [{ name: 'name', type: 'string', documentation: '' }] as const;
    const request = parseSearchRequest(
      { name: ['a,b', 'c'], _count: '5', _offset: '10', _sort: '-name' },
      served,
      ['name'],
    );
    assert.deepEqual(request, {
      occurrences: [
        { name: 'name', values: ['a', 'b'] },
        { name: 'name', values: ['c'] },
      ],
      count: 5,
      offset: 10,
      sort: [{ name: 'name', descending: true }],
    });
    assert.equal(parseSearchRequest({}, served, []).count, 20);
    for (const query of [
      { _count: '-1' },
      { _count: 'ten' },
      { given: 'x' },
      { 'name:contains': 'x' },
      { name: 'a,' },
    ])
      assert.throws(() => parseSearchRequest(query, served, ['name']), FhirError, JSON.stringify(query));
  });
});
