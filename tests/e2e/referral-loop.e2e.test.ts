import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Relais } from '../../src/app.ts';
import { DEMO_PASSWORD, seedDemoTerritory, type DemoTerritory } from '../../src/demo/seed-territory.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { bearer } from '../support/factories.ts';

/** The demo cast of the loop: a GP, one of their patients with a portal account and results, a cardiologist. */
interface Cast {
  readonly gpLogin: string;
  readonly patientLogin: string;
  readonly patientId: string;
  readonly patientFamilyName: string;
  readonly resultDisplay: string;
  readonly cardiologistLogin: string;
  readonly cardiologyServiceId: string;
}

async function logInDemo(relais: Relais, login: string): Promise<string> {
  const response = await relais.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login, password: DEMO_PASSWORD },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ token: string }>().token;
}

/** Picks the cast from the seeded territory, through the API as the people themselves would see it. */
async function castOf(relais: Relais, territory: DemoTerritory): Promise<Cast> {
  const { practitioners, professionalLogins } = territory.directory;
  const loginOf = (practitionerId: string): string | undefined =>
    professionalLogins.find((p) => p.practitionerId === practitionerId)?.login;
  const cardiologist = practitioners.find((p) => p.specialty === 'cardiology' && p.organizationId !== null);
  assert.ok(cardiologist?.organizationId, 'the demo has a cardiologist in the cardiology service');
  for (const [index, patient] of territory.patients.entries()) {
    const patientId = territory.patientIds[index];
    if (patientId === undefined) continue;
    const portal = await relais.http.inject({
      url: '/api/portal/me',
      headers: bearer(await logInDemo(relais, patient.login)),
    });
    const gp = portal
      .json<{ careTeam: { role: string; practitionerId: string }[] }>()
      .careTeam.find((member) => member.role === 'medecin_traitant');
    const gpLogin = gp === undefined ? undefined : loginOf(gp.practitionerId);
    if (gpLogin === undefined) continue;
    const gpToken = await logInDemo(relais, gpLogin);
    // The form proposes the draft's recent results: the patient needs one to attach.
    const draft = await relais.http.inject({
      url: `/api/patients/${patientId}/referral-draft`,
      headers: bearer(gpToken),
    });
    assert.equal(draft.statusCode, 200, draft.body);
    const result = draft.json<{ recentResults: { display: string }[] }>().recentResults[0];
    if (result === undefined) continue;
    const record = await relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(gpToken) });
    const { identity } = record.json<{
      identity: { usedFamilyName: string | null; birthFamilyName: string };
    }>();
    return {
      gpLogin,
      patientLogin: patient.login,
      patientId,
      patientFamilyName: identity.usedFamilyName ?? identity.birthFamilyName,
      resultDisplay: result.display,
      cardiologistLogin: loginOf(cardiologist.id) ?? '',
      cardiologyServiceId: cardiologist.organizationId,
    };
  }
  throw new Error('no demo patient with a portal account, a GP and results');
}

/** Waits until the referral page shows this status (the badge's stable data attribute). */
async function statusIs(page: Page, status: string): Promise<void> {
  await page
    .locator(`[data-testid=referral-head] [data-testid=referral-status][data-status=${status}]`)
    .waitFor();
}

