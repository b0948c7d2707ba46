import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  composeNotificationEmail,
  LISTED_TITLES,
  type NotificationEmailInput,
} from './notification-email.ts';

const base: NotificationEmailInput = {
  to: 'dr@example.org',
  locale: 'fr',
  detailLevel: 'minimal',
  items: [
    { title: 'Nouvelle tâche : rappeler le patient', urgency: 'urgent' },
    { title: 'Réponse à votre adressage', urgency: 'normal' },
    { title: 'Admission d’un patient suivi', urgency: 'normal' },
  ],
  inboxUrl: 'https://relais.example/notifications',
  settingsUrl: 'https://relais.example/notifications/settings',
};

test('minimal (the default): only how many items wait, with the link; no title', () => {
  const email = composeNotificationEmail(base);
  assert.equal(email.to, 'dr@example.org');
  assert.equal(email.subject, 'Relais : 3 nouveaux éléments');
  assert.match(email.text, /^Vous avez 3 nouveaux éléments dans Relais\.$/m);
  assert.match(email.text, /^https:\/\/relais\.example\/notifications$/m);
  assert.match(email.text, /^https:\/\/relais\.example\/notifications\/settings$/m);
  for (const item of base.items) assert.ok(!email.text.includes(item.title), `no "${item.title}"`);
  assert.ok(!email.text.includes('urgent'), 'not even the urgency');
});

test('one item is singular; English for an English-speaking account', () => {
  const one = composeNotificationEmail({ ...base, items: base.items.slice(0, 1) });
  assert.equal(one.subject, 'Relais : 1 nouvel élément');
  assert.match(one.text, /Vous avez 1 nouvel élément dans Relais\./);
  const english = composeNotificationEmail({ ...base, locale: 'en' });
  assert.equal(english.subject, 'Relais: 3 new items');
  assert.match(english.text, /You have 3 new items in Relais\./);
  assert.match(english.text, /deliberately holds no information about your patients/);
});

test('titles: lists the in-app titles, urgent ones marked, at most twenty', () => {
  const email = composeNotificationEmail({ ...base, detailLevel: 'titles' });
  assert.match(email.text, /^- Nouvelle tâche : rappeler le patient \(urgent\)$/m);
  assert.match(email.text, /^- Réponse à votre adressage$/m);
  const many = composeNotificationEmail({
    ...base,
    detailLevel: 'titles',
    items: Array.from({ length: LISTED_TITLES + 3 }, (_, n) => ({
      title: `Élément ${n}`,
      urgency: 'normal' as const,
    })),
  });
  assert.equal(many.text.match(/^- /gm)?.length, LISTED_TITLES);
  assert.match(many.text, /… et 3 autres/);
});
