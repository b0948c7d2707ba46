import type {
  IdentityRectificationOutcome,
  IdentityRectificationRequest,
  RectificationRequestCreated,
} from '../../src/contracts/patient-rights-contracts.ts';
import { request } from './api-client.ts';
import type { Language } from './i18n.ts';

export type IdentityCorrections = IdentityRectificationRequest['changes'];
export type { IdentityRectificationOutcome, RectificationRequestCreated };

/** Patient rights (GDPR): exports to download, the identity's rectification, a patient's request. */
export const patientRightsApi = {
  /** Plain links: the server answers with a file to save (Content-Disposition: attachment). */
  portalExportUrl: '/api/portal/export',
  portalSummaryUrl: (language: Language): string => `/api/portal/export/summary.pdf?lang=${language}`,
  exportUrl: (patientId: string): string => `/api/patients/${encodeURIComponent(patientId)}/export`,
  summaryUrl: (patientId: string, language: Language): string =>
    `/api/patients/${encodeURIComponent(patientId)}/export/summary.pdf?lang=${language}`,

  rectifyIdentity: (
    patientId: string,
    body: IdentityRectificationRequest,
  ): Promise<IdentityRectificationOutcome> =>
    request<IdentityRectificationOutcome>(
      'PATCH',
      `/api/patients/${encodeURIComponent(patientId)}/identity`,
      {
        body,
      },
    ),

  askForRectification: (text: string): Promise<RectificationRequestCreated> =>
    request<RectificationRequestCreated>('POST', '/api/portal/rectification-requests', { body: { text } }),
};
