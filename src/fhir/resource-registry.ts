import type { Resource } from '@medplum/fhirtypes';
import type { DirectoryReader } from '../domain/directory/directory-reader.ts';
import type { PatientIdentityService } from '../domain/record/patient-identity-service.ts';
import type { RecordPartService } from '../domain/record/record-part-service.ts';
import type { AuditLogService } from '../domain/audit/audit-log-service.ts';
import { appointmentModule } from './appointment/appointment-module.ts';
import { auditEventModule } from './audit/audit-event-module.ts';
import { careTeamModule } from './care-team/care-team-module.ts';
import { organizationModule } from './directory/organization-module.ts';
import { practitionerModule } from './directory/practitioner-module.ts';
import { practitionerRoleModule } from './directory/practitioner-role-module.ts';
import { binaryModule } from './document-reference/binary-module.ts';
import { documentReferenceModule } from './document-reference/document-reference-module.ts';
import { encounterModule } from './encounter/encounter-module.ts';
import type { PathwayService } from '../domain/pathways/pathway-service.ts';
import type { SharingService } from '../domain/sharing/sharing-service.ts';
import type { ReferralReadService } from '../domain/referrals/referral-read-service.ts';
import type { ReferralService } from '../domain/referrals/referral-service.ts';
import type { TaskService } from '../domain/tasks/task-service.ts';
import type { WorklistService } from '../domain/tasks/worklist-service.ts';
import { carePlanModule } from './coordination/care-plan-module.ts';
import { communicationModule } from './coordination/communication-module.ts';
import { consentModule } from './coordination/consent-module.ts';
import { serviceRequestModule } from './coordination/service-request-module.ts';
import { taskModule } from './coordination/task-module.ts';
import type { ClinicalDependencies } from './clinical/clinical-module.ts';
import { clinicalModules } from './clinical/clinical-modules.ts';
import { planDefinitionModule } from './pathways/plan-definition-module.ts';
import { patientModule } from './patient/patient-module.ts';
import type { ResourceModule } from './resource-module.ts';

/** What the served modules need from the application. */
export interface FhirModuleDependencies extends ClinicalDependencies {
  readonly patientIdentities: PatientIdentityService;
  readonly directoryReader: DirectoryReader;
  readonly recordParts: RecordPartService;
  readonly referralReads: ReferralReadService;
  readonly referrals: ReferralService;
  readonly tasks: TaskService;
  readonly worklist: WorklistService;
  readonly pathways: PathwayService;
  readonly sharing: SharingService;
  readonly auditLog: AuditLogService;
}

/**
 * The one registry of served FHIR resource types: the server registers their routes from it and the
 * CapabilityStatement lists it. A new type (Condition, Observation…) is one more module here.
 */
export function fhirResourceModules(deps: FhirModuleDependencies): readonly ResourceModule[] {
  return [
    served(patientModule(deps.patientIdentities)),
    served(practitionerModule(deps.directoryReader)),
    served(practitionerRoleModule(deps.directoryReader)),
    served(organizationModule(deps.directoryReader)),
    served(careTeamModule(deps.recordParts)),
    served(encounterModule(deps.recordParts)),
    served(documentReferenceModule(deps.recordParts)),
    served(binaryModule(deps.recordParts)),
    served(appointmentModule(deps.recordParts)),
    served(serviceRequestModule(deps.referralReads)),
    served(taskModule(deps)),
    served(communicationModule(deps)),
    served(carePlanModule(deps.pathways)),
    served(planDefinitionModule(deps.pathways)),
    served(consentModule(deps.sharing)),
    served(auditEventModule(deps.auditLog)),
    ...clinicalModules(deps),
  ];
}

/**
 * A module's handlers take its own type; the plugin checks resourceType before calling them, so the
 * registry may hold them as modules of any resource.
 */
const served = <R extends Resource>(module: ResourceModule<R>) => module as unknown as ResourceModule;