describe('a closed referral loop in real browsers', { skip: browserSkipReason() }, () => {
  let app: BrowserApp;
  let cast: Cast;
  before(async () => {
    app = await startBrowserApp();
    const territory = await seedDemoTerritory(app.relais.services, { patients: 10, now: new Date() });
    cast = await castOf(app.relais, territory);
  });
  after(() => app.close());

  test('a GP refers a patient to cardiology with a result; the service accepts, schedules, sees and reports; the GP acknowledges; the patient follows it all', async () => {
    const reason = 'Dyspnée d’effort depuis 3 mois, souffle systolique nouveau';
    const question = 'Une échocardiographie est-elle indiquée ? Faut-il adapter le traitement ?';
    const report =
      'Échographie : rétrécissement aortique modéré. Contrôle dans un an, pas de changement de traitement.';

    // The GP writes the referral from the patient's record.
    const gpContext = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const gp = await gpContext.newPage();
    await signIn(gp, app.baseUrl, cast.gpLogin, DEMO_PASSWORD);
    await gp.getByTestId('search-input').waitFor();
    await gp.goto(`${app.baseUrl}/patients/${cast.patientId}`);
    await gp.getByTestId('patient-referrals-empty').waitFor();
    await gp.getByTestId('new-referral-open').click();
    await gp.getByTestId('referral-form').waitFor();
    await gp.getByTestId('referral-submit').click();
    await gp.getByTestId('referral-form-incomplete').waitFor();
    await gp.getByTestId('referral-target-choice').selectOption(cast.cardiologyServiceId);
    await gp.getByTestId('referral-urgency-choice').selectOption('soon');
    await gp.getByTestId('referral-reason').fill(reason);
    await gp.getByTestId('referral-question').fill(question);
    await gp
      .getByTestId('referral-results-item')
      .filter({ hasText: cast.resultDisplay })
      .first()
      .getByRole('checkbox')
      .check();
    await gp.getByTestId('liaison-letter').waitFor();
    assert.match(await gp.getByTestId('liaison-letter').innerText(), /R1112-1-1/);
    await gp.screenshot({ path: join(ARTIFACTS, 'referral-form.png'), fullPage: true });
    await gp.getByTestId('referral-submit').click();
    await statusIs(gp, 'requested');
    assert.match(await gp.getByTestId('referral-request').innerText(), /Dyspnée d’effort/);
    assert.match(
      await gp.getByTestId('referral-attached-results').innerText(),
      new RegExp(cast.resultDisplay),
    );
    assert.match(await gp.getByTestId('referral-deadline').innerText(), /En attente depuis aujourd’hui/);

    // A cardiologist of the service finds it in the inbox and takes it through the visit to the report.
    const specialistContext = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const specialist = await specialistContext.newPage();
    await signIn(specialist, app.baseUrl, cast.cardiologistLogin, DEMO_PASSWORD);
    await specialist.getByTestId('search-input').waitFor();
    await specialist.getByTestId('referral-inbox-badge').waitFor();
    await specialist.getByTestId('nav-referrals/inbox').click();
    const row = specialist.getByTestId('referral-row').filter({ hasText: reason });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(cast.patientFamilyName, 'i'));
    assert.match(await row.innerText(), /Rapide/);
    await specialist.screenshot({ path: join(ARTIFACTS, 'referral-inbox.png'), fullPage: true });
    await row.getByTestId('referral-open').click();
    await statusIs(specialist, 'requested');
    assert.match(
      await specialist.getByTestId('referral-attached-results').innerText(),
      new RegExp(cast.resultDisplay),
    );
    assert.match(await specialist.getByTestId('liaison-letter').innerText(), /Lettre de liaison/);

    await specialist.getByTestId('referral-action-accept').click();
    await statusIs(specialist, 'accepted');
    await specialist.getByTestId('referral-action-schedule').click();
    await specialist.getByTestId('referral-schedule-at').fill(localDateTimeInDays(7, '09:30'));
    await specialist
      .getByTestId('referral-schedule-place')
      .fill('Consultations de cardiologie, bâtiment B, 2e étage');
    await specialist
      .getByTestId('referral-action-text')
      .fill('Venir à jeun n’est pas nécessaire. Apporter le dernier ECG.');
    await specialist.getByTestId('referral-action-confirm').click();
    await statusIs(specialist, 'scheduled');
    assert.match(await specialist.getByTestId('referral-outcome').innerText(), /bâtiment B/);
    await specialist.getByTestId('referral-action-mark-seen').click();
    await statusIs(specialist, 'seen');
    await specialist.getByTestId('referral-action-report').click();
    await specialist.getByTestId('referral-action-text').fill(report);
    await specialist.getByTestId('referral-action-confirm').click();
    await statusIs(specialist, 'reported');
    assert.match(
      await specialist.getByTestId('referral-report').innerText(),
      /rétrécissement aortique modéré/,
    );
    await specialist.screenshot({ path: join(ARTIFACTS, 'referral-page-reported.png'), fullPage: true });

    // The GP reads the report from the outbox and closes the loop.
    await gp.getByTestId('nav-referrals/inbox').click();
    await gp.getByTestId('referral-tab-outbox').click();
    const sent = gp.getByTestId('referral-row').filter({ hasText: reason });
    await sent.locator('[data-testid=referral-status][data-status=reported]').waitFor();
    await gp.screenshot({ path: join(ARTIFACTS, 'referral-outbox.png'), fullPage: true });
    await sent.getByTestId('referral-open').click();
    assert.match(await gp.getByTestId('referral-report').innerText(), /rétrécissement aortique modéré/);
    await gp.getByTestId('referral-action-acknowledge').click();
    await statusIs(gp, 'closed');
    await gp.getByTestId('referral-closed').waitFor();
    assert.equal(await gp.getByTestId('referral-actions').count(), 0);
    await gp.screenshot({ path: join(ARTIFACTS, 'referral-page-closed.png'), fullPage: true });
    await gp.getByTestId('referral-patient').click();
    await gp.getByTestId('patient-referrals').getByTestId('referral-row').waitFor();
    assert.match(await gp.getByTestId('timeline').innerText(), /Compte rendu lu : boucle fermée/);

    // The patient, on a phone, sees why, to whom, the appointment, the report returned and the loop closed.
    const patientContext = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
    const patient = await patientContext.newPage();
    await signIn(patient, app.baseUrl, cast.patientLogin, DEMO_PASSWORD);
    const card = patient.getByTestId('portal-referral').first();
    await card.waitFor();
    const story = await card.innerText();
    assert.match(story, /Votre médecin, .* vous adresse à .* pour : /);
    assert.match(story, /Dyspnée d’effort/);
    assert.match(story, /Consultations de cardiologie, bâtiment B/);
    assert.match(
      await card.getByTestId('portal-referral-next').innerText(),
      /a pris connaissance du compte rendu/,
    );
    await card.locator('summary').click();
    assert.match(await card.innerText(), /Rendez-vous fixé/);
    assert.match(await card.innerText(), /Compte rendu envoyé à votre médecin/);
    const overflow = await patient.evaluate<boolean>(
      'document.documentElement.scrollWidth > window.innerWidth',
    );
    assert.equal(overflow, false, 'the portal fits a phone screen');
    await patient.screenshot({ path: join(ARTIFACTS, 'referral-portal-mobile.png'), fullPage: true });
    await card.screenshot({ path: join(ARTIFACTS, 'referral-portal-card-mobile.png') });

    await Promise.all([gpContext.close(), specialistContext.close(), patientContext.close()]);
  });
});

/** A datetime-local value `days` from now at `time`, in the browser's (and this process's) time zone. */
function localDateTimeInDays(days: number, time: string): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${time}`;
}
