import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, ReadonlyList, Uuid } from './common-contracts.ts';

/** Why the professional needs the record now; trimmed, it must keep 10 to 1000 characters. */
export const BreakGlassRequest = Type.Object(
  {
    reason: Type.String({
      minLength: 10,
      maxLength: 1000,
      description: 'why this emergency needs the record (10 to 1000 characters, trimmed)',
    }),
  },
  { additionalProperties: false },
);
export type BreakGlassRequest = Static<typeof BreakGlassRequest>;

/** The emergency access is open until `expiresAt`; the record then says so (basis `break-glass`). */
export const BreakGlassGranted = Type.Object({ expiresAt: IsoDateTime });
export type BreakGlassGranted = Static<typeof BreakGlassGranted>;

/** How long an emergency access lasts here, for the form that asks for one. */
export const BreakGlassPolicy = Type.Object({ hours: Type.Integer({ minimum: 1, maximum: 24 }) });
export type BreakGlassPolicy = Static<typeof BreakGlassPolicy>;

/** The emergency accesses to my record (the patient's portal): who, from where, when, until when, why. */
export const PortalEmergencyAccessList = Type.Object({
  items: ReadonlyList(
    Type.Object({
      id: Uuid,
      holderName: Type.String(),
      organization: Nullable(Type.String()),
      reason: Type.String(),
      grantedAt: IsoDateTime,
      expiresAt: IsoDateTime,
    }),
  ),
});
export type PortalEmergencyAccessList = Static<typeof PortalEmergencyAccessList>;
