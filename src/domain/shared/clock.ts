/** The current time, injected so rules and tests agree on "now". */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The calendar date (UTC) of an instant, as 'YYYY-MM-DD'. */
export function isoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
