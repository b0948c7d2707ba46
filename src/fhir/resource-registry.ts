import type { PatientIdentityService } from '../domain/record/patient-identity-service.ts';
import type { PathwayService } from '../domain/pathways/pathway-service.ts';
import type { SharingService } from '../domain/sharing/sharing-service.ts';
import type { ReferralReadService } from '../domain/referrals/referral-read-service.ts';
import type { TaskService } from '../domain/tasks/task-service.ts';
import type { WorklistService } from '../domain/tasks/worklist-service.ts';
import { carePlanModule } from './coordination/care-plan-module.ts';
import { consentModule } from './coordination/consent-module.ts';
import { serviceRequestModule } from './coordination/service-request-module.ts';
import { taskModule } from './coordination/task-module.ts';
import { patientModule } from './patient/patient-module.ts';
import type { ResourceModule } from './resource-module.ts';

/** What the served modules need from the application. */
export interface FhirModuleDependencies {
  readonly patientIdentities: PatientIdentityService;
  readonly referralReads: ReferralReadService;
  readonly tasks: TaskService;
  readonly worklist: WorklistService;
  readonly pathways: PathwayService;
  readonly sharing: SharingService;
}

/**
 * The one registry of served FHIR resource types: the server registers their routes from it and the
 * CapabilityStatement lists it. A new type (Condition, Observation…) is one more module here.
 */
export function fhirResourceModules(deps: FhirModuleDependencies): readonly ResourceModule[] {
  // A module's handlers take its own type; the plugin checks resourceType before calling them, so the
  // registry may hold them as modules of any resource.
  return [
    patientModule(deps.patientIdentities) as unknown as ResourceModule,
    serviceRequestModule(deps.referralReads) as unknown as ResourceModule,
    taskModule(deps) as unknown as ResourceModule,
    carePlanModule(deps.pathways) as unknown as ResourceModule,
    consentModule(deps.sharing) as unknown as ResourceModule,
  ];
}
