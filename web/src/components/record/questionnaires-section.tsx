import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentId, QuestionnaireHistory, SubmittedQuestionnaire } from '../../api-types.ts';
import { api } from '../../api-client.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { QuestionnaireForm } from '../questionnaire/questionnaire-form.tsx';
import { SectionCard } from '../section-card.tsx';

const INSTRUMENTS: readonly InstrumentId[] = ['PHQ-9', 'GAD-7'];

type Mode =
  | { readonly kind: 'list' }
  | { readonly kind: 'choose' }
  | { readonly kind: 'fill'; readonly id: InstrumentId };

/** The patient's PHQ-9 and GAD-7 results (score, band, trend, urgent flag), and filling one in with them. */
export function QuestionnairesSection({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const history = useResource(`questionnaires:${patientId}:${language}`, (signal) =>
    api.patientQuestionnaires(patientId, language, signal),
  );
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [saved, setSaved] = useState<SubmittedQuestionnaire | null>(null);
  const items = history.status === 'ready' ? history.data.items : [];

  return (
    <SectionCard
      title={t('questionnaires.card.title')}
      testId="questionnaires-card"
      count={items.length}
      isEmpty={false}
      emptyText=""
    >
      <div className="questionnaires-body">
        {saved !== null && <SavedNotice result={saved} />}
        {history.status === 'loading' && <LoadingState />}
        {history.status === 'error' && <ProblemMessage error={history.error} onRetry={history.reload} />}
        {history.status === 'ready' && <HistoryList history={history.data} />}
        {mode.kind === 'list' && (
          <button
            type="button"
            className="button button-secondary"
            data-testid="fill-questionnaire"
            onClick={() => setMode({ kind: 'choose' })}
          >
            {t('questionnaires.card.fill')}
          </button>
        )}
        {mode.kind === 'choose' && (
          <div className="questionnaire-choose" role="group" aria-label={t('questionnaires.card.choose')}>
            <p className="cell-strong">{t('questionnaires.card.choose')}</p>
            {INSTRUMENTS.map((id) => (
              <button
                key={id}
                type="button"
                className="button button-secondary"
                data-testid={`choose-${id}`}
                onClick={() => setMode({ kind: 'fill', id })}
              >
                {t(`questionnaires.names.${id}`)}
              </button>
            ))}
            <button type="button" className="button button-quiet" onClick={() => setMode({ kind: 'list' })}>
              {t('questionnaires.form.cancel')}
            </button>
          </div>
        )}
        {mode.kind === 'fill' && (
          <FillInstrument
            id={mode.id}
            onCancel={() => setMode({ kind: 'list' })}
            onSubmit={async (body) => {
              setSaved(await api.submitPatientQuestionnaire(patientId, body, language));
              setMode({ kind: 'list' });
              history.reload();
            }}
          />
        )}
      </div>
    </SectionCard>
  );
}

function FillInstrument({
  id,
  onSubmit,
  onCancel,
}: {
  id: InstrumentId;
  onSubmit: Parameters<typeof QuestionnaireForm>[0]['onSubmit'];
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const instruments = useResource(`instruments:${language}`, (signal) => api.instruments(language, signal));
  if (instruments.status === 'error')
    return <ProblemMessage error={instruments.error} onRetry={instruments.reload} />;
  const instrument =
    instruments.status === 'ready' ? instruments.data.items.find((i) => i.id === id) : undefined;
  if (instrument === undefined) return <LoadingState />;
  return (
    <div className="questionnaire-fill">
      <h3>{instrument.title}</h3>
      <QuestionnaireForm
        instrument={instrument}
        submitLabel={t('questionnaires.form.submitProfessional')}
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    </div>
  );
}

function SavedNotice({ result }: { result: SubmittedQuestionnaire }) {
  const { t } = useTranslation();
  return (
    <div
      className={`notice ${result.urgent ? 'notice-danger' : 'notice-info'}`}
      role="status"
      data-testid="questionnaire-saved"
    >
      <p>
        {t('questionnaires.result.saved', {
          score: result.score,
          max: result.maxScore,
          band: result.bandLabel,
        })}
      </p>
      {result.urgent && (
        <>
          <p className="cell-strong">{t('questionnaires.urgent.professional')}</p>
          <ul>
            {result.urgentReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          {result.followUpTaskId !== null && <p>{t('questionnaires.urgent.teamTask')}</p>}
        </>
      )}
    </div>
  );
}

function HistoryList({ history }: { history: QuestionnaireHistory }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (history.items.length === 0) return <p className="empty-text">{t('questionnaires.card.empty')}</p>;
  // A trend needs two completions of the same instrument.
  const trends = history.trends.flatMap((trend) =>
    trend.direction === null ? [] : [{ ...trend, direction: trend.direction }],
  );
  return (
    <>
      {trends.length > 0 && (
        <ul className="trend-list">
          {trends.map((trend) => (
            <li key={trend.instrument} data-testid="questionnaire-trend" data-instrument={trend.instrument}>
              <span className="cell-strong">{trend.instrument}</span>{' '}
              <span className={`badge badge-${trend.direction === 'worse' ? 'warning' : 'neutral'}`}>
                {t(`questionnaires.card.trend.${trend.direction}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <ul className="item-list">
        {history.items.map((item) => (
          <li key={item.id} className="item" data-testid="questionnaire-row" data-urgent={item.urgent}>
            <div className="item-head">
              <span className="item-title">
                {item.instrument} · {item.score}/{item.maxScore} · {item.bandLabel}
              </span>
              {item.urgent && <span className="badge badge-danger">{t('questionnaires.card.urgent')}</span>}
            </div>
            <p className="item-meta">
              {[
                formatDateTime(item.completedAt, language),
                t(`questionnaires.card.filledBy.${item.filledBy}`),
                item.changeSincePrevious === null
                  ? ''
                  : t('questionnaires.card.change', { change: signed(item.changeSincePrevious) }),
              ]
                .filter((part) => part !== '')
                .join(' · ')}
            </p>
            {item.urgentReasons.length > 0 && <p className="item-body">{item.urgentReasons.join(' · ')}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}

const signed = (change: number): string => (change > 0 ? `+${change}` : String(change));
