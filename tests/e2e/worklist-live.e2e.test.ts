import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn, startBrowserApp, type BrowserApp } from '../support/browser-app.ts';
import { bearer, createPatient, createProfessional } from '../support/factories.ts';

describe('a worklist that updates live', { skip: browserSkipReason() }, () => {
  let app: BrowserApp;
  before(async () => {
    app = await startBrowserApp();
  });
  after(() => app.close());

  test('a task a GP assigns appears in the nurse’s open worklist without reload; a comment is posted; completing it updates the badge', async () => {
    const { relais } = app;
    const gp = await createProfessional(relais);
    const nurse = await createProfessional(relais, 'nurse');
    const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);

    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.baseUrl, nurse.login);
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

    await page.getByTestId('task-comments-open').click();
    await page.getByTestId('task-comment-text').fill('Fait à 19 h, plaie propre.');
    await page.getByTestId('task-comment-submit').click();
    await page.getByTestId('task-comment').filter({ hasText: 'Fait à 19 h, plaie propre.' }).waitFor();

    await page.getByTestId('task-complete').click();
    await page.getByTestId('worklist-empty').waitFor();
    assert.equal(await page.getByTestId('worklist-badge').count(), 0);
  });
});
