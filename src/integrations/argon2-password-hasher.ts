import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../domain/accounts/account-ports.ts';

/** argon2id (the library's default algorithm) with its default cost (19 MiB, 2 passes: OWASP's minimum). */
export const argon2PasswordHasher: PasswordHasher = {
  hash: (password) => hash(password),
  verify: async (passwordHash, password) => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false; // a malformed stored hash never signs anyone in
    }
  },
};
