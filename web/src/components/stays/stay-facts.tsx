import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import type { Stay } from '../../transition-api.ts';

/** Where and when: the unit and facility, admission and discharge, as the hospital sent them. */
export function StayFacts({ stay }: { stay: Stay }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <dl className="stay-facts" data-testid="stay-facts">
      <dt>{t('transitions.stay.place')}</dt>
      <dd>{[stay.unit, stay.facility].filter((part) => part !== null && part !== '').join(' — ')}</dd>
      <dt>{t('transitions.stay.admitted')}</dt>
      <dd>
        {formatDateTime(stay.admittedAt, language)} ·{' '}
        {t(`transitions.stay.admissionKind.${stay.admissionKind}`)} ·{' '}
        {t(`transitions.stay.patientClass.${stay.patientClass}`)}
      </dd>
      {stay.dischargedAt !== null && (
        <>
          <dt>{t('transitions.stay.discharged')}</dt>
          <dd>
            {formatDateTime(stay.dischargedAt, language)}
            {stay.dischargeDisposition === null ? '' : ` · ${stay.dischargeDisposition}`}
          </dd>
        </>
      )}
      {stay.attending !== null && (
        <>
          <dt>{t('transitions.stay.attending')}</dt>
          <dd>{stay.attending}</dd>
        </>
      )}
    </dl>
  );
}
