import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { toString as qrSvg } from 'qrcode';
import type { Relais } from '../../src/app.ts';
import { totpCodeAt } from '../../src/integrations/otpauth-totp.ts';
import { launchChromium, browserSkipReason } from '../support/browser.ts';
import { ARTIFACTS, signIn } from '../support/browser-app.ts';
import { createProfessional } from '../support/factories.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../support/test-oidc-provider.ts';
import { startTestRelais } from '../support/test-relais.ts';

/** A port free right now: the OIDC client's redirect URL must be known before Relais starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('account security in a real browser', { skip: browserSkipReason() }, () => {
  let relais: Relais;
  let browser: Browser;
  let provider: TestOidcProvider;
  let baseUrl: string;
  const idNatPs = new Map<string, string>();

  before(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    provider = await startTestOidcProvider(`${baseUrl}/api/auth/oidc/callback`, (login) =>
      idNatPs.get(login),
    );
    relais = await startTestRelais('pglite', {
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        redirectUrl: `${baseUrl}/api/auth/oidc/callback`,
      },
    });
    await relais.http.listen({ host: '127.0.0.1', port });
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await relais.close();
    await provider.close();
  });

  test('a professional with TOTP signs in with the password, then the code of the app', async () => {
    const pro = await createProfessional(relais);
    const accountId = (
      await relais.database.db
        .selectFrom('accounts')
        .select('id')
        .where('login', '=', pro.login)
        .executeTakeFirstOrThrow()
    ).id;
    const { secret } = await relais.services.twoFactor.provision({
      kind: 'professional',
      accountId,
      practitionerId: pro.practitionerId,
      roles: [],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, baseUrl, pro.login);
    await page.getByTestId('totp-input').fill('000000');
    await page.getByTestId('totp-submit').click();
    assert.match(await page.getByTestId('second-factor-error').innerText(), /Code incorrect ou déjà utilisé/);
    await page.screenshot({ path: join(ARTIFACTS, 'login-second-factor-fr.png'), fullPage: true });
    await page.getByTestId('totp-input').fill(totpCodeAt(secret, new Date()));
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('search-input').waitFor();
    // A write from the web app passes the CSRF check (the client echoes the cookie).
    await page.getByTestId('account-security-link').click();
    await page.locator('#current-password').fill('correct horse battery staple');
    await page.locator('#new-password').fill(`${pro.login}-nouveau`);
    await page.getByTestId('password-submit').click();
    assert.match(
      await page.getByTestId('password-error').innerText(),
      /ne doit pas contenir votre identifiant/,
    );
    await page.locator('#new-password').fill('Tulipe orage trente-sept');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-changed').waitFor();
    assert.match(await page.getByTestId('totp-on').innerText(), /activée/);
    await page.close();
  });

  test('a professional enrols an authenticator app from the account page', async () => {
    const pro = await createProfessional(relais);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, baseUrl, pro.login);
    await page.getByTestId('search-input').waitFor();
    await page.getByTestId('account-security-link').click();
    await page.getByTestId('totp-start').click();
    const secret = await page.getByTestId('totp-secret').innerText();
    const uri = await page.getByTestId('totp-uri').innerText();
    assert.match(uri, /^otpauth:\/\/totp\//);
    // The QR code shown is the one of this URI, and the browser draws it.
    const qr = page.getByTestId('totp-qr');
    const svg = await qrSvg(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    assert.equal(await qr.getAttribute('src'), `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    const drawn = `(() => { const image = document.querySelector('[data-testid=totp-qr]');
      return image.complete && image.naturalWidth > 0; })()`;
    await page.waitForFunction(drawn);
    await page.screenshot({ path: join(ARTIFACTS, 'totp-enrolment-fr.png'), fullPage: true });
    await page.getByTestId('totp-confirm-input').fill(totpCodeAt(secret, new Date()));
    await page.getByTestId('totp-confirm').click();
    // The codes are shown once the server has confirmed the code: wait for them, then count.
    await page.getByTestId('recovery-codes').locator('li').first().waitFor();
    assert.equal(await page.getByTestId('recovery-codes').locator('li').count(), 10);
    await page.getByTestId('totp-on').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'account-security-fr.png'), fullPage: true });
    await page.close();
  });

  test('a professional signs in through the OpenID Connect provider, linked by RPPS', async () => {
    const pro = await createProfessional(relais);
    const rpps = (
      await relais.database.db
        .selectFrom('practitioners')
        .select('rpps')
        .where('id', '=', pro.practitionerId)
        .executeTakeFirstOrThrow()
    ).rpps;
    idNatPs.set('psc-user', `8${rpps}`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(baseUrl);
    await page.getByTestId('oidc-login').click();
    // oidc-provider's own log-in and consent pages.
    await page.locator('input[name=login]').fill('psc-user');
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('search-input').waitFor();
    assert.match(await page.getByTestId('user-name').innerText(), new RegExp(pro.login));
    await page.close();
  });

  test('an identity linked to no account is refused with a clear page', async () => {
    idNatPs.set('psc-stranger', '899999999999');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/login`);
    assert.equal(
      await page.getByTestId('oidc-login').innerText(),
      'Se connecter avec Pro Santé Connect (OIDC)',
    );
    await page.getByTestId('oidc-login').click();
    await page.locator('input[name=login]').fill('psc-stranger');
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.match(await page.getByTestId('oidc-refusal').innerText(), /aucun compte Relais/);
    await page.screenshot({ path: join(ARTIFACTS, 'oidc-refused-fr.png'), fullPage: true });
    await page.close();
  });
});
