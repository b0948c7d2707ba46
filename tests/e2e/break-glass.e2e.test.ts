import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Relais } from '../../src/app.ts';
import { createPatient, createPatientAccount, createProfessional } from '../support/factories.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { settleJournal } from '../support/test-relais.ts';

const REASON = 'Patiente inconsciente aux urgences, traitements inconnus';

describe('break-the-glass in a real browser', { skip: browserSkipReason() }, () => {
  let app: BrowserApp;
  let relais: Relais;
  let browser: Browser;
  let baseUrl: string;

  before(async () => {
    app = await startBrowserApp();
    ({ relais, browser, baseUrl } = app);
  });
  after(() => app.close());

  test('a professional outside the team is refused, breaks the glass with a reason and reads the record under a red banner', async () => {
    const gp = await createProfessional(relais);
    const coordinator = await createProfessional(relais, 'nurse');
    const emergencyDoctor = await createProfessional(relais);
    const patientId = await createPatient(relais, [gp.practitionerId], {
      identity: { birthFamilyName: 'Garance', firstGivenName: 'Maëlle' },
      entries: [
        { kind: 'care-team-member', practitionerId: coordinator.practitionerId, role: 'coordinator' },
      ],
    });
    const patient = await createPatientAccount(relais, patientId);

    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Europe/Paris',
    });
    await signIn(page, baseUrl, emergencyDoctor.login);
    await page.getByTestId('search-input').waitFor();
    await page.goto(`${baseUrl}/patients/${patientId}`);

    // Refused: the refusal in words, and the emergency way in.
    await page.getByTestId('break-glass-offer').waitFor();
    assert.match(await page.getByTestId('record-error').innerText(), /réservé à l’équipe de soins/);
    assert.equal(await page.getByTestId('patient-identity').count(), 0);
    await page.getByTestId('break-glass-start').click();
    // The duration comes with the emergency-access settings, read after the form opens.
    await page
      .getByTestId('break-glass-explanation')
      .filter({ hasText: /dure 4 heures/ })
      .waitFor();
    assert.match(
      await page.getByTestId('break-glass-explanation').innerText(),
      /dure 4 heures\. Il est tracé, et le patient comme le coordinateur de son équipe de soins en sont avertis/,
    );
    // Too short a reason cannot be sent.
    await page.getByTestId('break-glass-reason').fill('urgence');
    assert.equal(await page.getByTestId('break-glass-confirm').isDisabled(), true);
    await page.getByTestId('break-glass-reason').fill(REASON);
    await page.screenshot({ path: join(ARTIFACTS, 'break-glass-form.png'), fullPage: false });
    await page.getByTestId('break-glass-confirm').click();

    // The record opens under the red banner, until four hours from now in Paris.
    const banner = page.getByTestId('break-glass-banner');
    await banner.waitFor();
    assert.match(await page.locator('#patient-name').innerText(), /GARANCE Maëlle/);
    const until = await banner.getAttribute('data-until');
    assert.ok(until !== null);
    assert.ok(
      Math.abs(Date.parse(until) - (Date.now() + 4 * 3_600_000)) < 60_000,
      `ends in 4 hours: ${until}`,
    );
    // The time alone while it ends today in Paris; the date too when it ends after midnight.
    const inParis = (at: Date, options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('fr-FR', { ...options, timeZone: 'Europe/Paris' }).format(at);
    const endsToday =
      inParis(new Date(until), { dateStyle: 'short' }) === inParis(new Date(), { dateStyle: 'short' });
    const shown = inParis(
      new Date(until),
      endsToday ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' },
    );
    assert.equal(await banner.innerText(), `Accès d’urgence — jusqu’à ${shown} — tracé et notifié`);
    const color = await page.evaluate<string>(
      "getComputedStyle(document.querySelector('[data-testid=break-glass-banner]')).backgroundColor",
    );
    assert.equal(color, 'rgb(163, 38, 27)', 'the banner is red');
    await page
      .getByTestId('timeline')
      .locator('[data-type="access.break-glass"]')
      .getByText('Accès d’urgence au dossier (bris de glace)')
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'break-glass-record.png'), fullPage: false });
    // The care team is shown, not changed: no one outside it ends a membership or records a choice.
    await page.getByTestId('care-team-member').first().waitFor();
    await page.getByTestId('sharing-panel').waitFor();
    assert.equal(await page.getByTestId('end-membership').count(), 0);
    assert.equal(await page.getByTestId('new-sharing-choice').count(), 0);

    const [audit] = await relais.database.db
      .selectFrom('audit_entries')
      .select(['outcome', 'reason'])
      .where('patient_id', '=', patientId)
      .where('action', '=', 'break-glass')
      .execute();
    assert.deepEqual(audit, { outcome: 'allowed', reason: REASON });

    // When the access ends the page asks again and is refused: the offer comes back. (The grant is
    // shortened in the database to end in a few seconds rather than waiting four hours.)
    await relais.database.db
      .updateTable('break_glass_grants')
      .set({ expires_at: new Date(Date.now() + 3000) })
      .where('patient_id', '=', patientId)
      .execute();
    await page.reload();
    await page.getByTestId('break-glass-banner').waitFor();
    await page.getByTestId('break-glass-offer').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('break-glass-banner').count(), 0);
    assert.equal(await page.getByTestId('patient-identity').count(), 0);

    // The patient is notified, and finds the access on their portal in plain words.
    await settleJournal(relais);
    const portal = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(portal, baseUrl, patient.login);
    await portal.getByTestId('portal').waitFor();
    await portal.locator('[data-testid=notification-bell][data-unread-count="1"]').waitFor();
    const access = await portal.getByTestId('emergency-access').innerText();
    assert.match(access, new RegExp(`${emergencyDoctor.login} Testeur \\(MSP ${emergencyDoctor.login}\\)`));
    assert.match(
      access,
      /A ouvert votre dossier en urgence le .*, sans faire partie de votre équipe de soins/,
    );
    assert.match(access, /Cet accès a pris fin le /); // shortened above
    assert.match(access, new RegExp(`La raison donnée : « ${REASON} »`));
    await portal.screenshot({ path: join(ARTIFACTS, 'break-glass-portal.png'), fullPage: false });
    await portal.close();
    await page.close();
  });
});
