import type { RequestOrigin } from '../access/patient-access-service.ts';
import type { Principal } from '../access/principal.ts';
import type { Stay } from '../stays/stay.ts';
import type { ReadmissionAssessment } from './readmission-assessment.ts';
import type { StayGate, StayScope } from './stay-gate.ts';

/** Port: the stored assessment of a stay, through the stay gate. */
export interface ReadmissionRiskReader {
  find(scope: StayScope): Promise<ReadmissionAssessment | null>;
}

/** The readmission risk of a stay as the risk panel shows it; null until the stay is discharged. */
export function createReadmissionRiskReads(deps: { gate: StayGate; reader: ReadmissionRiskReader }) {
  return {
    /** Errors: `not-found`, `forbidden`. */
    async read(
      principal: Principal,
      patientId: string,
      stayId: string,
      origin: RequestOrigin,
    ): Promise<{ readonly stay: Stay; readonly assessment: ReadmissionAssessment | null }> {
      const purpose = { action: 'read', resource: 'readmission-risk' } as const;
      const { stay, scope } = await deps.gate.open(principal, patientId, stayId, purpose, origin);
      return { stay, assessment: await deps.reader.find(scope) };
    },
  };
}

export type ReadmissionRiskReads = ReturnType<typeof createReadmissionRiskReads>;
