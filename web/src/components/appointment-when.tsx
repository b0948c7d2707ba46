import { formatLongDateTime, formatTime, sameLocalDay } from '../format.ts';
import { currentLanguage } from '../i18n.ts';

/** When an appointment takes place: its start, and its end time when it ends the same day. */
export function AppointmentWhen({
  appointment,
  className,
}: {
  appointment: { readonly startsAt: string; readonly endsAt?: string };
  className: string;
}) {
  const language = currentLanguage();
  const { startsAt, endsAt } = appointment;
  return (
    <p className={className}>
      <time dateTime={startsAt}>{formatLongDateTime(startsAt, language)}</time>
      {endsAt !== undefined && sameLocalDay(startsAt, endsAt) && (
        <>
          {' – '}
          <time dateTime={endsAt}>{formatTime(endsAt, language)}</time>
        </>
      )}
    </p>
  );
}
