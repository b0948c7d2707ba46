import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Relais } from '../../src/app.ts';
import {
  createPatient,
  createPatientAccount,
  createProfessional,
  TEST_PASSWORD,
} from '../support/factories.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';

describe('the web app in a real browser', { skip: browserSkipReason() }, () => {
  let relais: Relais;
  let browser: Browser;
  let baseUrl: string;
  let app: BrowserApp;
  let gp: Awaited<ReturnType<typeof createProfessional>>;
  let patientId: string;

  before(async () => {
    app = await startBrowserApp();
    ({ relais, browser, baseUrl } = app);
    gp = await createProfessional(relais);
    patientId = await createPatient(relais, [gp.practitionerId], {
      identity: { birthFamilyName: 'Navarre', firstGivenName: 'Odile' },
      entries: [
        {
          kind: 'condition',
          codeSystem: 'ICD-10',
          code: 'E11.9',
          display: 'Diabète de type 2',
          clinicalStatus: 'active',
          onsetDate: '2018-01-01',
        },
        { kind: 'allergy', substance: 'Pénicilline', reaction: 'Urticaire', criticality: 'high' },
        {
          kind: 'result',
          loincCode: '4548-4',
          display: 'HbA1c',
          valueNumeric: 7.9,
          valueText: null,
          unit: '%',
          referenceRange: '4.0-6.0',
          interpretation: 'high',
          effectiveAt: '2026-09-01T08:00:00Z',
        },
      ],
    });
  });
  after(() => app.close());

  test('a GP logs in, finds a patient, opens the record and switches to English', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(baseUrl);
    await page.getByTestId('login-input').fill(gp.login);
    await page.getByTestId('password-input').fill('wrong password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();

    await page.getByTestId('password-input').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('search-input').fill('navar');
    await page.getByTestId('search-input').press('Enter');
    await page.getByTestId('search-result-row').first().waitFor();
    assert.equal(await page.getByTestId('search-result-row').count(), 1);
    await page.getByTestId('search-result-row').first().click();

    await page.getByTestId('patient-identity').waitFor();
    assert.match(await page.getByTestId('patient-identity').innerText(), /NAVARRE|Navarre/);
    assert.match(await page.getByTestId('gp-badge').first().innerText(), /Médecin traitant/);
    assert.match(await page.getByTestId('conditions').innerText(), /Diabète de type 2/);
    assert.match(await page.getByTestId('allergies').innerText(), /Pénicilline/);
    assert.match(await page.getByTestId('results').innerText(), /7[.,]9/);
    assert.match(await page.getByTestId('timeline').innerText(), /Résultat enregistré/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.ok(page.url().endsWith(`/patients/${patientId}`));
    const mainRight = await page.evaluate<number>(
      "document.querySelector('[data-testid=results]').getBoundingClientRect().right",
    );
    const sideLeft = await page.evaluate<number>(
      "document.querySelector('.record-side').getBoundingClientRect().left",
    );
    assert.ok(
      mainRight <= sideLeft,
      `the main column (right edge ${mainRight}) stays clear of the side column (${sideLeft})`,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'patient-record-fr.png'), fullPage: true });

    await switchToEnglish(page);
    await page.getByTestId('timeline').getByText('Result recorded').first().waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.screenshot({ path: join(ARTIFACTS, 'patient-record-en.png'), fullPage: true });

    await page.reload();
    await page.getByTestId('patient-identity').waitFor();
    await page.getByTestId('timeline').getByText('Result recorded').first().waitFor();
    await page.close();
  });

  test('a GP creates a task from the record, finds it in the worklist, completes it; the badge follows', async () => {
    // The browser in the territory's time zone, so "today" in the form is today for the server too.
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Europe/Paris',
    });
    await page.goto(`${baseUrl}/patients/${patientId}`);
    await page.getByTestId('login-input').fill(gp.login);
    await page.getByTestId('password-input').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('patient-tasks-empty').waitFor();
    assert.equal(await page.getByTestId('worklist-badge').count(), 0);

    await page.getByTestId('new-task-open').click();
    await page.getByTestId('new-task-title').fill('Appeler le laboratoire');
    await page.getByTestId('new-task-priority').selectOption('urgent');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    await page.getByTestId('new-task-due').fill(today);
    await page.getByTestId('new-task-submit').click();
    const onRecord = page.getByTestId('patient-tasks').getByTestId('task-row');
    await onRecord.filter({ hasText: 'Appeler le laboratoire' }).waitFor();
    await page.getByTestId('worklist-badge').filter({ hasText: '1' }).waitFor();
    await page.reload();
    await page.getByTestId('timeline').getByText('Tâche créée').first().waitFor();

    // A system task for the GP's role, already late, arrives (as a rule would create it).
    await relais.services.tasks.createSystemTasks([
      {
        patientId,
        title: 'Contrôler l’HbA1c',
        details: null,
        assignee: { kind: 'care-team-role', role: 'medecin_traitant' },
        priority: 'high',
        dueAt: new Date(Date.now() - 86_400_000),
        about: null,
        origin: { kind: 'rule', ref: 'hba1c', explanation: 'HbA1c au-dessus de la cible deux fois' },
        idempotencyKey: `e2e:${patientId}:hba1c`,
      },
    ]);
    await page.getByTestId('nav-worklist').click();
    await page.getByTestId('worklist').waitFor();
    const overdue = page.getByTestId('bucket-overdue').getByTestId('task-row');
    await overdue.filter({ hasText: 'Contrôler l’HbA1c' }).waitFor();
    assert.match(await overdue.first().innerText(), /HbA1c au-dessus de la cible deux fois/);
    const mine = page
      .getByTestId('bucket-today')
      .getByTestId('task-row')
      .filter({ hasText: 'Appeler le laboratoire' });
    assert.match(await mine.innerText(), /NAVARRE Odile/);
    await page.getByTestId('worklist-badge').filter({ hasText: '2' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'worklist-fr.png'), fullPage: true });

    await mine.getByTestId('task-complete').click();
    await mine.waitFor({ state: 'detached' });
    await page.getByTestId('worklist-badge').filter({ hasText: '1' }).waitFor();

    const late = overdue.filter({ hasText: 'Contrôler l’HbA1c' });
    await late.getByTestId('task-cancel').click();
    assert.ok(await late.getByTestId('task-cancel-confirm').isDisabled(), 'no cancelling without a reason');
    await late.getByTestId('task-cancel-reason').fill('Déjà contrôlée au laboratoire hier');
    await late.getByTestId('task-cancel-confirm').click();
    await page.getByTestId('worklist-empty').waitFor();
    assert.equal(await page.getByTestId('worklist-badge').count(), 0);
    await page.close();
  });

  test('a patient logs in to a mobile-sized portal', async () => {
    const patient = await createPatientAccount(relais, patientId);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(baseUrl);
    await page.getByTestId('login-input').fill(patient.login);
    await page.getByTestId('password-input').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    // The portal shows a loading state first: wait for its content, not just its frame.
    await page.getByTestId('portal').getByTestId('care-team-member').first().waitFor();
    assert.match(await page.getByTestId('portal').innerText(), /Testeur/);
    // A string expression: the server tsconfig has no DOM lib, the page has.
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 390, `the portal fits a phone screen (scroll width ${width})`);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-mobile.png'), fullPage: true });
    await page.close();
  });
});

async function switchToEnglish(page: Page): Promise<void> {
  const toggle = page.getByTestId('lang-switch');
  if ((await toggle.count()) > 0) await toggle.first().click();
  else await page.getByTestId('lang-en').first().click();
}
