import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentId, QuestionnaireResult } from '../api-types.ts';
import { api } from '../api-client.ts';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { QuestionnaireForm } from '../components/questionnaire/questionnaire-form.tsx';
import { UrgentHelp } from '../components/questionnaire/urgent-help.tsx';
import { currentLanguage } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

/** A patient fills in one questionnaire about themself, then reads the result in plain words. */
export function PortalQuestionnairePage({ instrumentId }: { instrumentId: InstrumentId }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const name = t(`questionnaires.names.${instrumentId}`);
  useDocumentTitle(name);
  const instruments = useResource(`instruments:${language}`, (signal) => api.instruments(language, signal));
  const [result, setResult] = useState<QuestionnaireResult | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // After sending, the result replaces the form: take the reader (and screen readers) to its top.
    if (result !== null) headingRef.current?.focus();
  }, [result]);
  const instrument =
    instruments.status === 'ready'
      ? instruments.data.items.find((item) => item.id === instrumentId)
      : undefined;

  return (
    <div className="page portal" data-testid="portal-questionnaire">
      <p className="back-link">
        <Link to="/portal">
          <span aria-hidden="true">← </span>
          {t('questionnaires.portal.back')}
        </Link>
      </p>
      <h1 ref={headingRef} tabIndex={-1}>
        {name}
      </h1>
      {instruments.status === 'loading' && <LoadingState />}
      {instruments.status === 'error' && (
        <ProblemMessage error={instruments.error} onRetry={instruments.reload} />
      )}
      {result !== null ? (
        <PatientResult result={result} />
      ) : (
        instrument !== undefined && (
          <QuestionnaireForm
            instrument={instrument}
            submitLabel={t('questionnaires.form.submit')}
            onSubmit={async (body) => setResult(await api.submitPortalQuestionnaire(body, language))}
          />
        )
      )}
    </div>
  );
}

function PatientResult({ result }: { result: QuestionnaireResult }) {
  const { t } = useTranslation();
  return (
    <div className="questionnaire-result" data-testid="questionnaire-result" data-urgent={result.urgent}>
      {result.urgent && <UrgentHelp />}
      <div className="portal-card">
        <p className="portal-card-title">{t('questionnaires.result.thanks')}</p>
        <p data-testid="result-score">
          {t('questionnaires.result.score', { score: result.score, max: result.maxScore })}
        </p>
        <p>{t('questionnaires.result.band', { band: result.bandLabel })}</p>
      </div>
      <p className="portal-help">{t('questionnaires.portal.notADiagnosis')}</p>
      <Link to="/portal" className="button button-secondary button-large">
        {t('questionnaires.portal.back')}
      </Link>
    </div>
  );
}
