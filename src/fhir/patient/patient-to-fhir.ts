import type { Extension, Identifier, Patient } from '@medplum/fhirtypes';
import { mayShareIns } from '../../domain/identity/identity-status.ts';
import { insKindFromOid } from '../../domain/identity/ins.ts';
import type { VersionedIdentity } from '../../domain/record/patient-versions.ts';
import {
  ADDRESS_INSEE_CODE_URL,
  BIRTH_LIST_GIVEN_NAME_URL,
  BIRTH_PLACE_URL,
  IDENTIFIER_TYPE_SYSTEM,
  IDENTITY_RELIABILITY_URL,
  IDENTITY_STATUS_SYSTEM,
  INSEE_COMMUNE_SYSTEM,
} from '../fr-core.ts';

/**
 * A version of the patient's identity as an FR Core Patient: the INS (only when the identity is
 * qualifiée, the RNIV sharing rule) under its OID with its type and use, the identity status in the
 * reliability extension, the birth name `official` with the list of birth given names, the used name
 * `usual`, the birth place as an INSEE code, telecom and address.
 */
export function patientToFhir(version: VersionedIdentity): Patient {
  const { identity } = version;
  const extension: Extension[] = [
    {
      url: IDENTITY_RELIABILITY_URL,
      extension: [
        {
          url: 'identityStatus',
          valueCoding: { system: IDENTITY_STATUS_SYSTEM, code: identity.identityStatus },
        },
      ],
    },
  ];
  if (identity.birthPlaceCode !== null) {
    extension.push({
      url: BIRTH_PLACE_URL,
      valueAddress: {
        extension: [
          {
            url: ADDRESS_INSEE_CODE_URL,
            valueCoding: { system: INSEE_COMMUNE_SYSTEM, code: identity.birthPlaceCode },
          },
        ],
      },
    });
  }
  const usual =
    identity.usedFamilyName === null && identity.usedGivenName === null
      ? []
      : [
          {
            use: 'usual' as const,
            ...(identity.usedFamilyName === null ? {} : { family: identity.usedFamilyName }),
            ...(identity.usedGivenName === null ? {} : { given: [identity.usedGivenName] }),
          },
        ];
  const telecom = [
    ...(identity.phone === null ? [] : [{ system: 'phone' as const, value: identity.phone }]),
    ...(identity.email === null ? [] : [{ system: 'email' as const, value: identity.email }]),
  ];
  const identifier = insIdentifier(identity);
  return {
    resourceType: 'Patient',
    id: version.patientId,
    meta: { versionId: String(version.versionId), lastUpdated: version.lastUpdated.toISOString() },
    extension,
    ...(identifier === undefined ? {} : { identifier: [identifier] }),
    name: [
      {
        use: 'official',
        family: identity.birthFamilyName,
        given: [identity.firstGivenName],
        extension: [{ url: BIRTH_LIST_GIVEN_NAME_URL, valueString: identity.givenNames }],
      },
      ...usual,
    ],
    ...(telecom.length === 0 ? {} : { telecom }),
    gender: identity.sex,
    birthDate: identity.birthDate,
    ...(identity.address === null ? {} : { address: [{ text: identity.address }] }),
  };
}

function insIdentifier(identity: VersionedIdentity['identity']): Identifier | undefined {
  if (identity.ins === null || !mayShareIns(identity.identityStatus)) return undefined;
  const kind = insKindFromOid(identity.ins.oid);
  if (kind === undefined) return undefined;
  return {
    use: kind === 'INS-NIA' ? 'temp' : 'official',
    type: { coding: [{ system: IDENTIFIER_TYPE_SYSTEM, code: kind }] },
    system: `urn:oid:${identity.ins.oid}`,
    value: identity.ins.matricule,
  };
}
