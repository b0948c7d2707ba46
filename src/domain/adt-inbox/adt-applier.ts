/** One stored ADT message as the applier sees it (the wire accepted it and acknowledged it AA). */
export interface StoredAdtMessage {
  readonly id: string; // uuid
  readonly seq: string; // arrival order (bigint as text)
  readonly facility: string; // MSH-4 first component
  readonly application: string; // MSH-3 first component
  readonly controlId: string; // MSH-10
  readonly event: string; // 'A01' … (MSH-9.2, or EVN-1 when MSH-9.2 is empty)
  readonly version: string; // MSH-12.1
  readonly raw: string; // the message as received, segments separated by \r
  readonly receivedAt: Date;
}

export type AdtApplyOutcome =
  | { readonly status: 'applied'; readonly patientId: string | null; readonly note?: string } // null: no Relais patient concerned
  | { readonly status: 'held'; readonly reason: string } // waits for a human (matching queue)
  | { readonly status: 'failed'; readonly reason: string };

/** Applies one stored message to the record; called in arrival order; must itself be idempotent per message id. */
export interface AdtApplier {
  apply(message: StoredAdtMessage): Promise<AdtApplyOutcome>;
}
