import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import {
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
  fictionalIns,
} from '../support/factories.ts';

const DAY = 86_400_000;
/** The pathway calendar is Paris's: the browser reads dates there too. */
const TIME_ZONE = 'Europe/Paris';

/** The evidence consumer runs in the background: reload the page until the locator shows, or fail. */
async function reloadUntil(page: Page, locator: Locator, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await locator.count()) > 0) return;
    if (Date.now() > deadline)
      throw new Error(`still not shown after ${timeoutMs} ms: ${locator.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.reload();
    await page.getByTestId('patient-pathways').locator('[data-testid=pathway]').first().waitFor();
  }
}

/** Saves one section; the sticky header would hide its top in an element screenshot, so it scrolls away. */
async function screenshotSection(page: Page, testId: string, file: string): Promise<void> {
  // The CSP forbids a style tag; the CSSOM is allowed.
  await page.evaluate("document.querySelector('.app-header').style.position = 'static'");
  await page.getByTestId(testId).screenshot({ path: join(ARTIFACTS, file) });
}

describe('care pathways in the browser', { skip: browserSkipReason() }, () => {
  let app: BrowserApp;
  before(async () => {
    app = await startBrowserApp();
  });
  after(() => app.close());

  test('a GP enrols a diabetic patient, an HbA1c completes the step and schedules the next; a late step is a rupture in the coordinator’s worklist; the patient sees what to do next', async () => {
    const { relais, baseUrl } = app;
    const gp = await createProfessional(relais);
    const coordinator = await createProfessional(relais, 'nurse');
    const team = {
      entries: [
        {
          kind: 'care-team-member' as const,
          practitionerId: coordinator.practitionerId,
          role: 'coordinator' as const,
        },
      ],
    };
    const diabetic = await createPatient(relais, [gp.practitionerId], {
      ...team,
      identity: { birthFamilyName: 'Moreau', firstGivenName: 'Jeanne', givenNames: 'Jeanne' },
    });

    // The GP enrols the patient in the type 2 diabetes pathway from today.
    const gpPage = await app.browser.newPage({
      viewport: { width: 1280, height: 900 },
      timezoneId: TIME_ZONE,
    });
    await signIn(gpPage, baseUrl, gp.login);
    await gpPage.getByTestId('search-input').waitFor();
    await gpPage.goto(`${baseUrl}/patients/${diabetic}`);
    await gpPage.getByTestId('patient-pathways-empty').waitFor();
    await gpPage.getByTestId('pathway-enrol-open').click();
    await gpPage.getByTestId('pathway-enrol-template').selectOption('dt2-adulte-suivi');
    // A start date more than five years back is refused, and the form says why.
    const today = await gpPage.getByTestId('pathway-enrol-start').inputValue();
    await gpPage.getByTestId('pathway-enrol-start').fill('2015-01-05');
    await gpPage.getByTestId('pathway-enrol-submit').click();
    await gpPage.locator('[data-testid=pathway-enrol-error][data-problem-code=invalid-input]').waitFor();
    await gpPage.getByTestId('pathway-enrol-start').fill(today);
    await gpPage.getByTestId('pathway-enrol-submit').click();
    const hba1c = gpPage.locator('[data-testid=pathway-step][data-step-id=hba1c]');
    await hba1c.locator('[data-testid=pathway-occurrence][data-state=next]').waitFor();
    assert.equal(
      await gpPage
        .locator('[data-testid=pathway-step][data-step-id=gp-review] [data-testid=pathway-default-timing]')
        .count(),
      1,
      'a timing that no source sets is marked as Relais’s default',
    );

    // An HbA1c arrives: the step is done by that evidence, and the next one is scheduled.
    const result = await relais.http.inject({
      method: 'POST',
      url: `/api/patients/${diabetic}/results`,
      headers: bearer(gp.token),
      payload: {
        loincCode: '4548-4',
        display: 'HbA1c',
        valueNumeric: 7.2,
        valueText: null,
        unit: '%',
        referenceRange: null,
        interpretation: null,
        effectiveAt: new Date().toISOString(),
      },
    });
    assert.equal(result.statusCode, 201, result.body);
    await reloadUntil(gpPage, hba1c.locator('[data-testid=pathway-occurrence][data-state=done]'));
    assert.match(await hba1c.getByTestId('pathway-evidence').innerText(), /Résultat : HbA1c 7[.,]2/);
    const next = hba1c.locator('[data-testid=pathway-occurrence][data-state=next]');
    const nextDue = new Date(
      (await relais.http.inject({ url: `/api/patients/${diabetic}/pathways`, headers: bearer(gp.token) }))
        .json<{ items: { steps: { stepId: string; occurrences: { dueAt: string }[] }[] }[] }>()
        .items[0]!.steps.find((s) => s.stepId === 'hba1c')!.occurrences[1]!.dueAt,
    );
    assert.ok(nextDue.getTime() > Date.now() + 80 * DAY, 'about three months on');
    assert.ok(
      (await next.innerText()).includes(nextDue.toLocaleDateString('fr-FR', { timeZone: TIME_ZONE })),
      await next.innerText(),
    );
    await gpPage
      .locator('[data-testid=timeline-entry][data-type="pathway.step-completed"]')
      .filter({ hasText: 'HbA1c' })
      .waitFor();
    await screenshotSection(gpPage, 'patient-pathways', 'pathway-record.png');
    await screenshotSection(gpPage, 'timeline', 'pathway-timeline.png');

    // A second diabetic patient was enrolled eight months ago and nothing came: the due scan finds ruptures.
    const late = await createPatient(relais, [gp.practitionerId], {
      ...team,
      identity: {
        ins: fictionalIns('male'),
        birthFamilyName: 'Garnier',
        firstGivenName: 'Paul',
        givenNames: 'Paul',
        sex: 'male',
      },
    });
    const startOn = new Date(Date.now() - 240 * DAY).toISOString().slice(0, 10);
    const enrolled = await relais.http.inject({
      method: 'POST',
      url: `/api/patients/${late}/pathways`,
      headers: bearer(gp.token),
      payload: { templateId: 'dt2-adulte-suivi', startOn },
    });
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    await relais.jobs.pathwayDueScan!.runOnce();

    // The coordinator sees the ruptures in the pathway worklist, with who must act.
    const coordinatorPage = await app.browser.newPage({
      viewport: { width: 1280, height: 900 },
      timezoneId: TIME_ZONE,
    });
    await signIn(coordinatorPage, baseUrl, coordinator.login);
    await coordinatorPage.getByTestId('search-input').waitFor();
    await coordinatorPage.getByTestId('nav-worklist').click();
    await coordinatorPage.getByTestId('worklist-tab-pathways').click();
    const ruptures = coordinatorPage.getByTestId('pathway-group-rupture');
    const hba1cRupture = ruptures
      .locator('[data-testid=pathway-worklist-row][data-step-id=hba1c]')
      .filter({ hasText: 'GARNIER' });
    await hba1cRupture.waitFor();
    assert.match(
      await hba1cRupture.getByTestId('pathway-worklist-must-act').innerText(),
      /Médecin traitant — /,
    );
    assert.match(
      await hba1cRupture.getByTestId('pathway-worklist-why').innerText(),
      /En retard : attendu au plus tard le/,
    );
    await coordinatorPage.getByTestId('pathway-adherence-table').waitFor();
    await coordinatorPage.screenshot({ path: join(ARTIFACTS, 'pathway-worklist.png'), fullPage: true });

    // Filtering by pathway and step keeps the row; opening it shows the late step on the record.
    await coordinatorPage.getByTestId('filter-templateId').selectOption('dt2-adulte-suivi');
    await coordinatorPage.getByTestId('filter-stepId').selectOption('hba1c');
    await coordinatorPage.waitForURL(/stepId=hba1c/);
    await hba1cRupture.waitFor();
    assert.ok(
      (await coordinatorPage.getByTestId('pathway-worklist-row').all()).length >= 1 &&
        (await coordinatorPage
          .locator('[data-testid=pathway-worklist-row]:not([data-step-id=hba1c])')
          .count()) === 0,
    );
    // The organisation filter offers practices: the GP's keeps the GP's step, the coordinator's does not.
    const organization = coordinatorPage.getByTestId('filter-organizationId');
    await organization.selectOption({ label: `MSP ${gp.login}` });
    await coordinatorPage.waitForURL(/organizationId=/);
    await hba1cRupture.waitFor();
    await organization.selectOption({ label: `MSP ${coordinator.login}` });
    await coordinatorPage.getByTestId('pathway-worklist-empty').waitFor();
    await organization.selectOption('');
    await hba1cRupture.waitFor();
    await hba1cRupture.getByTestId('pathway-worklist-patient').click();
    const lateStep = coordinatorPage.locator(
      '[data-testid=pathway-step][data-step-id=hba1c][data-state=late]',
    );
    await lateStep.waitFor();

    // The coordinator skips the late therapeutic-education offer, saying why.
    const etp = coordinatorPage.locator('[data-testid=pathway-step][data-step-id=etp-offer]');
    await etp.getByTestId('pathway-skip-open').click();
    await etp.getByTestId('pathway-skip-reason').fill('Programme ETP déjà suivi en 2024');
    await etp.getByTestId('pathway-skip-confirm').click();
    await etp
      .locator('[data-testid=pathway-occurrence][data-state=skipped]')
      .filter({ hasText: 'déjà suivi' })
      .waitFor();
    await screenshotSection(coordinatorPage, 'patient-pathways', 'pathway-record-late.png');

    // Pause holds the steps; resume brings them back.
    await coordinatorPage.getByTestId('pathway-pause').click();
    await coordinatorPage.locator('[data-testid=pathway][data-status=paused]').waitFor();
    assert.equal(await lateStep.count(), 0, 'a paused pathway has no late step');
    await coordinatorPage.getByTestId('pathway-resume').click();
    await coordinatorPage.locator('[data-testid=pathway][data-status=active]').waitFor();

    // The first patient sees in the portal what to do next, on a phone.
    const patient = await createPatientAccount(relais, diabetic);
    const phone = await app.browser.newPage({ viewport: { width: 390, height: 844 }, timezoneId: TIME_ZONE });
    await signIn(phone, baseUrl, patient.login);
    const portalSteps = phone.getByTestId('portal-pathway-step');
    await portalSteps.first().waitFor();
    const texts = await portalSteps.allInnerTexts();
    assert.ok(
      texts.some(
        (text) =>
          text.includes('Faire une prise de sang pour l’HbA1c') ||
          text.includes("Faire une prise de sang pour l'HbA1c"),
      ),
      texts.join('\n'),
    );
    assert.ok(
      texts.every((text) => !/\d{4}-\d{2}-\d{2}/.test(text)),
      'dates are written for people',
    );
    const overflow = await phone.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    assert.equal(overflow, false, 'nothing wider than the phone');
    await screenshotSection(phone, 'portal-pathways', 'pathway-portal-390.png');
  });
});
