import { Type, type TSchema } from 'typebox';

/** Nullable value: the API sends every field, with null when unknown. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/**
 * A response array the server builds from read-only domain lists: typed `readonly T[]`, the same JSON schema
 * as Type.Array (the immutable marker is not serialised).
 */
export const ReadonlyList = <T extends TSchema>(items: T) => Type.Immutable(Type.Array(items));

export const Uuid = Type.String({ format: 'uuid' });
/** A sensitive category the patient may restrict to named professionals (see domain/access/data-category.ts). */
export const DataCategory = Type.Union(
  [Type.Literal('mental-health'), Type.Literal('sexual-health'), Type.Literal('addiction')],
  { description: 'sensitive category: mental-health, sexual-health or addiction' },
);
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

/** A 204 response: documented as `null` in OpenAPI, typed `undefined` (no body) so the route replies with `send()`. */
export const NoContent = Type.Unsafe<undefined>({ type: 'null' });

export const CreatedId = Type.Object({ id: Uuid });
export const PatientIdParams = Type.Object({ patientId: Uuid });
