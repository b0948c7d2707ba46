import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { adt } from '../fixtures/adt-mapping/adt-message-builder.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { createPatient, createProfessional } from '../support/factories.ts';

describe('the ADT matching queue in a real browser', { skip: browserSkipReason() }, () => {
  let app: BrowserApp;
  before(async () => {
    app = await startBrowserApp();
  });
  after(() => app.close());

  test('an administrator compares the identities side by side and links the message to one patient', async () => {
    const { relais, browser, baseUrl } = app;
    const admin = await createProfessional(relais, 'physician', { roles: ['admin'] });
    const gp = await createProfessional(relais);
    const homonym = {
      birthFamilyName: 'Garnier',
      firstGivenName: 'Lucie',
      ins: undefined,
      identityStatus: 'PROV',
    };
    await createPatient(relais, [gp.practitionerId], { identity: homonym });
    const chosen = await createPatient(relais, [gp.practitionerId], {
      identity: { ...homonym, usedFamilyName: 'Roux' },
    });
    const held = await relais.services.adtApplier.apply(
      adt({
        event: 'A01',
        localIds: [{ authority: 'CHFICTIF', id: 'IPP-4242' }],
        family: 'GARNIER',
        given: 'LUCIE',
        visit: 'V-4242',
      }),
    );
    assert.equal(held.status, 'held');

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, baseUrl, admin.login, undefined, admin.totpSecret);
    await page.getByTestId('search-input').waitFor();
    await page.goto(`${baseUrl}/admin/hl7`);
    const item = page.getByTestId('match-queue-item');
    await item.waitFor();
    const text = await item.innerText();
    assert.match(text, /Plusieurs patients ont les mêmes traits d’identité/);
    assert.match(text, /IPP-4242/);
    assert.match(text, /Nom de naissance\s+GARNIER\s+Garnier\s+Garnier/);
    await page.screenshot({ path: join(ARTIFACTS, 'hl7-match-queue-fr.png'), fullPage: true });

    // The candidate to link is the one whose used name is Roux; columns follow the hospital's.
    const usedNames = await item.locator('tr', { hasText: 'Nom d’usage' }).locator('td').allInnerTexts();
    const column = usedNames.indexOf('Roux') - 1;
    assert.ok(column >= 0, usedNames.join(' | '));
    await page.getByTestId('match-queue-link').nth(column).click();
    await page.getByTestId('match-queue-empty').waitFor();
    const stays = await relais.database.db
      .selectFrom('stays')
      .select('patient_id')
      .where('visit_number', '=', 'V-4242')
      .execute();
    assert.deepEqual(stays, [{ patient_id: chosen }]);
  });
});
