import { Type } from 'typebox';
import { Uuid } from './common-contracts.ts';

export const CareTeamMemberParams = Type.Object({ patientId: Uuid, memberId: Uuid });

/** Ending a membership says why; the timeline keeps it. */
export const EndMembershipRequest = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
