import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Relais } from '../../src/app.ts';
import { accountIdOf, createPatient, createProfessional } from '../support/factories.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn as signInAt, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { notificationRequest } from '../support/notification-requests.ts';

describe('notifications in a real browser', { skip: browserSkipReason() }, () => {
  let relais: Relais;
  let browser: Browser;
  let baseUrl: string;
  let app: BrowserApp;

  before(async () => {
    app = await startBrowserApp();
    ({ relais, browser, baseUrl } = app);
  });
  after(() => app.close());

  async function signIn(page: Page, login: string) {
    await signInAt(page, baseUrl, login);
    await page.getByTestId('search-input').waitFor();
  }

  const unreadOf = (page: Page) => page.getByTestId('notification-bell').getAttribute('data-unread-count');

  // A selector, not a predicate function: the app's CSP forbids the eval that predicates need.
  async function waitForUnread(page: Page, count: number) {
    await page
      .locator(`[data-testid=notification-bell][data-unread-count="${count}"]`)
      .waitFor({ timeout: 10_000 });
  }

  test('the bell counts up live, without reload, when a notification is created for me', async () => {
    const gp = await createProfessional(relais);
    const accountId = await accountIdOf(relais, gp.token);
    const patientId = await createPatient(relais, [gp.practitionerId], {
      identity: { birthFamilyName: 'Garance', firstGivenName: 'Solène' },
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, gp.login);
    await waitForUnread(page, 0);
    assert.equal(await page.getByTestId('notification-count').count(), 0, 'no badge at zero');
    // A page reload would wipe this marker.
    await page.evaluate('window.__sameDocument = true');

    await relais.services.notifications.notify([
      notificationRequest(accountId, {
        title: 'Nouvelle tâche : rappeler le patient',
        patientId,
        link: `/patients/${patientId}`,
      }),
    ]);
    await waitForUnread(page, 1);
    assert.equal(await page.getByTestId('notification-count').innerText(), '1');

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-panel').waitFor();
    assert.equal(await page.getByTestId('notification-item').count(), 1);

    // With the panel open, a second one arrives at the top of the list and in the count.
    await relais.services.notifications.notify([
      notificationRequest(accountId, { title: 'Réponse à votre adressage', urgency: 'urgent' }),
    ]);
    await waitForUnread(page, 2);
    await page.getByTestId('notification-item').nth(1).waitFor();
    assert.match(
      await page.getByTestId('notification-item').first().innerText(),
      /Réponse à votre adressage/,
    );
    assert.match(await page.getByTestId('notification-item').first().innerText(), /Urgent/);
    assert.equal(await page.evaluate('window.__sameDocument'), true, 'the page was never reloaded');
    await page.screenshot({ path: join(ARTIFACTS, 'notifications-panel-fr.png') });

    // Opening one marks it read and follows its link to the record (through the access-checked route).
    await page.getByTestId('notification-item').nth(1).getByRole('button').first().click();
    await page.getByTestId('patient-identity').waitFor();
    assert.ok(page.url().endsWith(`/patients/${patientId}`));
    await waitForUnread(page, 1);

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-mark-all').click();
    await waitForUnread(page, 0);
    assert.equal(await page.getByTestId('notification-count').count(), 0);
    await page.close();
  });

  test('reading in one tab updates the count in another; the notifications page lists and marks', async () => {
    const gp = await createProfessional(relais);
    const accountId = await accountIdOf(relais, gp.token);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const first = await context.newPage();
    await signIn(first, gp.login);
    const second = await context.newPage();
    await second.goto(`${baseUrl}/notifications`);
    await second.getByTestId('notifications-page').waitFor();
    await second.getByTestId('notifications-empty').waitFor();

    await relais.services.notifications.notify([
      notificationRequest(accountId, { title: 'Admission d’un patient suivi' }),
    ]);
    await waitForUnread(first, 1);
    await waitForUnread(second, 1);
    await second.getByTestId('notification-item').waitFor();
    await second.getByTestId('notification-mark-read').click();
    await waitForUnread(first, 0);
    assert.equal(await second.getByTestId('notification-item').getAttribute('data-read'), 'true');
    assert.equal(await unreadOf(second), '0');
    await context.close();
  });

  test('e-mail preferences: saved from the settings page, in French and in English', async () => {
    const gp = await createProfessional(relais);
    const accountId = await accountIdOf(relais, gp.token);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, gp.login);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications-settings-link').click();
    await page.getByTestId('notification-settings-page').waitFor();
    await page.getByTestId('settings-email-disabled').waitFor(); // no SMTP in this test server
    assert.equal(await page.getByTestId('settings-mode-urgent-now-digest-rest').isChecked(), true);
    assert.equal(await page.getByTestId('settings-detail-minimal').isChecked(), true);

    await page.getByTestId('settings-email').fill('not an address');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-error').waitFor();

    await page.getByTestId('settings-email').fill('dr.garance@example.org');
    await page.getByTestId('settings-mode-digest-only').check();
    await page.getByTestId('settings-digest-hour').selectOption('18');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    assert.deepEqual(
      (({ emailAddress, emailMode, digestHour, detailLevel }) => ({
        emailAddress,
        emailMode,
        digestHour,
        detailLevel,
      }))(await relais.services.notifications.settingsOf(accountId)),
      {
        emailAddress: 'dr.garance@example.org',
        emailMode: 'digest-only',
        digestHour: 18,
        detailLevel: 'minimal',
      },
    );
    await page.screenshot({ path: join(ARTIFACTS, 'notification-settings-fr.png'), fullPage: true });

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'E-mail preferences' }).waitFor();
    assert.match(
      (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '',
      /^Notifications: none unread$/,
    );
    await page.reload();
    assert.equal(
      await page.getByTestId('settings-mode-digest-only').isChecked(),
      true,
      'read back after reload',
    );
    assert.equal(await page.getByTestId('settings-digest-hour').inputValue(), '18');
    await page.screenshot({ path: join(ARTIFACTS, 'notification-settings-en.png'), fullPage: true });
    await page.close();
  });
});
