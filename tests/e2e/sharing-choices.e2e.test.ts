import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../../src/app.ts';
import type { PortalSummary } from '../../src/contracts/record-contracts.ts';
import { DEMO_PASSWORD, seedDemoTerritory, type DemoTerritory } from '../../src/demo/seed-territory.ts';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { bearer } from '../support/factories.ts';

/** A demo patient with a portal account, and a member of their team (not the GP, not the admin) who signs in. */
interface Cast {
  readonly patientId: string;
  readonly patientLogin: string;
  readonly memberLogin: string;
  readonly memberName: string;
}

async function castOf(relais: Relais, territory: DemoTerritory): Promise<Cast> {
  const loginOf = (practitionerId: string) =>
    territory.directory.professionalLogins.find(
      (p) => p.practitionerId === practitionerId && p.login !== territory.admin?.login,
    )?.login;
  for (const [index, patient] of territory.patients.entries()) {
    const patientId = territory.patientIds[index];
    if (patientId === undefined) continue;
    const token = await logInAs(relais, patient.login);
    const portal = await relais.http.inject({ url: '/api/portal/me', headers: bearer(token) });
    for (const member of portal.json<PortalSummary>().careTeam) {
      const login = loginOf(member.practitionerId);
      if (member.role !== 'medecin_traitant' && login !== undefined)
        return { patientId, patientLogin: patient.login, memberLogin: login, memberName: member.name };
    }
  }
  throw new Error('no demo patient with a portal account and a team member who signs in');
}

const logInAs = (relais: Relais, login: string) =>
  relais.http
    .inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: DEMO_PASSWORD } })
    .then((response) => response.json<{ token: string }>().token);

describe('sharing choices in a real browser', { skip: browserSkipReason() }, () => {
  let app: BrowserApp;
  let cast: Cast;
  before(async () => {
    app = await startBrowserApp();
    const territory = await seedDemoTerritory(app.relais.services, { patients: 10, now: new Date() });
    cast = await castOf(app.relais, territory);
  });
  after(() => app.close());

  test('a patient objects to a team member on their phone; that professional is refused the record at once, and let back in once withdrawn', async () => {
    const patientContext = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
    const patient = await patientContext.newPage();
    await signIn(patient, app.baseUrl, cast.patientLogin, DEMO_PASSWORD);
    await patient.getByTestId('portal').waitFor();
    await patient.getByTestId('open-sharing').click();
    await patient.getByTestId('portal-sharing').waitFor();
    assert.match(await patient.getByTestId('sharing-team').innerText(), new RegExp(cast.memberName));
    await patient.getByTestId('sharing-none').waitFor();

    await patient.getByTestId('sharing-kind-objection').check();
    const members = patient.getByTestId('sharing-team-member');
    const value = await members.locator('option', { hasText: cast.memberName }).first().getAttribute('value');
    await members.selectOption(value ?? '');
    assert.match(await patient.getByTestId('sharing-target').innerText(), new RegExp(cast.memberName));
    await patient.getByTestId('sharing-submit').click();
    await patient.getByTestId('sharing-saved').waitFor();
    const choice = patient.locator('[data-testid=sharing-choice][data-state=in-force]');
    await choice.waitFor();
    assert.match(await choice.innerText(), new RegExp(`Pas de partage avec ${cast.memberName}`));
    assert.match(await choice.innerText(), /par vous/);
    const width = await patient.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 390, `the page fits a phone screen (scroll width ${width})`);
    await patient.screenshot({ path: join(ARTIFACTS, 'portal-sharing-objection.png'), fullPage: true });

    // The professional opens the record: refused, because of the objection.
    const proContext = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const pro = await proContext.newPage();
    await signIn(pro, app.baseUrl, cast.memberLogin, DEMO_PASSWORD);
    await pro.getByTestId('search-input').waitFor();
    await pro.goto(`${app.baseUrl}/patients/${cast.patientId}`);
    const refused = pro.getByTestId('record-error');
    await refused.waitFor();
    assert.match(await refused.innerText(), /Vous n’avez pas accès à ce dossier/);
    assert.match(await refused.innerText(), /objects to sharing their data with you/);
    await pro.screenshot({ path: join(ARTIFACTS, 'record-refused-objection.png'), fullPage: true });

    // The patient withdraws it (with a confirmation); the history keeps it; the professional is back in.
    await choice.getByTestId('withdraw-choice').click();
    await choice.getByTestId('confirm-withdraw').click();
    await patient.getByTestId('sharing-none').waitFor();
    await patient.getByTestId('sharing-history').click();
    assert.match(await patient.getByTestId('sharing-history').innerText(), /Retiré le .* par vous/);
    await pro.reload();
    await pro.getByTestId('patient-identity').waitFor();
    const section = pro.getByTestId('sharing-choices');
    await section.getByTestId('sharing-history').click();
    assert.match(await section.innerText(), /Enregistré le .* par le patient/);
    await patientContext.close();
    await proContext.close();
  });
});
