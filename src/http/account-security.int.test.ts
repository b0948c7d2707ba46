import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import { readConfig } from '../config.ts';
import type { Me, SecondFactorResponse } from '../contracts/auth-contracts.ts';
import { totpCodeAt } from '../integrations/otpauth-totp.ts';
import { bearer, createProfessional, logIn, TEST_PASSWORD } from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

const MINUTE = 60_000;

for (const { dialect, skip } of testDialects()) {
  describe(`account security on ${dialect}`, { skip }, () => {
    let relais: Relais;
    // The clock the use cases read: tests move it to cross lockouts, TOTP steps and session lifetimes.
    let now = new Date('2026-11-23T09:00:05Z');
    const advance = (ms: number) => (now = new Date(now.getTime() + ms));

    before(async () => {
      relais = await startTestRelais(
        dialect,
        { rules: { ...readConfig({}).rules, pollMs: 0 } },
        { clock: () => now },
      );
    });
    after(() => relais.close());

    const call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) =>
      relais.http.inject({
        method,
        url,
        headers: bearer(token),
        ...(payload === undefined ? {} : { payload }),
      });
    const passwordStep = (login: string, password = TEST_PASSWORD) =>
      relais.http.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
    const secondStep = (payload: object) =>
      relais.http.inject({ method: 'POST', url: '/api/auth/login/second-factor', payload });
    const auditReasons = async (login: string) =>
      (
        await relais.database.db
          .selectFrom('audit_entries as e')
          .innerJoin('accounts as a', 'a.id', 'e.account_id')
          .select('e.reason')
          .where('a.login', '=', login)
          .orderBy('e.seq')
          .execute()
      ).map((row) => row.reason);

    test('five wrong passwords lock the account for 15 minutes; the client sees the same 401 all along', async () => {
      const pro = await createProfessional(relais);
      const failures = [];
      for (let i = 0; i < 5; i++) failures.push(await passwordStep(pro.login, `wrong password ${i}`));
      const locked = await passwordStep(pro.login);
      const unknown = await passwordStep('nobody-here');
      for (const response of [...failures, locked, unknown]) {
        assert.equal(response.statusCode, 401);
        assert.equal(response.json<{ detail: string }>().detail, 'wrong login or password');
      }
      const reasons = await auditReasons(pro.login);
      assert.ok(reasons.includes('account locked after repeated failures'));
      assert.equal(reasons.at(-1), 'account locked');
      const event = await relais.database.db
        .selectFrom('events as e')
        .innerJoin('accounts as a', 'a.id', 'e.actor_account_id')
        .select('e.type')
        .where('a.login', '=', pro.login)
        .executeTakeFirst();
      assert.equal(event?.type, 'account.locked');
      advance(15 * MINUTE);
      assert.equal((await passwordStep(pro.login)).statusCode, 200);
    });

    test('TOTP: enrol, sign in in two steps, a code works once, a recovery code works once', async () => {
      const pro = await createProfessional(relais);
      const started = await call('POST', '/api/me/two-factor/enrolment', pro.token);
      assert.equal(started.statusCode, 200, started.body);
      const { secret, uri } = started.json<{ secret: string; uri: string }>();
      assert.match(uri, new RegExp(`^otpauth://totp/Relais:${pro.login}\\?.*secret=${secret}`));
      const wrong = await call('POST', '/api/me/two-factor/confirmation', pro.token, { code: '000000' });
      assert.equal(wrong.statusCode, 400);
      const confirmed = await call('POST', '/api/me/two-factor/confirmation', pro.token, {
        code: totpCodeAt(secret, now),
      });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
      assert.equal(recoveryCodes.length, 10);
      const stored = await relais.database.db
        .selectFrom('recovery_codes')
        .select('code_hash')
        .where('code_hash', 'in', recoveryCodes)
        .execute();
      assert.equal(stored.length, 0, 'only hashes are stored');
      const me = await call('GET', '/api/me', pro.token);
      assert.deepEqual(me.json<Me>().twoFactor, { enabled: true, enrolmentRequired: false });
      assert.equal((await call('POST', '/api/me/two-factor/enrolment', pro.token)).statusCode, 409);

      // The password alone opens no session.
      advance(30_000);
      const step = await passwordStep(pro.login);
      assert.equal(step.statusCode, 200);
      const { challenge } = step.json<SecondFactorResponse>();
      assert.equal(step.cookies.length, 0);
      const code = totpCodeAt(secret, now);
      const signedIn = await secondStep({ challenge, code });
      assert.equal(signedIn.statusCode, 200, signedIn.body);
      assert.ok(signedIn.cookies.some((c) => c.name === 'relais_session'));

      // The same code again (a replay), on a fresh password step: refused.
      const again = (await passwordStep(pro.login)).json<SecondFactorResponse>();
      const replay = await secondStep({ challenge: again.challenge, code });
      assert.equal(replay.statusCode, 401);
      assert.equal(replay.json<{ detail: string }>().detail, 'wrong or already used code');

      const recovery = recoveryCodes[0] ?? '';
      const byRecovery = await secondStep({
        challenge: again.challenge,
        recoveryCode: recovery.toLowerCase(),
      });
      assert.equal(byRecovery.statusCode, 200, byRecovery.body);
      const third = (await passwordStep(pro.login)).json<SecondFactorResponse>();
      assert.equal(
        (await secondStep({ challenge: third.challenge, recoveryCode: recovery })).statusCode,
        401,
      );
      const reasons = await auditReasons(pro.login);
      assert.ok(reasons.includes('recovery code used'));
      assert.ok(reasons.includes('wrong, replayed or locked second factor'));
      // Nothing about the secret is kept in clear text when a key is configured; here (no key) it is marked.
      const row = await relais.database.db
        .selectFrom('accounts')
        .select(['totp_secret', 'totp_pending_secret'])
        .where('login', '=', pro.login)
        .executeTakeFirstOrThrow();
      assert.equal(row.totp_pending_secret, null);
      assert.equal(row.totp_secret, `plain:${secret}`);
    });

    test('an administrator without TOTP signs in but stays out of administration until enrolled', async () => {
      const admin = await createProfessional(relais); // made without the factory's enrolment
      await relais.database.db
        .updateTable('accounts')
        .set({ roles: ['admin'] })
        .where('login', '=', admin.login)
        .execute();
      const me = (await call('GET', '/api/me', admin.token)).json<Me>();
      assert.deepEqual(me.roles, []);
      assert.deepEqual(me.twoFactor, { enabled: false, enrolmentRequired: true });
      const blocked = await call('GET', '/api/admin/rules', admin.token);
      assert.equal(blocked.statusCode, 403);
      assert.match(blocked.json<{ detail: string }>().detail, /two-factor/);

      const { secret } = (await call('POST', '/api/me/two-factor/enrolment', admin.token)).json<{
        secret: string;
      }>();
      advance(30_000);
      await call('POST', '/api/me/two-factor/confirmation', admin.token, { code: totpCodeAt(secret, now) });
      assert.equal((await call('GET', '/api/admin/rules', admin.token)).statusCode, 200);
      assert.deepEqual((await call('GET', '/api/me', admin.token)).json<Me>().roles, ['admin']);
    });

    test('a session ends after 30 idle minutes, and after 12 hours however busy', async () => {
      const pro = await createProfessional(relais);
      advance(29 * MINUTE);
      assert.equal((await call('GET', '/api/me', pro.token)).statusCode, 200);
      advance(29 * MINUTE);
      assert.equal(
        (await call('GET', '/api/me', pro.token)).statusCode,
        200,
        'the last request kept it alive',
      );
      advance(30 * MINUTE);
      assert.equal((await call('GET', '/api/me', pro.token)).statusCode, 401);

      const busy = await logIn(relais, pro.login);
      for (let hour = 0; hour < 12 * 4 - 1; hour++) {
        advance(15 * MINUTE);
        assert.equal((await call('GET', '/api/me', busy)).statusCode, 200);
      }
      advance(15 * MINUTE);
      assert.equal((await call('GET', '/api/me', busy)).statusCode, 401);
    });

    test('last activity is written at most once a minute', async () => {
      const pro = await createProfessional(relais);
      const lastSeen = async () =>
        (
          await relais.database.db
            .selectFrom('sessions as s')
            .innerJoin('accounts as a', 'a.id', 's.account_id')
            .select('s.last_seen_at')
            .where('a.login', '=', pro.login)
            .executeTakeFirstOrThrow()
        ).last_seen_at.getTime();
      const signedInAt = await lastSeen();
      advance(30_000);
      await call('GET', '/api/me', pro.token);
      assert.equal(await lastSeen(), signedInAt);
      advance(31_000);
      await call('GET', '/api/me', pro.token);
      assert.equal(await lastSeen(), now.getTime());
    });

    test('a cookie session changes nothing without the CSRF header; with it, or with a bearer token, it does', async () => {
      const pro = await createProfessional(relais);
      const login = await passwordStep(pro.login);
      const session = login.cookies.find((c) => c.name === 'relais_session')?.value ?? '';
      const csrf = login.cookies.find((c) => c.name === 'relais_csrf')?.value ?? '';
      const markAll = (headers: Record<string, string>) =>
        relais.http.inject({
          method: 'POST',
          url: '/api/notifications/read-all',
          cookies: { relais_session: session, relais_csrf: csrf },
          headers,
        });
      const refused = await markAll({});
      assert.equal(refused.statusCode, 403);
      assert.match(refused.headers['content-type'] ?? '', /application\/problem\+json/);
      assert.match(refused.json<{ detail: string }>().detail, /x-csrf-token/);
      assert.equal((await markAll({ 'x-csrf-token': `${csrf}x` })).statusCode, 403);
      assert.equal((await markAll({ 'x-csrf-token': csrf })).statusCode, 200);
      // Reads need no proof; bearer tokens are not sent by browsers on their own, so they are exempt.
      const read = await relais.http.inject({ url: '/api/me', cookies: { relais_session: session } });
      assert.equal(read.statusCode, 200);
      assert.equal((await call('POST', '/api/notifications/read-all', pro.token)).statusCode, 200);
    });

    test('changing the password checks the current one and the policy, and ends the other sessions', async () => {
      const pro = await createProfessional(relais);
      const other = await logIn(relais, pro.login);
      const change = (currentPassword: string, newPassword: string) =>
        call('POST', '/api/me/password', pro.token, { currentPassword, newPassword });
      const wrongCurrent = await change('not my password', 'Tulipe-Orage-73-bis');
      assert.equal(wrongCurrent.statusCode, 400);
      assert.deepEqual(wrongCurrent.json<{ errors: string[] }>().errors, ['current-password-wrong']);
      const weak = await change(TEST_PASSWORD, `${pro.login}-1`);
      assert.equal(weak.statusCode, 400);
      assert.deepEqual(weak.json<{ errors: string[] }>().errors, ['password-contains-login']);
      assert.match(weak.json<{ detail: string }>().detail, /contains the login/);
      assert.equal((await change(TEST_PASSWORD, 'Tulipe-Orage-73-bis')).statusCode, 204);
      assert.equal((await call('GET', '/api/me', pro.token)).statusCode, 200);
      assert.equal((await call('GET', '/api/me', other)).statusCode, 401);
      assert.equal((await passwordStep(pro.login)).statusCode, 401);
      assert.equal((await passwordStep(pro.login, 'Tulipe-Orage-73-bis')).statusCode, 200);
    });

    test('accounts are created only with a password that passes the policy', async () => {
      await assert.rejects(
        relais.services.directory.createAccounts([
          {
            login: 'dr.weak',
            password: 'azerty123',
            kind: 'patient',
            practitionerId: null,
            patientId: '00000000-0000-4000-8000-000000000001',
            roles: [],
            locale: 'fr',
          },
        ]),
        { code: 'invalid-input', details: ['password-too-short', 'password-common'] },
      );
    });
  });
}
