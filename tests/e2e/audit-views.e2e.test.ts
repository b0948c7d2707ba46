import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import {
  accountIdOf,
  bearer,
  createPatient,
  createPatientAccount,
  createProfessional,
} from '../support/factories.ts';

describe('the audit views in a real browser', { skip: browserSkipReason() }, () => {
  let app: BrowserApp;
  let gp: Awaited<ReturnType<typeof createProfessional>>;
  let emergency: Awaited<ReturnType<typeof createProfessional>>;
  let patientId: string;
  const reason = 'Patiente inconsciente aux urgences, traitements à vérifier';

  before(async () => {
    app = await startBrowserApp();
    const { relais } = app;
    gp = await createProfessional(relais);
    emergency = await createProfessional(relais, 'physician');
    patientId = await createPatient(relais, [gp.practitionerId]);
    const otherPatient = await createPatient(relais, [gp.practitionerId]);
    // The emergency physician holds a break-the-glass access to the patient, granted a minute ago.
    await relais.database.db
      .insertInto('break_glass_grants')
      .values({
        patient_id: patientId,
        id: randomUUID(),
        practitioner_id: emergency.practitionerId,
        account_id: await accountIdOf(relais, emergency.token),
        reason,
        granted_at: new Date(Date.now() - 60_000),
        expires_at: new Date(Date.now() + 4 * 3_600_000),
      })
      .execute();
    const read = async (id: string, token: string) =>
      (await relais.http.inject({ url: `/api/patients/${id}`, headers: bearer(token) })).statusCode;
    assert.equal(await read(patientId, gp.token), 200);
    assert.equal(await read(otherPatient, gp.token), 200);
    assert.equal(await read(patientId, emergency.token), 200);
  });
  after(() => app.close());

  test('the DPO signs in with TOTP, filters by patient and exports the rows as CSV', async () => {
    const { relais, browser, baseUrl } = app;
    const dpo = await createProfessional(relais, 'coordinator', { roles: ['dpo'] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, baseUrl, dpo.login, undefined, dpo.totpSecret);
    await page.getByTestId('nav-dpo/audit').click();
    await page.getByTestId('audit-table').waitFor();

    await page.getByTestId('audit-filter-patientId').fill(patientId);
    await page.getByTestId('audit-filter-apply').click();
    await page.waitForURL(`**/dpo/audit?patientId=${patientId}`);
    const patients = page.getByTestId('audit-row').locator('.audit-patient');
    // The unfiltered list holds the DPO's log-in and the other patient; the filtered one the two reads.
    // The page's CSP forbids waitForFunction's eval: poll the cells until only this patient's remain.
    for (let tries = 0; ; tries += 1) {
      const cells = await patients.allInnerTexts();
      const rows = await page.getByTestId('audit-row').count();
      if (rows === 2 && cells.length === rows && cells.every((cell) => cell === patientId)) break;
      assert.ok(tries < 100, `the list was not filtered: ${cells.join(', ')}`);
      await page.waitForTimeout(50);
    }
    const shown = await patients.count();
    const table = await page.getByTestId('audit-table').innerText();
    assert.match(table, new RegExp(`${gp.login} Testeur`));
    assert.match(table, /Médecin traitant/);
    assert.match(table, /break-the-glass access until/);
    assert.match(table, /Consultation/);
    await page.screenshot({ path: join(ARTIFACTS, 'audit-dpo-fr.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('audit-export').click(),
    ]);
    assert.match(download.suggestedFilename(), /^relais-audit-.+\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFFseq,at,actor_kind,account_id,login,name,profession,role,patient_ids,'));
    const rows = csv.slice(1).trimEnd().split('\r\n').slice(1);
    assert.equal(rows.length, shown, 'the export holds the rows the filtered list shows');
    assert.ok(rows.every((row) => row.split(',')[8] === patientId));
    assert.ok(
      rows.some((row) => row.includes(`,${gp.login},${gp.login} Testeur,physician,medecin_traitant,`)),
    );
    await page.close();
  });

  test('the patient opens "Qui a consulté mon dossier" on a phone', async () => {
    const { relais, browser, baseUrl } = app;
    const patient = await createPatientAccount(relais, patientId);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, baseUrl, patient.login);
    const link = page.getByTestId('portal-access-log-link');
    await link.scrollIntoViewIfNeeded();
    await link.screenshot({ path: join(ARTIFACTS, 'access-log-link-390.png') });
    await link.click();
    const items = page.getByTestId('access-log-item');
    await items.first().waitFor();
    assert.equal(await items.count(), 2);
    const [urgent, mine] = await items.allInnerTexts();
    assert.match(urgent ?? '', new RegExp(`Accès en urgence \\(bris de glace\\)`));
    assert.match(urgent ?? '', new RegExp(`${emergency.login} Testeur a consulté votre dossier`));
    assert.match(urgent ?? '', /hors équipe de soins/);
    assert.match(urgent ?? '', new RegExp(`Motif donné : « ${reason} »`));
    assert.match(mine ?? '', new RegExp(`${gp.login} Testeur a consulté votre dossier`));
    assert.match(mine ?? '', /Médecin traitant/);
    assert.doesNotMatch(mine ?? '', /urgence/);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 390, `the access log fits a phone screen (scroll width ${width})`);
    await page.screenshot({ path: join(ARTIFACTS, 'access-log-portal-390.png'), fullPage: true });

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Who accessed my record' }).waitFor();
    const english = await items.allInnerTexts();
    assert.match(english[0] ?? '', /Emergency access \(break the glass\)/);
    assert.match(english[0] ?? '', /outside your care team/);
    assert.match(english[1] ?? '', new RegExp(`${gp.login} Testeur viewed your record`));
    await page.close();
  });
});
