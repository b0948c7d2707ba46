import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../shared/domain-error.ts';
import {
  DEFAULT_AUDIT_PAGE,
  describeAuditLogFilter,
  parseAuditLogFilter,
  parseAuditLogPage,
} from './audit-log-filter.ts';

const PARIS = 'Europe/Paris';
const PATIENT = '0b6f4c8e-2d1a-4f3b-9c5e-7a8b9c0d1e2f';

/** The problems an invalid query is refused with. */
function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.equal(error.code, 'invalid-input');
    return error.details;
  }
  assert.fail('the query was accepted');
}

test('no filter at all means every entry, first page of the default size', () => {
  const page = parseAuditLogPage({}, PARIS);
  assert.deepEqual(page, {
    filter: {
      patientId: null,
      accountId: null,
      login: null,
      actions: null,
      outcomes: null,
      from: null,
      before: null,
    },
    beforeSeq: null,
    limit: DEFAULT_AUDIT_PAGE,
  });
  assert.equal(describeAuditLogFilter(page.filter), 'no filter');
});

test('empty and blank values mean "any", as an untouched form sends them', () => {
  const filter = parseAuditLogFilter({ patientId: '', login: '  ', action: '', from: '' }, PARIS);
  assert.equal(filter.patientId, null);
  assert.equal(filter.login, null);
  assert.equal(filter.actions, null);
  assert.equal(filter.from, null);
});

test('every filter is read: ids and log-in in lower case, known action and outcome', () => {
  const filter = parseAuditLogFilter(
    {
      patientId: PATIENT.toUpperCase(),
      accountId: PATIENT,
      login: ' Dr.Martin ',
      action: 'break-glass',
      outcome: 'denied',
    },
    PARIS,
  );
  assert.equal(filter.patientId, PATIENT);
  assert.equal(filter.accountId, PATIENT);
  assert.equal(filter.login, 'dr.martin');
  assert.deepEqual(filter.actions, ['break-glass']);
  assert.deepEqual(filter.outcomes, ['denied']);
  assert.equal(
    describeAuditLogFilter(filter),
    `patientId=${PATIENT}, accountId=${PATIENT}, login=dr.martin, action=break-glass, outcome=denied`,
  );
});

test('a date is a whole day on the territory’s clocks: from its midnight to the next one', () => {
  // Paris is UTC+1 in winter, UTC+2 in summer.
  const winter = parseAuditLogFilter({ from: '2025-01-15', to: '2025-01-15' }, PARIS);
  assert.equal(winter.from?.toISOString(), '2025-01-14T23:00:00.000Z');
  assert.equal(winter.before?.toISOString(), '2025-01-15T23:00:00.000Z');
  // The night of the change to summer time has 23 hours; the last day of a month runs into the next.
  const spring = parseAuditLogFilter({ from: '2025-03-30', to: '2025-03-31' }, PARIS);
  assert.equal(spring.from?.toISOString(), '2025-03-29T23:00:00.000Z');
  assert.equal(spring.before?.toISOString(), '2025-03-31T22:00:00.000Z');
  const yearEnd = parseAuditLogFilter({ to: '2025-12-31' }, 'UTC');
  assert.equal(yearEnd.before?.toISOString(), '2026-01-01T00:00:00.000Z');
});

test('an instant with its offset is taken as given, `to` excluded', () => {
  const filter = parseAuditLogFilter({ from: '2025-03-14T09:30:00+01:00', to: '2025-03-14T10:00Z' }, PARIS);
  assert.equal(filter.from?.toISOString(), '2025-03-14T08:30:00.000Z');
  assert.equal(filter.before?.toISOString(), '2025-03-14T10:00:00.000Z');
  assert.match(
    describeAuditLogFilter(filter),
    /from=2025-03-14T08:30:00.000Z, before=2025-03-14T10:00:00.000Z/,
  );
});

test('bad dates are refused, each named: not a date, no such day, no offset, wrong order', () => {
  assert.deepEqual(
    problemsOf(() => parseAuditLogFilter({ from: 'yesterday' }, PARIS)),
    ['from must be a date (YYYY-MM-DD) or a date and time with its offset (e.g. 2025-03-14T09:30:00+01:00)'],
  );
  for (const bad of [
    '2025-02-30',
    '2025-13-01',
    '14/03/2025',
    '2025-03-14T09:30:00',
    '2025-03-14T25:00Z',
    '1969-12-31',
  ])
    assert.equal(problemsOf(() => parseAuditLogFilter({ to: bad }, PARIS)).length, 1, bad);
  assert.deepEqual(
    problemsOf(() => parseAuditLogFilter({ from: '2025-03-15', to: '2025-03-14' }, PARIS)),
    ['from must be before to'],
  );
  // The same day as from and to is one day, not an empty period.
  assert.doesNotThrow(() => parseAuditLogFilter({ from: '2025-03-14', to: '2025-03-14' }, PARIS));
});

test('every problem is reported at once', () => {
  const problems = problemsOf(() =>
    parseAuditLogPage(
      {
        patientId: 'not-a-uuid',
        accountId: '42',
        action: 'delete',
        outcome: 'maybe',
        login: 'x'.repeat(201),
        from: 'soon',
        cursor: 'abc',
        limit: '0',
      },
      PARIS,
    ),
  );
  assert.deepEqual(problems, [
    'patientId must be a UUID',
    'accountId must be a UUID',
    'login must be at most 200 characters',
    'action must be one of read, search, write, export, login, break-glass',
    'outcome must be one of allowed, denied',
    'from must be a date (YYYY-MM-DD) or a date and time with its offset (e.g. 2025-03-14T09:30:00+01:00)',
    'cursor is not one this API returned',
    'limit must be a whole number from 1 to 200',
  ]);
});

test('the page: a cursor is a sequence number, the limit 1 to 200', () => {
  assert.deepEqual(
    { ...parseAuditLogPage({ cursor: '12345', limit: '200' }, PARIS), filter: null },
    { filter: null, beforeSeq: '12345', limit: 200 },
  );
  for (const limit of ['201', '-1', '1.5', '1e2', 'ten'])
    assert.deepEqual(
      problemsOf(() => parseAuditLogPage({ limit }, PARIS)),
      ['limit must be a whole number from 1 to 200'],
    );
  for (const cursor of ['0', '-5', '0012', '1'.repeat(19)])
    assert.deepEqual(
      problemsOf(() => parseAuditLogPage({ cursor }, PARIS)),
      ['cursor is not one this API returned'],
    );
});

test('several actions or outcomes (as FHIR asks) are described as a list, an empty one as none', () => {
  const filter = { ...parseAuditLogFilter({}, PARIS), actions: ['read', 'export'] as const, outcomes: [] };
  assert.equal(describeAuditLogFilter(filter), 'action=read,export, outcome=none');
});
