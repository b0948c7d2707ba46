import type { ValidIdentity } from '../../src/domain/identity/patient-registration.ts';

/** A checked identity (fictional), provisional and without an INS unless `overrides` say otherwise. */
export function validIdentity(overrides: Partial<ValidIdentity> = {}): ValidIdentity {
  return {
    ins: null,
    identityStatus: 'PROV',
    birthFamilyName: 'Lefevre',
    firstGivenName: 'Hélène',
    givenNames: 'Hélène',
    usedFamilyName: null,
    usedGivenName: null,
    sex: 'female',
    birthDate: '1980-05-12',
    birthPlaceCode: null,
    phone: null,
    email: null,
    address: null,
    ...overrides,
  };
}
