import { useTranslation } from 'react-i18next';
import type { InstrumentId, QuestionnaireHistory } from '../../api-types.ts';
import { api } from '../../api-client.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { useResource } from '../../use-resource.ts';

const INSTRUMENTS: readonly InstrumentId[] = ['PHQ-9', 'GAD-7'];

/** The portal's way in to the questionnaires, with the last result of each in plain words. */
export function PortalQuestionnairesSection() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const history = useResource(`portal-questionnaires:${language}`, (signal) =>
    api.portalQuestionnaires(language, signal),
  );
  const latest = (id: InstrumentId): QuestionnaireHistory['items'][number] | undefined =>
    history.status === 'ready' ? history.data.items.find((item) => item.instrument === id) : undefined;

  return (
    <section className="portal-section" aria-labelledby="portal-questionnaires" data-testid="questionnaires">
      <h2 id="portal-questionnaires">{t('questionnaires.portal.title')}</h2>
      <p>{t('questionnaires.portal.intro')}</p>
      <ul className="portal-list">
        {INSTRUMENTS.map((id) => {
          const last = latest(id);
          const name = t(`questionnaires.names.${id}`);
          return (
            <li key={id} className="portal-card" data-testid={`questionnaire-${id}`}>
              <p className="portal-card-title">{name}</p>
              {last !== undefined && (
                <p className="muted">
                  {t('questionnaires.portal.last', {
                    date: formatDateTime(last.completedAt, language),
                    score: last.score,
                    max: last.maxScore,
                    band: last.bandLabel.toLowerCase(),
                  })}
                </p>
              )}
              <Link
                to={`/portal/questionnaires/${id}`}
                className="button button-primary button-large"
                data-testid={`start-${id}`}
              >
                {t('questionnaires.portal.start', { name: id })}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
