import type {
  LetterReceipt,
  LetterSubmission,
  LetterView,
  ReadmissionRiskView,
  ReconciliationRequest,
  ReconciliationView,
} from '../../../../src/contracts/discharge-contracts.ts';
import { request } from '../../api-client.ts';

/** What follows a discharge, per stay: the letter, the reconciliation and the readmission risk. */
export const stayPath = (patientId: string, stayId: string): string =>
  `/api/patients/${encodeURIComponent(patientId)}/stays/${encodeURIComponent(stayId)}`;

export const dischargeApi = {
  letter: (patientId: string, stayId: string, signal?: AbortSignal): Promise<LetterView> =>
    request<LetterView>('GET', `${stayPath(patientId, stayId)}/letter`, { signal }),
  sendLetter: (patientId: string, stayId: string, body: LetterSubmission): Promise<LetterReceipt> =>
    request<LetterReceipt>('POST', `${stayPath(patientId, stayId)}/letter`, { body }),
  /** Where the browser opens the letter's PDF (same origin, the session cookie goes along). */
  letterPdfUrl: (patientId: string, stayId: string): string => `${stayPath(patientId, stayId)}/letter/pdf`,
  acknowledgeLetter: (patientId: string, stayId: string): Promise<undefined> =>
    request<undefined>('POST', `${stayPath(patientId, stayId)}/letter/acknowledge`),
  reconciliation: (patientId: string, stayId: string, signal?: AbortSignal): Promise<ReconciliationView> =>
    request<ReconciliationView>('GET', `${stayPath(patientId, stayId)}/reconciliation`, { signal }),
  saveReconciliation: (patientId: string, stayId: string, body: ReconciliationRequest) =>
    request<ReconciliationView>('PUT', `${stayPath(patientId, stayId)}/reconciliation`, { body }),
  confirmReconciliation: (patientId: string, stayId: string, body: ReconciliationRequest) =>
    request<ReconciliationView>('POST', `${stayPath(patientId, stayId)}/reconciliation/confirm`, { body }),
  readmissionRisk: (patientId: string, stayId: string, signal?: AbortSignal): Promise<ReadmissionRiskView> =>
    request<ReadmissionRiskView>('GET', `${stayPath(patientId, stayId)}/readmission-risk`, { signal }),
};
