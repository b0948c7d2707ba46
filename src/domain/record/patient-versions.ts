import type { PatientScope } from '../access/patient-scope.ts';
import type { ValidIdentity } from '../identity/patient-registration.ts';

/** One version of a patient's identity: each change of the identity makes the next (ADR 0013). */
export interface VersionedIdentity {
  readonly patientId: string;
  readonly versionId: number;
  readonly lastUpdated: Date;
  readonly identity: ValidIdentity;
}

/** The version a patient's identity has when registered (the store numbers versions from 1). */
export const FIRST_IDENTITY_VERSION = 1;

/** Port: the versions of a patient's identity, read under an open scope. */
export interface PatientVersionReader {
  /** The current version; undefined when the patient does not exist. */
  current(scope: PatientScope): Promise<VersionedIdentity | undefined>;
  /** One version; undefined when it does not exist. */
  version(scope: PatientScope, versionId: number): Promise<VersionedIdentity | undefined>;
  /** Every version, newest first. */
  history(scope: PatientScope): Promise<VersionedIdentity[]>;
}
