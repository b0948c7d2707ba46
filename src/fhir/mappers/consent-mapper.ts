import type { Consent, ConsentProvision, ConsentProvisionActor } from '@medplum/fhirtypes';
import type { SharingChoiceView } from '../../domain/sharing/sharing-ports.ts';
import { concept, reference, sensitivityLabel, SYSTEM } from './fhir-mapping.ts';

const CONSENT_SCOPE = concept(
  'http://terminology.hl7.org/CodeSystem/consentscope',
  'patient-privacy',
  'Privacy Consent',
);
const CONSENT_CATEGORY = concept(SYSTEM.loinc, '59284-0', 'Patient Consent');
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** Who the provision is about: the recipient of the information. */
const RECIPIENT = concept(
  'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  'IRCP',
  'information recipient',
);
/** A consent outside the team lets its professional read, never write. */
const READ = concept('http://terminology.hl7.org/CodeSystem/consentaction', 'access', 'Access');

const recipient = (who: ConsentProvisionActor['reference']): ConsentProvisionActor => ({
  role: RECIPIENT,
  reference: who,
});

/**
 * A patient's sharing choice (CSP L1110-4) as a privacy Consent: an objection denies everything to a
 * professional or an organisation (its services included); a restriction denies a sensitive category
 * to all but the named professionals; a consent lets a professional outside the team read. Withdrawn,
 * it is inactive. Who recorded it: the patient, or a professional on their behalf (named only).
 */
export function consentToFhir(patientId: string, choice: SharingChoiceView): Consent {
  const optOut = choice.kind !== 'consent';
  return {
    resourceType: 'Consent',
    id: choice.id,
    status: choice.withdrawnAt === null ? 'active' : 'inactive',
    scope: CONSENT_SCOPE,
    category: [CONSENT_CATEGORY],
    patient: reference('Patient', patientId),
    dateTime: choice.recordedAt,
    performer: [
      choice.recordedBy.kind === 'patient'
        ? reference('Patient', patientId)
        : { display: choice.recordedBy.name ?? 'professionnel de santé' },
    ],
    policyRule: concept(ACT_CODE, optOut ? 'OPTOUT' : 'OPTIN', optOut ? 'opt-out' : 'opt-in'),
    provision: provisionOf(choice),
  };
}

function provisionOf(choice: SharingChoiceView): ConsentProvision {
  switch (choice.kind) {
    case 'objection': {
      const who = choice.practitioner ?? choice.organization;
      const type = choice.practitioner === null ? 'Organization' : 'Practitioner';
      return { type: 'deny', ...(who === null ? {} : { actor: [recipient(reference(type, who.id))] }) };
    }
    case 'consent':
      return {
        type: 'permit',
        ...(choice.practitioner === null
          ? {}
          : { actor: [recipient(reference('Practitioner', choice.practitioner.id))] }),
        action: [READ],
      };
    case 'restriction': {
      const label = choice.category === null ? [] : [sensitivityLabel(choice.category)];
      const allowed = choice.allowedPractitioners.map((p) => recipient(reference('Practitioner', p.id)));
      return {
        type: 'deny',
        securityLabel: label,
        ...(allowed.length === 0
          ? {}
          : { provision: [{ type: 'permit', actor: allowed, securityLabel: label }] }),
      };
    }
  }
}
