import type { Bundle, Resource } from '@medplum/fhirtypes';
import { deepFrozen } from '../domain/shared/deep-frozen.ts';

/** The UTF-8 JSON of the resources made once (`serializedOnce`), by the resource. */
const bytesOf = new WeakMap<object, Buffer>();

/**
 * The resource, frozen, with its JSON made now, as UTF-8 bytes, and kept for `resourceJson`: for a
 * resource that never changes (a version of a Patient, say) and is sent again and again.
 */
export function serializedOnce<T extends Resource>(resource: T): T {
  const frozen = deepFrozen(resource);
  bytesOf.set(frozen, Buffer.from(JSON.stringify(frozen)));
  return frozen;
}

/**
 * The resource's JSON, as JSON.stringify writes it, in UTF-8 bytes ready for the socket: a Bundle's
 * entries each with their resource's bytes, which `serializedOnce` may already have made. A Bundle is
 * written as pieces put end to end, so the bytes kept are copied, never parsed, stringified or
 * transcoded again (a search page is some twenty kept Patients).
 */
export function resourceJson(resource: Resource): Buffer {
  const out = new JsonBytes();
  writeResource(resource, out);
  return out.bytes();
}

/**
 * JSON written as text and kept bytes in turn; the text between two kept pieces is encoded once, and
 * a kept resource sent alone (a read) is sent as it is kept, uncopied.
 */
class JsonBytes {
  #text = '';
  readonly #pieces: Buffer[] = [];

  text(text: string): void {
    this.#text += text;
  }

  kept(bytes: Buffer): void {
    this.#flushText();
    this.#pieces.push(bytes);
  }

  bytes(): Buffer {
    this.#flushText();
    const [only, ...others] = this.#pieces;
    return only !== undefined && others.length === 0 ? only : Buffer.concat(this.#pieces);
  }

  #flushText(): void {
    if (this.#text !== '') this.#pieces.push(Buffer.from(this.#text));
    this.#text = '';
  }
}

function writeResource(resource: Resource, out: JsonBytes): void {
  const made = bytesOf.get(resource);
  if (made !== undefined) out.kept(made);
  else if (resource.resourceType === 'Bundle') writeBundle(resource, out);
  else out.text(JSON.stringify(resource));
}

function writeBundle(bundle: Bundle, out: JsonBytes): void {
  writeObject(bundle, out, (key, value) =>
    key === 'entry' && Array.isArray(value)
      ? () => {
          out.text('[');
          value.forEach((entry: object, index) => {
            if (index > 0) out.text(',');
            writeObject(entry, out, (field, resource) =>
              field === 'resource' ? () => writeResource(resource as Resource, out) : undefined,
            );
          });
          out.text(']');
        }
      : undefined,
  );
}

/**
 * An object's JSON, its fields in order, as JSON.stringify writes them (a field whose value has no
 * JSON, undefined say, is left out), except those `special` gives a writer for.
 */
function writeObject(
  object: object,
  out: JsonBytes,
  special: (key: string, value: unknown) => (() => void) | undefined,
): void {
  let separator = '{';
  for (const [key, value] of Object.entries(object)) {
    const write = special(key, value);
    const json = write === undefined ? (JSON.stringify(value) as string | undefined) : '';
    if (json === undefined) continue;
    out.text(`${separator}${JSON.stringify(key)}:${json}`);
    separator = ',';
    write?.();
  }
  out.text(separator === '{' ? '{}' : '}');
}
