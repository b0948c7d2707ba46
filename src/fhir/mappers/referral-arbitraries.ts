/** Fictional referrals for the mappers' tests. */
import fc from 'fast-check';
import {
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  type Referral,
  type ReferralTarget,
} from '../../domain/referrals/referral.ts';

const uuid = fc.uuid({ version: 4 });
const instant = fc.date({ min: new Date('2024-01-01'), max: new Date('2026-12-01'), noInvalidDate: true });

export const cardiologyReferral: Referral = {
  id: 'e6f7a8b9-c0d1-4e2f-9a3b-4c5d6e7f8091',
  patientId: '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e',
  kind: 'referral',
  urgency: 'soon',
  status: 'reported',
  referrerPractitionerId: '4c5d6e7f-8091-4a2b-8c3d-4e5f6a7b8c9d',
  target: { kind: 'service', organizationId: '91a2b3c4-d5e6-4f7a-8b8c-9d0e1f2a3b4c' },
  performerPractitionerId: '6e7f8091-a2b3-4c4d-8e5f-6a7b8c9d0e1f',
  reason: 'Dyspnée d’effort croissante, NT-proBNP à 2 400 pg/mL',
  clinicalQuestion: 'Insuffisance cardiaque à fraction d’éjection altérée ? Adaptation du traitement ?',
  preferences: { place: null, teleconsultation: false, availability: 'le matin' },
  attachedResultIds: ['1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f'],
  attachedDocumentIds: [],
  requestedExams: [{ code: '33762-6', display: 'NT-proBNP', repeatReason: null }],
  liaisonLetter: { reasons: 'Dyspnée d’effort', treatments: ['Ramipril 5 mg'], allergies: [] },
  appointment: null,
  report: {
    text: 'FEVG 35 %, introduction d’un bêtabloquant.',
    documentId: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f',
    at: new Date('2026-11-25T15:00:00Z'),
  },
  heldFrom: null,
  declineReason: null,
  cancelReason: null,
  createdAt: new Date('2026-11-02T09:30:00Z'),
  updatedAt: new Date('2026-11-25T15:00:00Z'),
  closedAt: null,
  version: 6,
};

const targetArbitrary: fc.Arbitrary<ReferralTarget> = fc.oneof(
  uuid.map((practitionerId) => ({ kind: 'practitioner' as const, practitionerId })),
  uuid.map((organizationId) => ({ kind: 'service' as const, organizationId })),
  fc
    .constantFrom('cardiology', 'endocrinology', 'ophthalmology')
    .map((specialty) => ({ kind: 'specialty' as const, specialty })),
);

export const referralArbitrary: fc.Arbitrary<Referral> = fc
  .record({
    kind: fc.constantFrom(...REFERRAL_KINDS),
    urgency: fc.constantFrom(...REFERRAL_URGENCIES),
    status: fc.constantFrom(...REFERRAL_STATUSES),
    target: targetArbitrary,
    performerPractitionerId: fc.option(uuid),
    attachedResultIds: fc.array(uuid, { maxLength: 3 }),
    attachedDocumentIds: fc.array(uuid, { maxLength: 3 }),
    requestedExams: fc.array(fc.constantFrom({ code: '4548-4', display: 'HbA1c', repeatReason: null }), {
      maxLength: 2,
    }),
    report: fc.option(
      fc.record({ text: fc.option(fc.constant('Examen normal.')), documentId: fc.option(uuid), at: instant }),
    ),
    declineReason: fc.option(fc.constant('Hors de notre champ')),
    createdAt: instant,
    updatedAfterMs: fc.integer({ min: 0, max: 90 * 24 * 3600 * 1000 }),
  })
  .map(({ updatedAfterMs, ...fields }) => ({
    ...cardiologyReferral,
    ...fields,
    updatedAt: new Date(fields.createdAt.getTime() + updatedAfterMs),
  }));
