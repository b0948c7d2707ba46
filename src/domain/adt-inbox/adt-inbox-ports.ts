import type { AdtApplyOutcome, StoredAdtMessage } from './adt-applier.ts';
import type { AckCode } from './adt-intake.ts';

/** A message to keep, with the ACK that will be sent once it is stored. */
export interface InboxArrival extends Omit<StoredAdtMessage, 'seq'> {
  /** MSH-9 as sent. */
  readonly messageType: string;
  readonly ackCode: AckCode;
  /** The ACK as it will be sent (er7), replayed byte for byte to a repeat. */
  readonly ackText: string;
  readonly status: 'received' | 'rejected';
  readonly statusReason: string | null;
}

/** The ACK stored with an earlier message of the same facility and control id. */
export type InboxStoreResult =
  { readonly stored: true } | { readonly stored: false; readonly ackText: string };

export interface AdtInboxWriter {
  /**
   * Stores the arrivals in one transaction; one whose (facility, control id) is already stored — or
   * comes earlier in the same batch — is not stored again and gets back the ACK kept with the first.
   * Results in the order of the arrivals; resolves once committed.
   */
  store(arrivals: readonly InboxArrival[]): Promise<readonly InboxStoreResult[]>;
}

export interface AdtInboxQueue {
  /** The oldest messages waiting to be applied, in arrival order. */
  waiting(limit: number): Promise<readonly StoredAdtMessage[]>;
  /** Records how applying a message went. */
  recordOutcome(id: string, outcome: AdtApplyOutcome, at: Date): Promise<void>;
}
