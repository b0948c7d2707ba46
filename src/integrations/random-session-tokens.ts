import { createHash, randomBytes } from 'node:crypto';
import type { SessionTokens } from '../domain/accounts/account-ports.ts';

/** 256-bit random tokens; the database keeps only their SHA-256. */
export const randomSessionTokens: SessionTokens = {
  issue() {
    const token = randomBytes(32).toString('base64url');
    return { token, tokenHash: sha256(token) };
  },
  hashOf: sha256,
};

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
