/**
 * Decides, after the header was accepted and before the message is stored, whether its content can
 * be processed at all (e.g. a PID segment is there). A refusal is answered AE with the reason; the
 * message is stored with that ACK (so a repeat gets it again) and never applied.
 */
export type AdtContentCheck = (
  raw: string,
) => { readonly ok: true } | { readonly ok: false; readonly reason: string };
