import type { PatientIdentityService } from '../domain/record/patient-identity-service.ts';
import type { ClinicalDependencies } from './clinical/clinical-module.ts';
import { clinicalModules } from './clinical/clinical-modules.ts';
import { patientModule } from './patient/patient-module.ts';
import type { ResourceModule } from './resource-module.ts';

/** What the served modules need from the application. */
export interface FhirModuleDependencies extends ClinicalDependencies {
  readonly patientIdentities: PatientIdentityService;
}

/**
 * The one registry of served FHIR resource types: the server registers their routes from it and the
 * CapabilityStatement lists it. A new type (Condition, Observation…) is one more module here.
 */
export function fhirResourceModules(deps: FhirModuleDependencies): readonly ResourceModule[] {
  // A module's handlers take its own type; the plugin checks resourceType before calling them, so the
  // registry may hold them as modules of any resource.
  return [patientModule(deps.patientIdentities) as unknown as ResourceModule, ...clinicalModules(deps)];
}
