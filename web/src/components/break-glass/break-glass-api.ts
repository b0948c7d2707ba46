import type {
  BreakGlassGranted,
  BreakGlassPolicy,
  PortalEmergencyAccessList,
} from '../../../../src/contracts/break-glass-contracts.ts';
import { request } from '../../api-client.ts';
import type { ApiError } from '../../api-error.ts';

/** Break-the-glass: how long an emergency access lasts, asking for one, and the patient's list of them. */
export const breakGlassApi = {
  policy: (signal?: AbortSignal): Promise<BreakGlassPolicy> =>
    request<BreakGlassPolicy>('GET', '/api/break-glass/policy', { signal }),
  open: (patientId: string, reason: string): Promise<BreakGlassGranted> =>
    request<BreakGlassGranted>('POST', `/api/patients/${encodeURIComponent(patientId)}/break-glass`, {
      body: { reason },
    }),
  accessesToMyRecord: (signal?: AbortSignal): Promise<PortalEmergencyAccessList> =>
    request<PortalEmergencyAccessList>('GET', '/api/portal/emergency-accesses', { signal }),
};

/**
 * Whether an emergency access can lift this refusal of a record: only when the caller is not in the
 * care team (the server's reason says so). A patient's objection, say, refuses break-the-glass too.
 */
export function breakGlassCanLift(error: ApiError): boolean {
  return error.status === 403 && error.detail.includes("not in the patient's care team");
}
