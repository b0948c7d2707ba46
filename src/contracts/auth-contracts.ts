import { Type, type Static } from 'typebox';
import { Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

export const LoginRequest = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const AccountRoleCode = Type.Union([Type.Literal('admin'), Type.Literal('dpo')]);

export const Me = Type.Object({
  accountId: Uuid,
  kind: Type.Union([Type.Literal('professional'), Type.Literal('patient')]),
  displayName: Type.String(),
  locale: Type.Union([Type.Literal('fr'), Type.Literal('en')]),
  practitionerId: Nullable(Uuid),
  patientId: Nullable(Uuid),
  /** Account roles that count now (e.g. admin), so the interface offers what the account may administer. */
  roles: ReadonlyList(AccountRoleCode),
  twoFactor: Type.Object({
    enabled: Type.Boolean(),
    /** The account holds a role (admin, DPO) that counts only once TOTP is on: send it to enrolment. */
    enrolmentRequired: Type.Boolean(),
  }),
});
export type Me = Static<typeof Me>;

export const SignedInResponse = Type.Object({
  token: Type.String({ description: 'Bearer token for API clients; the web app uses the session cookie' }),
  expiresAt: Type.String({ format: 'date-time' }),
  me: Me,
});
export type SignedInResponse = Static<typeof SignedInResponse>;

export const SecondFactorResponse = Type.Object({
  secondFactor: Type.Literal('totp'),
  challenge: Type.String({ description: 'Send it back with the code to POST /api/auth/login/second-factor' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type SecondFactorResponse = Static<typeof SecondFactorResponse>;

/** A session, or (account with TOTP) the second step to take. */
export const LoginResponse = Type.Union([SignedInResponse, SecondFactorResponse]);
export type LoginResponse = Static<typeof LoginResponse>;

export const SecondFactorRequest = Type.Union([
  Type.Object(
    {
      challenge: Type.String({ minLength: 1, maxLength: 200 }),
      code: Type.String({ minLength: 1, maxLength: 20 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      challenge: Type.String({ minLength: 1, maxLength: 200 }),
      recoveryCode: Type.String({ minLength: 1, maxLength: 40 }),
    },
    { additionalProperties: false },
  ),
]);
export type SecondFactorRequest = Static<typeof SecondFactorRequest>;

/** How this deployment lets people sign in (the log-in page shows the external provider's button). */
export const AuthOptions = Type.Object({ oidc: Type.Boolean() });
export type AuthOptions = Static<typeof AuthOptions>;

export const PasswordChangeRequest = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 500 }),
    newPassword: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type PasswordChangeRequest = Static<typeof PasswordChangeRequest>;

export const TotpEnrolment = Type.Object({
  secret: Type.String({ description: 'Base32; shown once, for typing into an authenticator app' }),
  uri: Type.String({ description: 'otpauth:// URI (RFC 6238 parameters: SHA-1, 6 digits, 30 s)' }),
});
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const TotpConfirmation = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);
export type TotpConfirmation = Static<typeof TotpConfirmation>;

export const RecoveryCodes = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'Each works once; shown only now' }),
});
export type RecoveryCodes = Static<typeof RecoveryCodes>;
