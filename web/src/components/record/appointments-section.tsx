import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../api-types.ts';
import { formatLongDateTime, formatTime, sameLocalDay } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { SectionCard } from '../section-card.tsx';

/** Upcoming appointments, soonest first: when, what kind, with whom, where, why, instructions. */
export function AppointmentsSection({ appointments }: { appointments: readonly Appointment[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const sorted = [...appointments].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <SectionCard
      title={t('sections.appointments')}
      testId="appointments"
      count={appointments.length}
      isEmpty={appointments.length === 0}
      emptyText={t('empty.appointments')}
    >
      <ul className="item-list">
        {sorted.map((appointment) => (
          <li key={appointment.id} className="item appointment" data-testid="appointment">
            <p className="appointment-when">
              <time dateTime={appointment.startsAt}>
                {formatLongDateTime(appointment.startsAt, language)}
              </time>
              {sameLocalDay(appointment.startsAt, appointment.endsAt) && (
                <>
                  {' – '}
                  <time dateTime={appointment.endsAt}>{formatTime(appointment.endsAt, language)}</time>
                </>
              )}
            </p>
            <div className="item-head">
              <span className="item-title">{appointment.reason}</span>
              <span className="badge badge-info">{t(`appointments.kinds.${appointment.kind}`)}</span>
            </div>
            {appointment.with !== null && (
              <p className="item-meta">{t('appointments.with', { name: appointment.with })}</p>
            )}
            {appointment.place !== null && (
              <p className="item-meta">{t('appointments.place', { place: appointment.place })}</p>
            )}
            {appointment.instructions !== null && (
              <div className="instructions">
                <p className="instructions-title">{t('appointments.instructions')}</p>
                <p>{appointment.instructions}</p>
              </div>
            )}
          </li>
        ))}
      </ul>
    </SectionCard>
  );
}
