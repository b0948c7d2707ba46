import type { DataCategory } from './data-category.ts';
import type { AccessBasis, AccessPurpose } from './patient-access-policy.ts';
import type { Principal } from './principal.ts';

declare const grantedByAccessCheck: unique symbol;

/**
 * Proof that an access check allowed `principal` to act on `patientId` for `purpose`, and that the
 * audit entry is durable. Every patient-data port takes one, so the store cannot be read around the check.
 * Readers leave out the `hiddenCategories`. Only patient-access-service.ts creates it.
 */
export interface PatientScope {
  readonly patientId: string;
  readonly principal: Principal;
  readonly purpose: AccessPurpose;
  readonly basis: AccessBasis;
  /** When a break-the-glass access ends; null otherwise. */
  readonly expiresAt: Date | null;
  readonly hiddenCategories: readonly DataCategory[];
  /**
   * The version the patient's identity had when the check read its facts; null when it read none (a
   * patient's own access). A version never changes, so a reader may give it from what it keeps.
   */
  readonly identityVersion: number | null;
  readonly [grantedByAccessCheck]: true;
}

/** Whether data of `category` (null: no sensitive category) may be shown under `scope`. */
export function scopeShows(scope: PatientScope, category: DataCategory | null): boolean {
  return category === null || !scope.hiddenCategories.includes(category);
}
