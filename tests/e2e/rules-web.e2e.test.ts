import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Relais } from '../../src/app.ts';
import type { ClinicalEntry } from '../../src/domain/record/clinical-entry.ts';
import { createHospitalService, createPatient, createProfessional } from '../support/factories.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn as signInAt, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
const DAY = 86_400_000;

describe('coordination rules in a real browser', { skip: browserSkipReason() }, () => {
  let relais: Relais;
  let browser: Browser;
  let baseUrl: string;
  let app: BrowserApp;

  before(async () => {
    app = await startBrowserApp();
    ({ relais, browser, baseUrl } = app);
  });
  after(() => app.close());

  const signIn = (page: Page, login: string, totpSecret: string | null = null) =>
    signInAt(page, baseUrl, login, undefined, totpSecret);
  const hba1c = (value: number, daysAgo: number): ClinicalEntry => ({
    kind: 'result',
    loincCode: '4548-4',
    display: 'HbA1c',
    valueNumeric: value,
    valueText: null,
    unit: '%',
    referenceRange: null,
    interpretation: 'high',
    effectiveAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
  });

  test('the record shows the suggestion a rule raised, with its reason, and a GP dismisses it', async () => {
    const gp = await createProfessional(relais);
    const patientId = await createPatient(relais, [gp.practitionerId], {
      identity: { birthFamilyName: 'Garnier', firstGivenName: 'Lucie' },
      entries: [hba1c(8.4, 100), hba1c(8.1, 5)],
    });
    await relais.jobs.rules!.drain();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, gp.login);
    await page.getByTestId('search-input').waitFor();
    await page.goto(`${baseUrl}/patients/${patientId}`);
    const alert = page.getByTestId('alert');
    await alert.first().waitFor();
    assert.equal(await alert.count(), 1);
    assert.match(await alert.innerText(), /Adressage suggéré en endocrinologie-diabétologie/);
    assert.match(
      await page.getByTestId('alert-explanation').innerText(),
      /Pourquoi : HbA1c 8,4 % puis 8,1 % au-dessus de la cible par défaut de 7 %/,
    );
    assert.match(await page.getByTestId('timeline').innerText(), /Règle de coordination déclenchée/);
    await page.screenshot({ path: join(ARTIFACTS, 'record-alerts-fr.png'), fullPage: true });
    await page.getByTestId('lang-switch').first().click();
    await page.getByText('Why: HbA1c 8.4% then 8.1% above the default target of 7%').waitFor();
    assert.match(await alert.innerText(), /Referral suggested to endocrinology and diabetes/);
    await alert.getByRole('button', { name: /Dismiss/ }).click();
    await page.getByTestId('alerts').waitFor({ state: 'detached' });
    await page.close();
  });

  test('an administrator switches a rule off, sees the line of each problem in an edit, and runs a dry-run', async () => {
    const admin = await createProfessional(relais, 'physician', { roles: ['admin'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, admin.login, admin.totpSecret);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByTestId('rule-set').waitFor();
    assert.equal(await page.getByTestId('rule').count(), 7);

    const missed = page.locator('[data-rule=missed-appointment-reschedule] input[type=checkbox]');
    await missed.uncheck();
    await page.waitForFunction(
      "!document.querySelector('[data-rule=missed-appointment-reschedule] input').disabled",
    );
    await page.reload();
    await page.getByTestId('rule-set').waitFor();
    assert.equal(await missed.isChecked(), false, 'the switch is kept by the server');

    await page.getByRole('button', { name: 'Modifier le texte' }).click();
    const source = page.getByTestId('rule-source');
    await source.waitFor();
    const text = await source.inputValue();
    await source.fill(text.replace('role: coordinator', 'role: concierge'));
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    const problems = page.getByTestId('rule-problems');
    await problems.waitFor();
    assert.match(await problems.innerText(), /1 problème/);
    assert.match(await problems.innerText(), /"concierge" is not a care-team role/);
    const line = text.split('\n').findIndex((l) => l.includes('role: coordinator')) + 1;
    await page.getByRole('button', { name: `Aller à la ligne ${line}` }).click();
    const caret = await page.evaluate<number>(
      "document.querySelector('[data-testid=rule-source]').selectionStart",
    );
    assert.equal(text.slice(0, caret).split('\n').length, line, 'the caret is on the line of the problem');

    await page.getByRole('button', { name: 'Lancer la simulation' }).click();
    await page.getByTestId('dry-run-result').waitFor();
    assert.match(await page.getByTestId('dry-run-result').innerText(), /événement\(s\) évalué\(s\)/);
    assert.ok(
      (await page.getByTestId('dry-run-firing').count()) >= 1,
      'the HbA1c suggestion shows in the dry-run',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'rules-admin-fr.png'), fullPage: true });
    await page.close();
  });

  test('an administrator changes a service’s referral delay; the default mark goes and the change stays', async () => {
    const admin = await createProfessional(relais, 'physician', { roles: ['admin'] });
    const serviceId = await createHospitalService(relais, 'pneumology');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, admin.login, admin.totpSecret);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Délais des adressages' }).click();
    await page.getByTestId('sla-service').selectOption(serviceId);
    const cell = page.getByTestId('sla-referral.urgent.accept');
    assert.equal(
      await cell.inputValue(),
      '1',
      'the default: urgent referrals are accepted within 1 working day',
    );
    const marked = () => page.locator('td.sla-default').filter({ has: cell }).count();
    assert.equal(await marked(), 1);
    await cell.fill('2');
    await page.getByTestId('sla-save').click();
    await page.waitForFunction(
      "document.querySelector('[data-testid=\"sla-referral.urgent.accept\"]').closest('td').className === 'sla-own'",
    );
    await page.reload();
    await page.getByTestId('sla-service').selectOption(serviceId);
    assert.equal(await page.getByTestId('sla-referral.urgent.accept').inputValue(), '2');
    assert.equal(await marked(), 0);
    await page.screenshot({ path: join(ARTIFACTS, 'referral-sla-admin-fr.png'), fullPage: true });
    await page.close();
  });
});
