import { useTranslation } from 'react-i18next';
import type { ReferralDetail } from '../../api-types.ts';
import { AppointmentWhen } from '../appointment-when.tsx';

type Appointment = NonNullable<ReferralDetail['appointment']>;

/** The appointment the performer gave: when, where (or by teleconsultation), what the patient must do. */
export function ReferralAppointment({
  appointment,
  whenClass,
  instructionsTitle,
}: {
  appointment: Appointment;
  whenClass: string;
  /** Said to a professional or to the patient. */
  instructionsTitle: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="referral-appointment" data-testid="referral-appointment">
      <AppointmentWhen appointment={{ startsAt: appointment.at }} className={whenClass} />
      <p>
        {appointment.teleconsultation
          ? t('referrals.appointment.teleconsultation')
          : t('referrals.appointment.place', { place: appointment.place ?? '' })}
      </p>
      {appointment.instructions !== null && (
        <div className="instructions" data-testid="referral-instructions">
          <p className="instructions-title">{instructionsTitle}</p>
          <p className="pre-line">{appointment.instructions}</p>
        </div>
      )}
    </div>
  );
}
