import type { PatientCriteria } from '../../src/domain/record/patient-criteria.ts';

/** Patient search criteria with nothing asked but `asked`: the first page of twenty, by family name. */
export function patientCriteria(asked: Partial<PatientCriteria>): PatientCriteria {
  return {
    ids: [],
    identifiers: [],
    names: [],
    families: [],
    givens: [],
    birthDates: [],
    lastUpdated: [],
    sort: [{ key: 'family', descending: false }],
    offset: 0,
    count: 20,
    ...asked,
  };
}
