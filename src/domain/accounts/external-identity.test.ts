import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rppsOfClaims } from './external-identity.ts';

test('the RPPS comes from the PSC idNatPs ("8" + RPPS) or a bare RPPS; anything else links nobody', () => {
  assert.equal(rppsOfClaims({ sub: 'f:abc', preferred_username: '810001234567' }), '10001234567');
  assert.equal(rppsOfClaims({ sub: 'x', SubjectNameID: '810001234567' }), '10001234567');
  assert.equal(rppsOfClaims({ sub: '10001234567' }), '10001234567');
  assert.equal(rppsOfClaims({ sub: 'opaque', preferred_username: '010001234567' }), null);
  assert.equal(rppsOfClaims({ sub: 'opaque', preferred_username: 'dr.martin' }), null);
});
