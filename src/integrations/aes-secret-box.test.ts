import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createSecretBox } from './aes-secret-box.ts';

test('with a key, a sealed secret does not show the secret and opens only with that key', () => {
  const box = createSecretBox(randomBytes(32));
  const sealed = box.seal('JBSWY3DPEHPK3PXP');
  assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/);
  assert.notEqual(box.seal('JBSWY3DPEHPK3PXP'), sealed);
  assert.equal(box.open(sealed), 'JBSWY3DPEHPK3PXP');
  assert.throws(() => createSecretBox(randomBytes(32)).open(sealed));
  assert.throws(() => createSecretBox(null).open(sealed), /no key/);
});

test('without a key (the demo), secrets are kept marked as unsealed', () => {
  const box = createSecretBox(null);
  assert.equal(box.open(box.seal('JBSWY3DPEHPK3PXP')), 'JBSWY3DPEHPK3PXP');
});
