import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_SETTINGS,
  emailPlanOf,
  stopsAllEmail,
  validateSettings,
  type EmailMode,
  type EmailPlan,
} from './email-preferences.ts';

test('the e-mail plan follows the mode and the urgency', () => {
  const withAddress = { ...DEFAULT_SETTINGS, emailAddress: 'dr@example.org' };
  const table: [EmailMode, EmailPlan, EmailPlan][] = [
    // mode, plan for an urgent notification, plan for a normal one
    ['off', 'none', 'none'],
    ['urgent-now-digest-rest', 'immediate', 'digest'],
    ['all-now', 'immediate', 'immediate'],
    ['digest-only', 'digest', 'digest'],
  ];
  for (const [emailMode, urgent, normal] of table) {
    const settings = { ...withAddress, emailMode };
    assert.equal(emailPlanOf(settings, 'urgent'), urgent, `${emailMode}, urgent`);
    assert.equal(emailPlanOf(settings, 'normal'), normal, `${emailMode}, normal`);
  }
});

test('without an address nothing goes by e-mail, whatever the mode; that is the default', () => {
  assert.equal(DEFAULT_SETTINGS.emailAddress, null);
  assert.equal(DEFAULT_SETTINGS.emailMode, 'urgent-now-digest-rest');
  assert.equal(DEFAULT_SETTINGS.detailLevel, 'minimal');
  assert.equal(emailPlanOf({ ...DEFAULT_SETTINGS, emailMode: 'all-now' }, 'urgent'), 'none');
  assert.equal(stopsAllEmail(DEFAULT_SETTINGS), true);
  assert.equal(stopsAllEmail({ ...DEFAULT_SETTINGS, emailAddress: 'dr@example.org' }), false);
  assert.equal(
    stopsAllEmail({ ...DEFAULT_SETTINGS, emailAddress: 'dr@example.org', emailMode: 'off' }),
    true,
  );
});

test('settings are trimmed, an empty address means none, and each bad field is named', () => {
  assert.equal(
    validateSettings({ ...DEFAULT_SETTINGS, emailAddress: '  dr@example.org ' }).emailAddress,
    'dr@example.org',
  );
  assert.equal(validateSettings({ ...DEFAULT_SETTINGS, emailAddress: '   ' }).emailAddress, null);
  assert.throws(
    () =>
      validateSettings({
        emailAddress: 'dr at example',
        emailMode: 'sometimes' as EmailMode,
        digestHour: 7.5,
        detailLevel: 'everything' as 'titles',
      }),
    (error: Error & { code?: string; details?: readonly string[] }) =>
      error.code === 'invalid-input' && error.details?.length === 4,
  );
  assert.throws(() => validateSettings({ ...DEFAULT_SETTINGS, digestHour: 24 }), /digestHour/);
});
