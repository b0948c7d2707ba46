import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../components/referrals/text-area-field.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { currentLanguage } from '../i18n.ts';
import { patientRightsApi, type RectificationRequestCreated } from '../patient-rights-api.ts';
import { Link } from '../router.tsx';
import { useAction } from '../use-action.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const REQUEST_MAX_LENGTH = 2000;

/** "Mes données": the patient downloads all their data (JSON) or a readable summary (PDF), or asks for a correction. */
export function PortalMyDataPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  useDocumentTitle(t('patientRights.portal.title'));
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const [sent, setSent] = useState<RectificationRequestCreated | null>(null);
  const action = useAction();

  const submit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setTried(true);
    if (text.trim() === '') return;
    let created: RectificationRequestCreated | undefined;
    const ok = await action.run(async () => {
      created = await patientRightsApi.askForRectification(text.trim());
    });
    if (ok && created !== undefined) {
      setSent(created);
      setText('');
      setTried(false);
    }
  };

  return (
    <div className="page portal" data-testid="portal-my-data">
      <p className="back-link">
        <Link to="/portal">
          <span aria-hidden="true">← </span>
          {t('patientRights.portal.back')}
        </Link>
      </p>
      <div className="portal-hello">
        <h1 tabIndex={-1}>{t('patientRights.portal.title')}</h1>
        <p>{t('patientRights.portal.intro')}</p>
      </div>

      <section className="portal-section" aria-labelledby="my-data-download">
        <h2 id="my-data-download">{t('patientRights.portal.downloadTitle')}</h2>
        <div className="portal-card my-data-actions">
          <a
            className="button button-primary button-large"
            href={patientRightsApi.portalExportUrl}
            download
            data-testid="download-json"
          >
            {t('patientRights.portal.downloadJson')}
          </a>
          <p className="muted">{t('patientRights.portal.jsonHelp')}</p>
          <a
            className="button button-secondary button-large"
            href={patientRightsApi.portalSummaryUrl(language)}
            download
            data-testid="download-pdf"
          >
            {t('patientRights.portal.downloadPdf')}
          </a>
          <p className="muted">{t('patientRights.portal.pdfHelp')}</p>
        </div>
      </section>

      <section className="portal-section" aria-labelledby="my-data-rectify">
        <h2 id="my-data-rectify">{t('patientRights.portal.rectifyTitle')}</h2>
        <form className="portal-card" onSubmit={(event) => void submit(event)} noValidate>
          <TextAreaField
            label={t('patientRights.portal.rectifyLabel')}
            hint={t('patientRights.portal.rectifyHint')}
            value={text}
            maxLength={REQUEST_MAX_LENGTH}
            required
            showErrors={tried}
            missingText={t('patientRights.portal.rectifyMissing')}
            rows={4}
            testId="rectification-request-text"
            onChange={setText}
          />
          {action.error !== null && (
            <ProblemMessage error={action.error} testId="rectification-request-error" />
          )}
          <button
            type="submit"
            className="button button-primary button-large"
            data-testid="rectification-request-submit"
            disabled={action.busy}
          >
            {t('patientRights.portal.rectifySubmit')}
          </button>
          {sent !== null && (
            <p className="notice notice-success" role="status" data-testid="rectification-request-sent">
              {t(`patientRights.portal.sent.${sent.assignedTo}`)}
            </p>
          )}
        </form>
      </section>
    </div>
  );
}
