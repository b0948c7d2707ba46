import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { deepFrozen } from '../domain/shared/deep-frozen.ts';

/** The UTF-8 JSON of the resources made once (`serializedOnce`), by the resource. */
const bytesOf = new WeakMap<object, Buffer>();

/**
 * Stands in for a kept resource in a Bundle's JSON until its bytes replace it. Random for the
 * process and never sent, so no data in the Bundle can spell it.
 */
const STAND_IN = randomUUID();
/** The stand-in as JSON.stringify writes it, in the Bundle's JSON bytes. */
const STAND_IN_JSON = Buffer.from(JSON.stringify(STAND_IN));

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
 * The resource's JSON, as JSON.stringify writes it, in UTF-8 bytes ready for the socket. A kept
 * resource (`serializedOnce`) is its kept bytes, uncopied. A Bundle is JSON.stringify's text of the
 * Bundle with a stand-in for each entry's kept resource, encoded once, the kept bytes then copied in
 * the stand-ins' places: a search page of twenty kept Patients is never stringified or transcoded
 * again, and the rest of the Bundle is written by JSON.stringify alone.
 */
export function resourceJson(resource: Resource): Buffer {
  const kept = bytesOf.get(resource);
  if (kept !== undefined) return kept;
  const stoodIn: Buffer[] = [];
  const json = Buffer.from(
    JSON.stringify(resource.resourceType === 'Bundle' ? withStandIns(resource, stoodIn) : resource),
  );
  return stoodIn.length === 0 ? json : withBytesIn(json, stoodIn);
}

/** The Bundle, each entry's kept resource replaced by the stand-in, its bytes pushed to `stoodIn` in order. */
function withStandIns(bundle: Bundle, stoodIn: Buffer[]): Bundle {
  if (bundle.entry === undefined) return bundle;
  const entry = bundle.entry.map((each): BundleEntry => {
    const bytes = each.resource === undefined ? undefined : bytesOf.get(each.resource);
    if (bytes === undefined) return each;
    stoodIn.push(bytes);
    return { ...each, resource: STAND_IN as unknown as Resource };
  });
  // The spread keeps the fields' order: `entry` keeps its place.
  return stoodIn.length === 0 ? bundle : { ...bundle, entry };
}

/** The JSON with each stand-in, in order, replaced by the bytes it stood in for. */
function withBytesIn(json: Buffer, stoodIn: readonly Buffer[]): Buffer {
  const length = stoodIn.reduce((sum, bytes) => sum + bytes.length - STAND_IN_JSON.length, json.length);
  const out = Buffer.allocUnsafe(length);
  let from = 0;
  let at = 0;
  for (const bytes of stoodIn) {
    const standIn = json.indexOf(STAND_IN_JSON, from);
    if (standIn < 0) throw new Error('a stand-in is missing from the Bundle JSON');
    at += json.copy(out, at, from, standIn);
    at += bytes.copy(out, at);
    from = standIn + STAND_IN_JSON.length;
  }
  json.copy(out, at, from);
  return out;
}
