import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPasswordAcceptable, DEFAULT_PASSWORD_POLICY, passwordProblems } from './password-policy.ts';

const check = (password: string, login = 'dr.martin', current?: string) =>
  passwordProblems(password, login, DEFAULT_PASSWORD_POLICY, current);

test('a long passphrase passes; a short one, the login inside, or a common password does not', () => {
  assert.deepEqual(check('correct horse battery staple'), []);
  assert.deepEqual(check('Tulipe-Orage-73'), []);
  assert.deepEqual(check('Orage-bleu1'), ['password-too-short']);
  assert.deepEqual(check('12345678901'), ['password-too-short', 'password-common']);
  assert.deepEqual(check('moi-Dr.Martin-2026'), ['password-contains-login']);
  assert.deepEqual(check('Motdepasse2024!'), ['password-common']);
  assert.deepEqual(check('azertyazerty'), ['password-common']);
  assert.deepEqual(check('aaaaaaaaaaaaaaa'), ['password-common']);
  assert.deepEqual(check('correct horse battery staple', 'x', 'correct horse battery staple'), [
    'password-unchanged',
  ]);
});

test('length counts characters, not bytes, and the minimum is configurable', () => {
  assert.deepEqual(check('éèàùçôîêâûëï'), []);
  assert.deepEqual(passwordProblems('Tulipe-Orage-73', 'x', { minLength: 16 }), ['password-too-short']);
});

test('a refused password says every reason, with the codes the web app translates', () => {
  assert.throws(() => assertPasswordAcceptable('password1', 'dr.x', DEFAULT_PASSWORD_POLICY), {
    code: 'invalid-input',
    message: 'password refused: it has fewer than 12 characters; it is a very common password',
    details: ['password-too-short', 'password-common'],
  });
});
