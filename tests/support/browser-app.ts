import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Relais } from '../../src/app.ts';
import { totpCodeAt } from '../../src/integrations/otpauth-totp.ts';
import { launchChromium } from './browser.ts';
import { TEST_PASSWORD } from './factories.ts';
import { startTestRelais } from './test-relais.ts';

/** Where browser tests save their screenshots. */
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

/** The app on PGlite listening on loopback, with a Chromium to drive it: one per browser suite. */
export interface BrowserApp {
  readonly relais: Relais;
  readonly browser: Browser;
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startBrowserApp(): Promise<BrowserApp> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const relais = await startTestRelais('pglite');
  await relais.http.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(relais.http.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    relais,
    browser,
    baseUrl,
    async close() {
      await browser.close();
      await relais.close();
    },
  };
}

/**
 * Fills in the log-in form and submits it (the caller waits for the page it expects). Accounts made by
 * the factories share TEST_PASSWORD; the demo territory's share its own. With a TOTP secret (admins
 * made by the factories), the second step gets the code of the next 30-second step: the factory's own
 * log-in already used the current one, and one step of drift is accepted.
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  login: string,
  password: string = TEST_PASSWORD,
  totpSecret: string | null = null,
): Promise<void> {
  await page.goto(baseUrl);
  await page.getByTestId('login-input').fill(login);
  await page.getByTestId('password-input').fill(password);
  await page.getByTestId('login-submit').click();
  if (totpSecret === null) return;
  await page.getByTestId('totp-input').fill(totpCodeAt(totpSecret, new Date(Date.now() + 30_000)));
  await page.getByTestId('totp-submit').click();
}
