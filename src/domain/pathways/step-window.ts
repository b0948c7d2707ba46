import { localDateOf, startOfLocalDay } from '../shared/wall-clock.ts';
import { addToLocalDate, type IsoDuration } from './iso-duration.ts';

/**
 * When a step is due, counted from its trigger: `target` is when it falls due, `latest` the last day
 * it is still on time (a rupture after that day), `earliest` the first day evidence counts (e.g. a
 * potassium check "1 to 2 weeks after starting"); without `earliest`, any evidence after the trigger.
 */
export interface DueRule {
  readonly earliest: IsoDuration | null;
  readonly target: IsoDuration;
  readonly latest: IsoDuration;
}

/** One occurrence's window, as instants: evidence from `earliestAt`, due from `dueAt`, rupture from `lateAt`. */
export interface StepWindow {
  readonly earliestAt: Date;
  readonly dueAt: Date;
  /** The first instant after the last day on time. */
  readonly lateAt: Date;
}

const ONE_DAY: IsoDuration = { years: 0, months: 0, days: 1, text: 'P1D' };

/**
 * The window of a step triggered at `trigger`, on the calendar of `timeZone` (Europe/Paris): offsets
 * are added to the trigger's local date, and a day lasts until local midnight. Never before the
 * trigger: a step due "the same day" (P0D) is due from the trigger itself.
 */
export function windowFrom(trigger: Date, rule: DueRule, timeZone: string): StepWindow {
  const day = localDateOf(trigger, timeZone);
  const at = (offset: IsoDuration) => startOfLocalDay(addToLocalDate(day, offset), timeZone);
  const notBefore = (instant: Date) => (instant < trigger ? trigger : instant);
  const earliestAt = rule.earliest === null ? trigger : notBefore(at(rule.earliest));
  return {
    earliestAt,
    dueAt: notBefore(at(rule.target)),
    lateAt: startOfLocalDay(addToLocalDate(addToLocalDate(day, rule.latest), ONE_DAY), timeZone),
  };
}
