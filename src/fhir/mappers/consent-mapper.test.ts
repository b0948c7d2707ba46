import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { NamedProfessional, SharingChoiceView } from '../../domain/sharing/sharing-ports.ts';
import { consentToFhir } from './consent-mapper.ts';
import { assertValidR4 } from './mapper-test-support.ts';

const PATIENT = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';

const psychiatrist: NamedProfessional = {
  id: '0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e',
  name: 'Dr Éric Le Goff',
  profession: 'physician',
  specialty: 'psychiatry',
  organization: null,
};

const objection: SharingChoiceView = {
  id: '1c2d3e4f-5a6b-4c7d-9e8f-9a0b1c2d3e4f',
  kind: 'objection',
  practitioner: null,
  organization: { id: '2d3e4f5a-6b7c-4d8e-8f9a-0b1c2d3e4f5a', name: 'Clinique des Ormeaux' },
  category: null,
  allowedPractitioners: [],
  onBehalf: false,
  recordedAt: '2026-10-12T14:03:00.000Z',
  recordedBy: { kind: 'patient', name: null },
  withdrawnAt: null,
  withdrawnBy: null,
};

describe('Consent mapper', () => {
  it('writes an objection to an organisation as an active opt-out denying it', () => {
    const consent = consentToFhir(PATIENT, objection);
    assertValidR4(consent);
    const { provision } = consent;
    assert.ok(provision);
    assert.equal(consent.status, 'active');
    assert.equal(consent.policyRule?.coding?.[0]?.code, 'OPTOUT');
    assert.deepEqual(consent.performer, [{ reference: `Patient/${PATIENT}` }]);
    assert.equal(provision.type, 'deny');
    assert.deepEqual(provision.actor?.[0]?.reference, {
      reference: 'Organization/2d3e4f5a-6b7c-4d8e-8f9a-0b1c2d3e4f5a',
    });
  });

  it('writes a restriction as a denial of the category with a permit for the named professionals', () => {
    const consent = consentToFhir(PATIENT, {
      ...objection,
      kind: 'restriction',
      organization: null,
      category: 'mental-health',
      allowedPractitioners: [psychiatrist],
      onBehalf: true,
      recordedBy: { kind: 'professional', name: 'Hélène Lefèvre' },
    });
    assertValidR4(consent);
    const { provision } = consent;
    assert.ok(provision);
    assert.equal(provision.type, 'deny');
    assert.equal(provision.securityLabel?.[0]?.code, 'PSY');
    const [permit] = provision.provision ?? [];
    assert.ok(permit);
    assert.equal(permit.type, 'permit');
    assert.deepEqual(permit.actor?.[0]?.reference, { reference: `Practitioner/${psychiatrist.id}` });
    assert.deepEqual(consent.performer, [{ display: 'Hélène Lefèvre' }]);
  });

  it('writes a withdrawn consent outside the team as an inactive read-only permit', () => {
    const consent = consentToFhir(PATIENT, {
      ...objection,
      kind: 'consent',
      organization: null,
      practitioner: psychiatrist,
      withdrawnAt: '2026-11-02T09:00:00.000Z',
      withdrawnBy: { kind: 'patient', name: null },
    });
    assertValidR4(consent);
    const { provision } = consent;
    assert.ok(provision);
    assert.equal(consent.status, 'inactive');
    assert.equal(consent.policyRule?.coding?.[0]?.code, 'OPTIN');
    assert.equal(provision.type, 'permit');
    assert.equal(provision.action?.[0]?.coding?.[0]?.code, 'access');
  });

  it('emits a valid R4 Consent for any choice', () => {
    const someone = fc.constant(psychiatrist);
    const choices: fc.Arbitrary<SharingChoiceView> = fc
      .record({
        kind: fc.constantFrom('objection', 'restriction', 'consent'),
        practitioner: fc.option(someone),
        category: fc.option(fc.constantFrom('mental-health', 'sexual-health', 'addiction')),
        allowedPractitioners: fc.array(someone, { maxLength: 3 }),
        withdrawn: fc.boolean(),
      })
      .map(({ withdrawn, ...fields }) => ({
        ...objection,
        ...fields,
        withdrawnAt: withdrawn ? '2026-11-02T09:00:00.000Z' : null,
      }));
    fc.assert(
      fc.property(choices, (choice) => assertValidR4(consentToFhir(PATIENT, choice))),
      { numRuns: 60 },
    );
  });
});
