import type { Stay } from './stay.ts';

/** Reads stays; writers go through `writeStay` inside their own transaction (store layer). */
export interface StayReader {
  byId(patientId: string, stayId: string): Promise<Stay | null>;
  /** The stay a facility's visit number names, whichever patient it belongs to. */
  byVisit(facility: string, visitNumber: string): Promise<Stay | null>;
  /** A patient's stays, latest admission first. */
  ofPatient(patientId: string): Promise<Stay[]>;
}
