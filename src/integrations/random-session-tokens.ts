import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { SessionTokens } from '../domain/accounts/account-ports.ts';

// No 0/O, 1/I/L: recovery codes are read off paper and typed back.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** 256-bit random tokens; the database keeps only their SHA-256. */
export const randomSessionTokens: SessionTokens = {
  issue() {
    const token = randomBytes(32).toString('base64url');
    return { token, tokenHash: sha256(token) };
  },
  hashOf: sha256,
  // 16 characters of 31: about 79 bits, enough for a fast hash at rest.
  recoveryCode() {
    const characters = Array.from({ length: 16 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
    return characters.join('').replace(/(.{4})(?=.)/gu, '$1-');
  },
};

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
