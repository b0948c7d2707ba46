import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Relais } from '../../src/app.ts';
import { bearer, createPatient, createProfessional, TEST_PASSWORD } from '../support/factories.ts';
import { browserSkipReason, launchChromium } from '../support/browser.ts';
import { startTestRelais } from '../support/test-relais.ts';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

describe('a worklist that updates live', { skip: browserSkipReason() }, () => {
  let relais: Relais;
  let browser: Browser;
  let baseUrl: string;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    relais = await startTestRelais('pglite');
    await relais.http.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(relais.http.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await relais.close();
  });

  test('a task a GP assigns appears in the nurse’s open worklist without reload; completing it updates the badge', async () => {
    const gp = await createProfessional(relais);
    const nurse = await createProfessional(relais, 'nurse');
    const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(baseUrl);
    await page.getByTestId('login-input').fill(nurse.login);
    await page.getByTestId('password-input').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('search-input').waitFor();
    await page.getByTestId('nav-worklist').click();
    await page.getByTestId('worklist-empty').waitFor();
    assert.equal(await page.getByTestId('worklist-badge').count(), 0);
    // A page reload would wipe this marker.
    await page.evaluate('window.__sameDocument = true');

    const created = await relais.http.inject({
      method: 'POST',
      url: '/api/tasks',
      headers: bearer(gp.token),
      payload: {
        patientId,
        title: 'Pansement à refaire ce soir',
        details: null,
        assignee: { kind: 'care-team-role', role: 'nurse' },
        priority: 'urgent',
        dueAt: new Date().toISOString(),
        about: null,
      },
    });
    assert.equal(created.statusCode, 201, created.body);

    await page.getByTestId('task-row').filter({ hasText: 'Pansement à refaire ce soir' }).waitFor();
    await page.getByTestId('worklist-badge').filter({ hasText: '1' }).waitFor();
    await page.locator('[data-testid=notification-bell][data-unread-count="1"]').waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate('window.__sameDocument'), true, 'the page was not reloaded');
    await page.screenshot({ path: join(ARTIFACTS, 'worklist-live.png'), fullPage: true });

    await page.getByTestId('task-complete').click();
    await page.getByTestId('worklist-empty').waitFor();
    assert.equal(await page.getByTestId('worklist-badge').count(), 0);
  });
});
