import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomainError } from '../shared/domain-error.ts';
import {
  checkSharingChoice,
  parseSharingChoice,
  type SharingChoiceInput,
  type SharingContext,
} from './sharing-choice.ts';

const NURSE = 'pr-nurse';
const GP = 'pr-gp';
const OUTSIDER = 'pr-outsider';
const HOSPITAL = 'org-hospital';

const context = (overrides: Partial<SharingContext> = {}): SharingContext => ({
  practitioners: new Map([
    [NURSE, { name: 'Inès Infirmière', organizationIds: ['org-msp'] }],
    [GP, { name: 'Gaël Généraliste', organizationIds: ['org-msp'] }],
    [OUTSIDER, { name: 'Oscar Cardiologue', organizationIds: ['org-service', HOSPITAL] }],
  ]),
  organizationName: null,
  careTeam: new Set([NURSE, GP]),
  inForce: [],
  ...overrides,
});

const refused = (code: DomainError['code'], pattern: RegExp) => (error: unknown) =>
  error instanceof DomainError && error.code === code && pattern.test(error.message);

describe('parsing a sharing choice', () => {
  test('keeps the fields of its kind and clears the others', () => {
    assert.deepEqual(parseSharingChoice({ kind: 'objection', organizationId: HOSPITAL }), {
      kind: 'objection',
      practitionerId: null,
      organizationId: HOSPITAL,
      category: null,
      allowedPractitionerIds: [],
    });
    assert.deepEqual(
      parseSharingChoice({ kind: 'restriction', category: 'addiction', allowedPractitionerIds: [GP] }),
      {
        kind: 'restriction',
        practitionerId: null,
        organizationId: null,
        category: 'addiction',
        allowedPractitionerIds: [GP],
      },
    );
  });

  const bad: [string, SharingChoiceInput, RegExp][] = [
    ['an objection naming nobody', { kind: 'objection' }, /either practitionerId or organizationId/],
    [
      'an objection naming both',
      { kind: 'objection', practitionerId: NURSE, organizationId: HOSPITAL },
      /either practitionerId or organizationId/,
    ],
    [
      'an objection with a category',
      { kind: 'objection', practitionerId: NURSE, category: 'mental-health' },
      /category does not apply to kind objection/,
    ],
    ['a consent to nobody', { kind: 'consent' }, /names the practitionerId/],
    [
      'a consent to an organisation',
      { kind: 'consent', practitionerId: NURSE, organizationId: HOSPITAL },
      /organizationId does not apply/,
    ],
    [
      'a restriction without its category',
      { kind: 'restriction', allowedPractitionerIds: [GP] },
      /names its category/,
    ],
    [
      'a restriction of an unknown category',
      { kind: 'restriction', category: 'cardio', allowedPractitionerIds: [GP] },
      /unknown category cardio/,
    ],
    ['a restriction naming nobody', { kind: 'restriction', category: 'addiction' }, /who may still see/],
    [
      'a restriction naming someone twice',
      { kind: 'restriction', category: 'addiction', allowedPractitionerIds: [GP, GP] },
      /twice/,
    ],
    [
      'a restriction with a practitioner',
      { kind: 'restriction', category: 'addiction', allowedPractitionerIds: [GP], practitionerId: NURSE },
      /practitionerId does not apply/,
    ],
  ];
  for (const [what, input, pattern] of bad) {
    test(`refuses ${what}`, () => {
      assert.throws(() => parseSharingChoice(input), refused('invalid-input', pattern));
    });
  }
});

describe('checking a sharing choice against the record', () => {
  const check = (input: SharingChoiceInput, ctx: SharingContext = context()) =>
    checkSharingChoice(parseSharingChoice(input), ctx);

  test('an objection names someone or an organisation the directory knows, once', () => {
    assert.deepEqual(check({ kind: 'objection', practitionerId: NURSE }), { replaces: null });
    assert.throws(
      () => check({ kind: 'objection', practitionerId: 'pr-unknown' }),
      refused('invalid-input', /no practitioner with id pr-unknown/),
    );
    assert.throws(
      () => check({ kind: 'objection', organizationId: HOSPITAL }),
      refused('invalid-input', /no organisation/),
    );
    assert.deepEqual(
      check({ kind: 'objection', organizationId: HOSPITAL }, context({ organizationName: 'CH' })),
      {
        replaces: null,
      },
    );
    const inForce = [
      { id: 'c1', kind: 'objection', practitionerId: NURSE, organizationId: null, category: null } as const,
    ];
    assert.throws(
      () => check({ kind: 'objection', practitionerId: NURSE }, context({ inForce })),
      refused('conflict', /already in force/),
    );
  });

  test('a consent is for someone outside the team the patient does not object to', () => {
    assert.deepEqual(check({ kind: 'consent', practitionerId: OUTSIDER }), { replaces: null });
    assert.throws(
      () => check({ kind: 'consent', practitionerId: NURSE }),
      refused('conflict', /in the care team.*no consent is needed/),
    );
    const againstHospital = [
      {
        id: 'c1',
        kind: 'objection',
        practitionerId: null,
        organizationId: HOSPITAL,
        category: null,
      } as const,
    ];
    assert.throws(
      () => check({ kind: 'consent', practitionerId: OUTSIDER }, context({ inForce: againstHospital })),
      refused('conflict', /withdraw the objection first/),
    );
    const given = [
      { id: 'c2', kind: 'consent', practitionerId: OUTSIDER, organizationId: null, category: null } as const,
    ];
    assert.throws(
      () => check({ kind: 'consent', practitionerId: OUTSIDER }, context({ inForce: given })),
      refused('conflict', /already in force/),
    );
  });

  test('a restriction names members of the team and replaces the category’s previous one', () => {
    const restriction = {
      kind: 'restriction',
      category: 'mental-health',
      allowedPractitionerIds: [GP],
    } as const;
    assert.deepEqual(check(restriction), { replaces: null });
    const previous = {
      id: 'r1',
      kind: 'restriction',
      practitionerId: null,
      organizationId: null,
      category: 'mental-health',
    } as const;
    const other = { ...previous, id: 'r2', category: 'addiction' } as const;
    assert.deepEqual(check(restriction, context({ inForce: [other, previous] })), { replaces: previous });
    assert.throws(
      () => check({ ...restriction, allowedPractitionerIds: [GP, OUTSIDER] }),
      refused('conflict', /pr-outsider is not in the care team/),
    );
  });
});
