/**
 * The value with every object reachable from it frozen, for values shared by every caller that reads
 * them (a kept version, its FHIR form): a caller that tried to change one would throw, not change it
 * under the others. A Date's time stays settable (it is no field); nothing here sets it.
 */
export function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFrozen);
    Object.freeze(value);
  }
  return value;
}
