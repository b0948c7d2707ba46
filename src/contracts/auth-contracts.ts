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

export const Me = Type.Object({
  accountId: Uuid,
  kind: Type.Union([Type.Literal('professional'), Type.Literal('patient')]),
  displayName: Type.String(),
  locale: Type.Union([Type.Literal('fr'), Type.Literal('en')]),
  practitionerId: Nullable(Uuid),
  patientId: Nullable(Uuid),
  /** Account roles (e.g. admin), so the interface offers what the account may administer. */
  roles: ReadonlyList(Type.Literal('admin')),
});
export type Me = Static<typeof Me>;

export const LoginResponse = Type.Object({
  token: Type.String({ description: 'Bearer token for API clients; the web app uses the session cookie' }),
  expiresAt: Type.String({ format: 'date-time' }),
  me: Me,
});
export type LoginResponse = Static<typeof LoginResponse>;
