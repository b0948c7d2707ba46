import type { Patient } from '@medplum/fhirtypes';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { correctionsOf } from '../../domain/patient-rights/identity-rectification.ts';
import type { PatientIdentityService } from '../../domain/record/patient-identity-service.ts';
import { badRequest, FhirError, issue } from '../fhir-error.ts';
import { validateFhirResource } from '../fhir-validator.ts';
import type { FhirCaller, ResourceModule } from '../resource-module.ts';
import type { SearchRequest } from '../search/search-request.ts';
import { existingMatch } from '../conditional-create.ts';
import { FR_CORE_PATIENT_PROFILE } from '../fr-core.ts';
import { patientFromFhir } from './patient-from-fhir.ts';
import { createPatientRepresentations } from './patient-representations.ts';
import { PATIENT_SEARCH_PARAMS, PATIENT_SORTABLE, isPatientId, patientCriteriaOf } from './patient-search.ts';
import { patientToFhir } from './patient-to-fhir.ts';

/** Why a FHIR update corrects the identity, for the rectification's history. */
const FHIR_UPDATE_REASON = 'updated through the FHIR API (PUT Patient)';

/**
 * Patient: the domain's patient identity at the FHIR edge. Reads, versions and history through the
 * access gate (audited); search within the caller's reach; create through the registration (the caller
 * joins the care team: as médecin traitant when `generalPractitioner` names them, else as coordinator);
 * update through the identity rectification, with the version the client saw.
 */
export function patientModule(patients: PatientIdentityService): ResourceModule<Patient> {
  const representation = createPatientRepresentations();
  const search = async (caller: FhirCaller, request: SearchRequest) => {
    const page = await patients.search(caller.principal, patientCriteriaOf(request), caller.origin);
    return { total: page.total, resources: page.patients.map(representation) };
  };
  return {
    type: 'Patient',
    profiles: [FR_CORE_PATIENT_PROFILE],
    searchParams: PATIENT_SEARCH_PARAMS,
    sortable: PATIENT_SORTABLE,

    async read({ principal, origin }, id) {
      return representation(await patients.read(principal, requirePatientId(id), origin));
    },

    async vread({ principal, origin }, id, versionId) {
      const version = /^[1-9]\d{0,8}$/.test(versionId) ? Number(versionId) : undefined;
      if (version === undefined) throw new DomainError('not-found', `no version '${versionId}'`);
      return representation(await patients.readVersion(principal, requirePatientId(id), version, origin));
    },

    async history({ principal, origin }, id) {
      return (await patients.history(principal, requirePatientId(id), origin)).map(patientToFhir);
    },

    search,

    async create(caller, resource, ifNoneExist) {
      const reading = readPatient(resource);
      if (ifNoneExist !== undefined) {
        const existing = await existingMatch(ifNoneExist, PATIENT_SEARCH_PARAMS, (request) =>
          search(caller, request),
        );
        if (existing !== undefined) return { resource: existing, created: false };
      }
      const { principal, origin } = caller;
      const self = principal.kind === 'professional' ? `Practitioner/${principal.practitionerId}` : '';
      reading.generalPractitioners.forEach((reference, index) => {
        if (reference !== self)
          throw new FhirError(422, [
            issue(
              'not-supported',
              'generalPractitioner may only name yourself (Practitioner/<your id>): you become the médecin traitant',
              `Patient.generalPractitioner[${index}]`,
            ),
          ]);
      });
      const role = reading.generalPractitioners.length > 0 ? 'medecin_traitant' : 'coordinator';
      const created = await patients.register(principal, reading.identity, role, origin);
      return { resource: patientToFhir(created), created: true };
    },

    async update({ principal, origin }, id, resource, ifMatch) {
      requirePatientId(id);
      if (resource.id !== id)
        throw badRequest(
          `the resource's id (${resource.id ?? 'none'}) must be the one in the URL (${id})`,
          'Patient.id',
        );
      const { identity, generalPractitioners } = readPatient(resource);
      if (generalPractitioners.length > 0)
        throw new FhirError(422, [
          issue('not-supported', 'the care team is not changed by an update', 'Patient.generalPractitioner'),
        ]);
      const updated = await patients.correct(
        principal,
        id,
        { corrections: correctionsOf(identity), identityStatus: identity.identityStatus },
        { reason: FHIR_UPDATE_REASON, expectedVersion: versionOfIfMatch(ifMatch) },
        origin,
      );
      return patientToFhir(updated);
    },
  };
}

/** Checks the resource against R4 (400 with each issue's path), then reads it for the domain (422). */
function readPatient(resource: Patient) {
  const invalid = validateFhirResource(resource);
  if (invalid.length > 0) throw new FhirError(400, invalid);
  const reading = patientFromFhir(resource);
  if (!reading.ok) throw new FhirError(422, reading.issues);
  return reading;
}

function requirePatientId(id: string): string {
  if (!isPatientId(id)) throw new DomainError('not-found', `no Patient with id '${id}'`);
  return id;
}

/** The version in `If-Match: W/"n"` (the strong form is taken too); 400 when it is not one. */
function versionOfIfMatch(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(ifMatch.trim());
  if (match === null) throw badRequest(`If-Match must be W/"<versionId>", got '${ifMatch}'`);
  return Number(match[1]);
}
