import { Type } from 'typebox';

/** Nullable value: the API sends every field, with null when unknown. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const IsoDateTime = Type.String({ format: 'date-time' });

/** RFC 9457 problem details: what every error response carries. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What is wrong, in words' }),
    code: Type.String({ description: 'Stable machine code: invalid-input, forbidden, not-found…' }),
    errors: Type.Optional(Type.Array(Type.String())),
  },
  { $id: 'Problem' },
);

export const CreatedId = Type.Object({ id: Uuid });
export const PatientIdParams = Type.Object({ patientId: Uuid });
