import { useTranslation } from 'react-i18next';

/**
 * What a patient whose answers raise an urgent follow-up should do now. The numbers are public French
 * services: 3114, the national suicide-prevention line (numéro national de prévention du suicide, free,
 * 24/7, since October 2021, 3114.fr); 15, the SAMU medical emergency line; 112, the European emergency number.
 */
export function UrgentHelp() {
  const { t } = useTranslation();
  return (
    <section className="urgent-help" role="alert" data-testid="urgent-help">
      <h2>{t('questionnaires.urgent.title')}</h2>
      <p>{t('questionnaires.urgent.teamAlerted')}</p>
      <p>{t('questionnaires.urgent.now')}</p>
      <a className="button button-danger button-large button-block" href="tel:3114" data-testid="call-3114">
        {t('questionnaires.urgent.call3114')}
      </a>
      <p>{t('questionnaires.urgent.emergency')}</p>
      <div className="urgent-calls">
        <a className="button button-secondary button-large" href="tel:15">
          15
        </a>
        <a className="button button-secondary button-large" href="tel:112">
          112
        </a>
      </div>
    </section>
  );
}
