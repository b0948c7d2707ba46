import type { Principal } from '../../domain/access/principal.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { badRequest } from '../fhir-error.ts';
import { singleValue } from '../search/list-search.ts';
import { parseReference } from '../search/search-references.ts';
import type { SearchRequest } from '../search/search-request.ts';

/**
 * Whose list a referral or task search reads: one patient's (through the patient gate), or the
 * caller's own work, which names only patients the caller works for (the outbox, the inbox and the
 * worklist, each audited per patient listed). Nothing else is searched: a search across patients
 * could not count only those within reach.
 */
export type WorkListSource =
  | { readonly kind: 'patient'; readonly patientId: string }
  | { readonly kind: 'requested-by-me' }
  | { readonly kind: 'owned-by-me' };

/** The parameter names of a type: who the resource is about, who asked, who does it. */
export interface WorkListNames {
  readonly type: string;
  readonly patient: readonly string[];
  readonly requester: string;
  readonly owner: string;
}

/** Chooses the list; 400 naming what to give when the search is not one of a patient or of one's own. */
export function workListSourceOf(
  principal: Principal,
  request: SearchRequest,
  names: WorkListNames,
): WorkListSource {
  const patient = singleValue(request, names.patient);
  if (patient !== undefined)
    return { kind: 'patient', patientId: parseReference(names.patient[0] ?? '', patient, 'Patient') };
  const own = (name: string, kind: 'requested-by-me' | 'owned-by-me'): WorkListSource | undefined => {
    const value = singleValue(request, [name]);
    if (value === undefined) return undefined;
    if (principal.kind !== 'professional')
      throw new DomainError('forbidden', 'only professionals have referrals and tasks of their own');
    if (parseReference(name, value, 'Practitioner') !== principal.practitionerId)
      throw badRequest(
        `without '${names.patient[0] ?? ''}', '${name}' lists your own only: ${name}=Practitioner/<your id>`,
        name,
      );
    return { kind };
  };
  const mine = own(names.requester, 'requested-by-me') ?? own(names.owner, 'owned-by-me');
  if (mine !== undefined) return mine;
  throw badRequest(
    `a ${names.type} search names the patient (${names.patient.join(' or ')}=Patient/<id>), or lists your own ` +
      `(${names.requester} or ${names.owner}=Practitioner/<your id>)`,
  );
}
