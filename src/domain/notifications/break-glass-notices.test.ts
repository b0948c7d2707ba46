import assert from 'node:assert/strict';
import { test } from 'node:test';
import { breakGlassNotices, type BreakGlassAudience } from './break-glass-notices.ts';
import { BODY_MAX, validateNotificationRequest } from './notification.ts';

const PATIENT_ID = '22222222-2222-4222-8222-222222222222';
const COORDINATOR = '33333333-3333-4333-8333-333333333333';
const PATIENT_ACCOUNT = '44444444-4444-4444-8444-444444444444';

const audience: BreakGlassAudience = {
  grantId: '11111111-1111-4111-8111-111111111111',
  patientId: PATIENT_ID,
  holder: { name: 'Camille Urgentiste', organization: 'SAU CH Fictif' },
  reason: 'Patient inconscient aux urgences, traitements inconnus',
  grantedAt: new Date('2026-12-04T10:00:00Z'),
  expiresAt: new Date('2026-12-04T14:00:00Z'),
  coordinators: [{ accountId: COORDINATOR, locale: 'fr' }],
  patient: [{ accountId: PATIENT_ACCOUNT, locale: 'fr' }],
};

test('the coordinator learns who opened the record, when, until when and why, with a link to it', () => {
  const [toCoordinator] = breakGlassNotices({ id: 'e1' }, audience, 'Europe/Paris');
  assert.ok(toCoordinator);
  validateNotificationRequest(toCoordinator);
  assert.equal(toCoordinator.recipientAccountId, COORDINATOR);
  assert.equal(toCoordinator.kind, 'break-glass');
  assert.equal(toCoordinator.urgency, 'urgent');
  assert.equal(toCoordinator.link, `/patients/${PATIENT_ID}`);
  assert.equal(toCoordinator.idempotencyKey, 'break-glass-notice:e1');
  assert.match(toCoordinator.title, /Accès d’urgence .* — Camille Urgentiste \(SAU CH Fictif\)/);
  // Paris is one hour ahead of UTC in December.
  assert.equal(
    toCoordinator.body,
    'Camille Urgentiste (SAU CH Fictif) a ouvert le dossier en urgence le 4 décembre 2026 à 11:00, ' +
      'jusqu’au 4 décembre 2026 à 15:00. Motif donné : « Patient inconscient aux urgences, traitements inconnus ». ' +
      'L’accès est tracé : vérifiez qu’il était justifié.',
  );
});

test('the patient is told in plain words in their language, with a link to their portal', () => {
  const english = { ...audience, patient: [{ accountId: PATIENT_ACCOUNT, locale: 'en' as const }] };
  const toPatient = breakGlassNotices({ id: 'e1' }, english, 'Europe/Paris')[1];
  assert.ok(toPatient);
  validateNotificationRequest(toPatient);
  assert.equal(toPatient.recipientAccountId, PATIENT_ACCOUNT);
  assert.equal(toPatient.link, '/portal');
  assert.equal(toPatient.title, 'Emergency access to your record — Camille Urgentiste (SAU CH Fictif)');
  assert.match(
    toPatient.body,
    /who is not in your care team, opened your record in an emergency on 4 December 2026 at 11:00/,
  );
  assert.match(toPatient.body, /This access ends on 4 December 2026 at 15:00/);
  assert.match(toPatient.body, /The reason given: “Patient inconscient aux urgences, traitements inconnus”/);
});

test('a patient without a portal account, or a team without coordinator or GP, is simply not told', () => {
  assert.deepEqual(
    breakGlassNotices({ id: 'e1' }, { ...audience, patient: [], coordinators: [] }, 'Europe/Paris'),
    [],
  );
});

test('a reason of 1000 characters is cut so the notice stays within its limit, the rest intact', () => {
  const long = { ...audience, reason: 'r'.repeat(1000) };
  for (const notice of breakGlassNotices({ id: 'e1' }, long, 'Europe/Paris')) {
    validateNotificationRequest(notice);
    assert.equal(notice.body.length, BODY_MAX);
    assert.match(notice.body, /r…/);
    assert.match(notice.body, /médecin traitant\.$|justifié\.$/);
  }
});
