import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateNotificationRequest } from './notification.ts';
import { stayNotices, type StayAudience } from './stay-notices.ts';

const audience: StayAudience = {
  stayId: '11111111-1111-4111-8111-111111111111',
  patientId: '22222222-2222-4222-8222-222222222222',
  facilityName: 'CHU Fictif',
  members: [
    { accountId: '33333333-3333-4333-8333-333333333333', locale: 'fr' },
    { accountId: '44444444-4444-4444-8444-444444444444', locale: 'en' },
  ],
};
const event = (type: string, payload: Record<string, string | null> = {}) => ({
  id: 'e1',
  type: type as 'stay.admitted',
  payload: { stayId: audience.stayId, unit: 'cardiologie', ...payload },
});

test('an admission tells every member of the care team in their language, linking to the stay', () => {
  const notices = stayNotices(event('stay.admitted'), audience);
  assert.deepEqual(
    notices.map((n) => n.title),
    [
      'Admission de votre patient en cardiologie — CHU Fictif',
      'Your patient was admitted to cardiologie — CHU Fictif',
    ],
  );
  for (const notice of notices) {
    validateNotificationRequest(notice);
    assert.equal(notice.kind, 'patient-admitted');
    assert.equal(notice.urgency, 'urgent');
    assert.equal(notice.link, `/patients/${audience.patientId}/stays/${audience.stayId}`);
    assert.equal(notice.idempotencyKey, 'stay-notice:e1');
  }
});

test('transfers, discharges and cancellations have their own words; an update says nothing', () => {
  assert.equal(
    stayNotices(event('stay.transferred', { fromUnit: 'urgences' }), audience)[0]?.title,
    'Votre patient a changé d’unité : urgences → cardiologie — CHU Fictif',
  );
  assert.equal(stayNotices(event('stay.discharged'), audience)[0]?.kind, 'patient-discharged');
  assert.match(stayNotices(event('stay.discharge-cancelled'), audience)[1]?.title ?? '', /still in hospital/);
  assert.deepEqual(stayNotices(event('stay.updated'), audience), []);
});
