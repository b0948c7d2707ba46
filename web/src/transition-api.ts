import type { Static } from 'typebox';
import type {
  AddItemRequest,
  InpatientsWorklist as InpatientsWorklistSchema,
  MarkItemRequest,
  StayDetail as StayDetailSchema,
  StayList as StayListSchema,
  TransitionIndicatorsView,
} from '../../src/contracts/transition-contracts.ts';
import { request } from './api-client.ts';

export type StayList = Static<typeof StayListSchema>;
export type StayDetail = Static<typeof StayDetailSchema>;
export type Stay = StayDetail['stay'];
export type Transition = NonNullable<StayDetail['transition']>;
export type TransitionItem = Transition['items'][number];
export type InpatientsWorklist = Static<typeof InpatientsWorklistSchema>;
export type TransitionIndicators = Static<typeof TransitionIndicatorsView>;
export type NewTransitionItem = Static<typeof AddItemRequest>;
export type ItemChange = Static<typeof MarkItemRequest>;

const stayPath = (patientId: string, stayId: string): string =>
  `/api/patients/${encodeURIComponent(patientId)}/stays/${encodeURIComponent(stayId)}`;

/** Hospital stays and their transitions (issue 7), through the same request helper as the rest of the API. */
export const transitionApi = {
  stays: (patientId: string, signal?: AbortSignal): Promise<StayList> =>
    request<StayList>('GET', `/api/patients/${encodeURIComponent(patientId)}/stays`, { signal }),

  stay: (patientId: string, stayId: string, signal?: AbortSignal): Promise<StayDetail> =>
    request<StayDetail>('GET', stayPath(patientId, stayId), { signal }),

  addItem: (patientId: string, stayId: string, body: NewTransitionItem): Promise<{ id: string }> =>
    request<{ id: string }>('POST', `${stayPath(patientId, stayId)}/transition/items`, { body }),

  markItem: (patientId: string, stayId: string, itemId: string, body: ItemChange): Promise<undefined> =>
    request<undefined>(
      'POST',
      `${stayPath(patientId, stayId)}/transition/items/${encodeURIComponent(itemId)}`,
      { body },
    ),

  inpatients: (signal?: AbortSignal): Promise<InpatientsWorklist> =>
    request<InpatientsWorklist>('GET', '/api/worklist/inpatients', { signal }),

  indicators: (from: string, to: string, signal?: AbortSignal): Promise<TransitionIndicators> =>
    request<TransitionIndicators>(
      'GET',
      `/api/transitions/indicators?${new URLSearchParams({ from, to }).toString()}`,
      { signal },
    ),
};
