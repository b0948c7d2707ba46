import type { Static } from 'typebox';
import type {
  DirectoryMatches as DirectoryMatchesSchema,
  NewSharingChoice as NewSharingChoiceSchema,
  SharingChoice as SharingChoiceSchema,
  SharingChoiceList,
} from '../../src/contracts/sharing-contracts.ts';
import { request } from './api-client.ts';

export type SharingChoice = Static<typeof SharingChoiceSchema>;
export type NewSharingChoice = Static<typeof NewSharingChoiceSchema>;
export type DirectoryMatches = Static<typeof DirectoryMatchesSchema>;
export type DataCategory = NonNullable<SharingChoice['category']>;

export const DATA_CATEGORIES: readonly DataCategory[] = ['mental-health', 'sexual-health', 'addiction'];

/**
 * Where a patient's sharing choices are read and written: the portal (the patient's own) or a record
 * (a professional of the team, on the patient's behalf). `key` names the list for useResource.
 */
export interface SharingEndpoint {
  readonly key: string;
  list(signal?: AbortSignal): Promise<SharingChoiceList>;
  record(body: NewSharingChoice): Promise<{ id: string }>;
  withdraw(choiceId: string): Promise<undefined>;
}

function endpointAt(base: string, key: string): SharingEndpoint {
  return {
    key,
    list: (signal) => request<SharingChoiceList>('GET', base, { signal }),
    record: (body) => request<{ id: string }>('POST', base, { body }),
    withdraw: (choiceId) => request<undefined>('POST', `${base}/${encodeURIComponent(choiceId)}/withdraw`),
  };
}

export const portalSharing: SharingEndpoint = endpointAt('/api/portal/sharing-choices', 'portal-sharing');

export function recordSharing(patientId: string): SharingEndpoint {
  return endpointAt(
    `/api/patients/${encodeURIComponent(patientId)}/sharing-choices`,
    `record-sharing:${patientId}`,
  );
}

/** Professionals and organisations of the public directory whose name holds the words (2 letters at least). */
export const searchDirectory = (q: string, signal?: AbortSignal): Promise<DirectoryMatches> =>
  request<DirectoryMatches>('GET', `/api/directory?${new URLSearchParams({ q }).toString()}`, { signal });

/** Ends a care-team membership today, saying why. */
export const endMembership = (patientId: string, memberId: string, reason: string): Promise<undefined> =>
  request<undefined>(
    'POST',
    `/api/patients/${encodeURIComponent(patientId)}/care-team/${encodeURIComponent(memberId)}/end`,
    { body: { reason } },
  );
