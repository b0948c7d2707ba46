import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../api-types.ts';
import { SectionCard } from '../section-card.tsx';
import { AppointmentWhen } from '../appointment-when.tsx';

/** Upcoming appointments, soonest first: when, what kind, with whom, where, why, instructions. */
export function AppointmentsSection({ appointments }: { appointments: readonly Appointment[] }) {
  const { t } = useTranslation();
  return (
    <SectionCard
      title={t('sections.appointments')}
      testId="appointments"
      count={appointments.length}
      isEmpty={appointments.length === 0}
      emptyText={t('empty.appointments')}
    >
      <ul className="item-list">
        {appointments.map((appointment) => (
          <li key={appointment.id} className="item appointment" data-testid="appointment">
            <AppointmentWhen appointment={appointment} className="appointment-when" />
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
