/** Makes a fresh unique id (a UUID in production), injected so the domain stays free of I/O. */
export type NewId = () => string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text is a UUID: checked before it reaches a `uuid` column, which would refuse it with a 500. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
