import { Secret, TOTP } from 'otpauth';
import type { TotpAlgorithm } from '../domain/accounts/account-ports.ts';
import { TOTP_ISSUER } from '../domain/accounts/two-factor-service.ts';

// RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30-second steps.
const PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** TOTP through the `otpauth` library; secrets are 160 random bits (RFC 4226 §4 recommends that size). */
export const otpauthTotp: TotpAlgorithm = {
  newSecret: () => new Secret({ size: 20 }).base32,
  uri: (secret, label) =>
    new TOTP({ ...PARAMETERS, issuer: TOTP_ISSUER, label, secret: Secret.fromBase32(secret) }).toString(),
  stepOf(secret, code, at) {
    const token = code.replace(/\s/gu, '');
    if (!/^\d{6}$/u.test(token)) return null;
    const timestamp = at.getTime();
    // One step either side: a phone's clock a few seconds off still signs in.
    const delta = TOTP.validate({
      ...PARAMETERS,
      token,
      secret: Secret.fromBase32(secret),
      timestamp,
      window: 1,
    });
    return delta === null ? null : TOTP.counter({ period: PARAMETERS.period, timestamp }) + delta;
  },
};

/** The code of `secret` at `at` (tests and the demo). */
export function totpCodeAt(secret: string, at: Date): string {
  return TOTP.generate({ ...PARAMETERS, secret: Secret.fromBase32(secret), timestamp: at.getTime() });
}
