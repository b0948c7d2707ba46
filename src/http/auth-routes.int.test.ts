import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createRelais, type Relais } from '../app.ts';
import { readConfig } from '../config.ts';
import { bearer, createPatient, createProfessional, TEST_PASSWORD } from '../../tests/support/factories.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

describe('sign-in and sessions', () => {
  let relais: Relais;
  before(async () => {
    relais = await startTestRelais('pglite', { loginRateLimit: { max: 3, timeWindow: 60_000 } });
  });
  after(() => relais.close());

  test('log-in sets an httpOnly SameSite cookie that works like the bearer token, and log-out ends it', async () => {
    const pro = await createProfessional(relais);
    const login = await relais.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: pro.login.toUpperCase(), password: TEST_PASSWORD },
    });
    assert.equal(login.statusCode, 200, login.body);
    const cookie = login.cookies.find((c) => c.name === 'relais_session');
    assert.ok(cookie !== undefined);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    const me = await relais.http.inject({ url: '/api/me', cookies: { relais_session: cookie.value } });
    assert.equal(me.json<{ practitionerId: string }>().practitionerId, pro.practitionerId);
    const stored = await relais.database.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('login', '=', pro.login)
      .executeTakeFirstOrThrow();
    assert.match(stored.password_hash, /^\$argon2id\$/);
    // A cookie session proves a state change with the readable CSRF cookie's value in a header.
    const csrf = login.cookies.find((c) => c.name === 'relais_csrf');
    assert.ok(csrf !== undefined);
    assert.equal(csrf.httpOnly, undefined);
    const logout = await relais.http.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { relais_session: cookie.value },
      headers: { 'x-csrf-token': csrf.value },
    });
    assert.equal(logout.statusCode, 204);
    assert.equal(
      (await relais.http.inject({ url: '/api/me', cookies: { relais_session: cookie.value } })).statusCode,
      401,
    );
  });

  test('a wrong password and an unknown login get the same 401, and repeated tries get 429', async () => {
    const pro = await createProfessional(relais); // its own log-in counts as the first try
    const wrong = await relais.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: pro.login, password: 'nope' },
    });
    const unknown = await relais.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'nobody', password: 'nope' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json<{ detail: string }>().detail, unknown.json<{ detail: string }>().detail);
    await relais.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: pro.login, password: 'nope' },
    });
    const limited = await relais.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: pro.login, password: TEST_PASSWORD },
    });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json<{ code: string }>().code, 'rate-limited');
  });

  test('a forged or expired token is refused', async () => {
    assert.equal((await relais.http.inject({ url: '/api/me', headers: bearer('forged') })).statusCode, 401);
  });
});

test('the logs carry no patient name or identifier', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const relais = await createRelais(
    {
      ...readConfig({}),
      database: { kind: 'pglite', dataDir: 'memory://' },
      loginRateLimit: { max: 100, timeWindow: 60_000 },
    },
    { logger: pino({ level: 'debug' }, sink) },
  );
  try {
    const gp = await createProfessional(relais);
    const patientId = await createPatient(relais, [gp.practitionerId], {
      identity: { birthFamilyName: 'Zéphyrin', birthDate: '1980-05-12' },
    });
    await relais.http.inject({ url: '/api/patients?q=zephyrin', headers: bearer(gp.token) });
    await relais.http.inject({ url: '/api/patients?q=12/05/1980', headers: bearer(gp.token) });
    await relais.http.inject({ url: `/api/patients/${patientId}`, headers: bearer(gp.token) });
    const log = lines.join('');
    assert.ok(log.includes('"route":"/api/patients"'), 'requests are logged');
    for (const secret of ['zephyrin', 'Zéphyrin', '1980', patientId])
      assert.ok(!log.includes(secret), `log contains ${secret}`);
  } finally {
    await relais.close();
  }
});
