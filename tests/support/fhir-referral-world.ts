import assert from 'node:assert/strict';
import type { Resource } from '@medplum/fhirtypes';
import type { Relais } from '../../src/app.ts';
import { assertValidR4 } from '../../src/fhir/mappers/mapper-test-support.ts';
import { FHIR_PREFIX } from '../../src/http/fhir/fhir-plugin.ts';
import { bearer, createPatient, createProfessional } from './factories.ts';
import { validBody } from './route-bodies.ts';
import type { Dialect } from './test-database.ts';
import { startTestRelais } from './test-relais.ts';

export type Professional = Awaited<ReturnType<typeof createProfessional>>;

/**
 * The world of the FHIR coordination tests: a patient whose care team is a GP and a nurse, a
 * referral from the GP to a specialist outside the team, and a professional outside both.
 */
export interface ReferralWorld {
  readonly relais: Relais;
  readonly gp: Professional;
  readonly nurse: Professional;
  readonly specialist: Professional;
  readonly outsider: Professional;
  readonly patientId: string;
  readonly referralId: string;
  /** GET under /fhir/R4 as `who`: fails unless the status is `status` and the answer valid R4. */
  readonly get: <R extends Resource>(url: string, who: Professional, status?: number) => Promise<R>;
}

export async function startReferralWorld(dialect: Dialect): Promise<ReferralWorld> {
  const relais = await startTestRelais(dialect);
  const [gp, nurse, specialist, outsider] = await Promise.all([
    createProfessional(relais),
    createProfessional(relais, 'nurse'),
    createProfessional(relais),
    createProfessional(relais),
  ]);
  const patientId = await createPatient(relais, [gp.practitionerId, nurse.practitionerId]);
  const sent = await relais.http.inject({
    method: 'POST',
    url: `/api/patients/${patientId}/referrals`,
    headers: bearer(gp.token),
    payload: validBody('referrals', { practitionerId: specialist.practitionerId, patientId }) ?? {},
  });
  assert.equal(sent.statusCode, 201, sent.body);
  const get = async <R extends Resource>(url: string, who: Professional, status = 200) => {
    const response = await relais.http.inject({ url: `${FHIR_PREFIX}${url}`, headers: bearer(who.token) });
    assert.equal(response.statusCode, status, `${url}: ${response.body}`);
    const resource = response.json<R>();
    assertValidFhir(resource);
    return resource;
  };
  return {
    relais,
    gp,
    nurse,
    specialist,
    outsider,
    patientId,
    referralId: sent.json<{ id: string }>().id,
    get,
  };
}

/** Fails unless the resource, and every resource of a Bundle, is valid R4. */
export function assertValidFhir(resource: Resource): void {
  assertValidR4(resource);
  if (resource.resourceType === 'Bundle')
    for (const entry of resource.entry ?? []) if (entry.resource) assertValidFhir(entry.resource);
}
