import type { Appointment } from '../api-types.ts';
import { formatLongDateTime, formatTime, sameLocalDay } from '../format.ts';
import { currentLanguage } from '../i18n.ts';

/** When an appointment takes place: its start, and its end time when it ends the same day. */
export function AppointmentWhen({ appointment, className }: { appointment: Appointment; className: string }) {
  const language = currentLanguage();
  return (
    <p className={className}>
      <time dateTime={appointment.startsAt}>{formatLongDateTime(appointment.startsAt, language)}</time>
      {sameLocalDay(appointment.startsAt, appointment.endsAt) && (
        <>
          {' – '}
          <time dateTime={appointment.endsAt}>{formatTime(appointment.endsAt, language)}</time>
        </>
      )}
    </p>
  );
}
