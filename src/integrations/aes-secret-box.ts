import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../domain/accounts/account-ports.ts';

const SEALED = 'a256gcm:';
const PLAIN = 'plain:';

/**
 * AES-256-GCM with the key of RELAIS_SECRETS_KEY (32 bytes, base64), so a database dump alone does not
 * give the TOTP secrets away. Without a key (the demo), secrets are kept marked `plain:` and the start
 * logs a warning; a sealed secret then cannot be opened, which fails the log-in rather than bypass it.
 */
export function createSecretBox(key: Buffer | null): SecretBox {
  return {
    seal(secret) {
      if (key === null) return PLAIN + secret;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return SEALED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (sealed.startsWith(PLAIN)) return sealed.slice(PLAIN.length);
      if (!sealed.startsWith(SEALED) || key === null)
        throw new Error('sealed secret cannot be opened: no key');
      const bytes = Buffer.from(sealed.slice(SEALED.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
