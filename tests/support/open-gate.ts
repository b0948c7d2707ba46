import type { AccessBasis, AccessPurpose } from '../../src/domain/access/patient-access-policy.ts';
import type { PatientAccess } from '../../src/domain/access/patient-access-service.ts';
import type { PatientScope } from '../../src/domain/access/patient-scope.ts';

/**
 * A patient gate for use-case unit tests: it opens every patient on `basis`, hides nothing, and
 * tells `onOpen` each purpose it was opened for.
 */
export function gateOpeningOn(
  basis: AccessBasis,
  onOpen: (purpose: AccessPurpose) => void = () => {},
): PatientAccess {
  const open: PatientAccess['open'] = (principal, patientId, purpose) => {
    onOpen(purpose);
    const scope = { patientId, principal, purpose, basis, expiresAt: null, hiddenCategories: [] };
    return Promise.resolve(scope as unknown as PatientScope);
  };
  return {
    open,
    read: async (principal, patientId, purpose, origin, readWith) =>
      readWith(await open(principal, patientId, purpose, origin)),
    requireCategory: () => Promise.resolve(),
  };
}
