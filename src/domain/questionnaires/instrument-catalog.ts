import { GAD7 } from './gad7-instrument.ts';
import { PHQ9 } from './phq9-instrument.ts';
import { isInstrumentId, type InstrumentId, type ScreeningInstrument } from './screening-instrument.ts';
import { DomainError } from '../shared/domain-error.ts';

/** Every instrument Relais scores, by id. */
export const INSTRUMENTS: Readonly<Record<InstrumentId, ScreeningInstrument>> = {
  'PHQ-9': PHQ9,
  'GAD-7': GAD7,
};

/** The instrument with this id. Error: `invalid-input` naming the instruments there are. */
export function instrumentOf(id: string): ScreeningInstrument {
  if (!isInstrumentId(id)) {
    throw new DomainError(
      'invalid-input',
      `unknown questionnaire "${id}": use one of ${Object.keys(INSTRUMENTS).join(', ')}`,
    );
  }
  return INSTRUMENTS[id];
}
