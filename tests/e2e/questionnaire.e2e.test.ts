import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Relais } from '../../src/app.ts';
import { createPatient, createPatientAccount, createProfessional } from '../support/factories.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn as signInAt, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';

describe('screening questionnaires in a real browser', { skip: browserSkipReason() }, () => {
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
      identity: { birthFamilyName: 'Garance', firstGivenName: 'Maëlle' },
    });
  });
  after(() => app.close());

  test('a patient fills in a PHQ-9 on a phone; an answer above 0 to question 9 shows the 3114', async () => {
    const patient = await createPatientAccount(relais, patientId);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, patient.login);
    await page.getByTestId('portal').waitFor();
    await page.getByTestId('start-PHQ-9').click();
    await page.getByTestId('questionnaire-form').waitFor();
    assert.match(await page.getByTestId('question-9').innerText(), /Penser qu’il vaudrait mieux mourir/);

    // Sending with questions left blank names them and sends nothing.
    await page.getByTestId('answer-1-1').click();
    await page.getByTestId('questionnaire-submit').click();
    assert.match(
      await page.getByTestId('questionnaire-missing').innerText(),
      /Il manque 8 réponses : questions 2, 3, 4, 5, 6, 7, 8, 9/,
    );
    const height = await page.evaluate<number>(
      "document.querySelector('[data-testid=answer-1-0]').getBoundingClientRect().height",
    );
    assert.ok(height >= 44, `answers are large touch targets (${height} px high)`);

    for (const [question, answer] of [
      [2, 1],
      [3, 0],
      [4, 1],
      [5, 0],
      [6, 0],
      [7, 0],
      [8, 0],
      [9, 2],
    ] as const) {
      await page.getByTestId(`answer-${question}-${answer}`).click();
    }
    await page.getByTestId('questionnaire-submit').click();
    await page.getByTestId('questionnaire-result').waitFor();
    const help = await page.getByTestId('urgent-help').innerText();
    assert.match(help, /3114/);
    assert.match(help, /15/);
    assert.match(help, /112/);
    assert.equal(await page.getByTestId('call-3114').getAttribute('href'), 'tel:3114');
    assert.match(await page.getByTestId('result-score').innerText(), /Votre score : 5 sur 27/);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 390, `the result fits a phone screen (scroll width ${width})`);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-phq9-urgent.png'), fullPage: true });

    const [row] = await relais.database.db
      .selectFrom('questionnaire_responses')
      .select(['answers', 'urgent', 'filled_by'])
      .where('patient_id', '=', patientId)
      .execute();
    assert.deepEqual(row, { answers: [1, 1, 0, 1, 0, 0, 0, 0, 2], urgent: true, filled_by: 'patient' });
    const tasks = await relais.database.db
      .selectFrom('tasks')
      .select(['priority', 'assignee_role'])
      .where('patient_id', '=', patientId)
      .execute();
    assert.deepEqual(tasks, [{ priority: 'urgent', assignee_role: 'medecin_traitant' }]);
    await page.close();
  });

  test('the GP sees the urgent result on the record and fills in a GAD-7 with the patient, in English', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, gp.login);
    await page.getByTestId('search-input').waitFor();
    await page.goto(`${baseUrl}/patients/${patientId}`);
    const card = page.getByTestId('questionnaires-card');
    await card.getByTestId('questionnaire-row').first().waitFor();
    assert.match(await card.innerText(), /PHQ-9 · 5\/27 · Dépression légère/);
    assert.match(await card.innerText(), /Suivi urgent/);
    assert.match(await card.innerText(), /réponse 2 à la question 9/);
    assert.match(await page.getByTestId('timeline').innerText(), /Questionnaire rempli/);

    await page.getByTestId('lang-switch').first().click();
    await card.getByText('Fill in a questionnaire with the patient').click();
    await card.getByTestId('choose-GAD-7').click();
    await card.getByTestId('questionnaire-form').waitFor();
    for (let question = 1; question <= 7; question += 1) {
      await card.getByTestId(`answer-${question}-${question <= 5 ? 3 : 0}`).click();
    }
    await card.getByTestId('questionnaire-submit').click();
    const saved = await card.getByTestId('questionnaire-saved').innerText();
    assert.match(saved, /Questionnaire saved: 15 of 21, Severe anxiety/);
    assert.match(saved, /GAD-7: total score 15 of 21/);
    assert.match(saved, /An urgent task is created for the GP/);
    await card.locator('[data-testid=questionnaire-row][data-urgent=true]').nth(1).waitFor();
    assert.equal(await card.getByTestId('questionnaire-row').count(), 2);
    await page.screenshot({ path: join(ARTIFACTS, 'record-questionnaires-en.png'), fullPage: true });
    await page.close();
  });

  const signIn = (page: Page, login: string) => signInAt(page, baseUrl, login);
});
