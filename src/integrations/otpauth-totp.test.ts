import assert from 'node:assert/strict';
import { test } from 'node:test';
import { URL } from 'node:url';
import { otpauthTotp, totpCodeAt } from './otpauth-totp.ts';

// RFC 6238 Appendix B: the SHA-1 test secret "12345678901234567890" (base32 below), 59 s → 94287082 (8 digits),
// whose last 6 digits are the 6-digit code.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test('codes follow RFC 6238 (SHA-1, 30 s steps, 6 digits)', () => {
  assert.equal(totpCodeAt(RFC_SECRET, new Date(59_000)), '287082');
  assert.equal(totpCodeAt(RFC_SECRET, new Date(1_111_111_109_000)), '081804');
});

test('a code matches its step and one step of drift either side, and nothing further', () => {
  const at = new Date('2026-11-23T10:00:10Z');
  const step = Math.floor(at.getTime() / 30_000);
  const code = totpCodeAt(RFC_SECRET, at);
  assert.equal(otpauthTotp.stepOf(RFC_SECRET, code, at), step);
  assert.equal(otpauthTotp.stepOf(RFC_SECRET, code, new Date(at.getTime() + 30_000)), step);
  assert.equal(otpauthTotp.stepOf(RFC_SECRET, code, new Date(at.getTime() - 30_000)), step);
  assert.equal(otpauthTotp.stepOf(RFC_SECRET, code, new Date(at.getTime() + 90_000)), null);
  assert.equal(otpauthTotp.stepOf(RFC_SECRET, 'abcdef', at), null);
  assert.equal(otpauthTotp.stepOf(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, at), step);
});

test('a new secret is 160 bits and its URI carries the authenticator parameters', () => {
  const secret = otpauthTotp.newSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const uri = new URL(otpauthTotp.uri(secret, 'dr.martin'));
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.searchParams.get('secret'), secret);
  assert.equal(uri.searchParams.get('issuer'), 'Relais');
  assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
  assert.equal(uri.searchParams.get('digits'), '6');
  assert.equal(uri.searchParams.get('period'), '30');
});
