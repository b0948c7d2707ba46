import { useTranslation } from 'react-i18next';
import { LetterPanel } from '../components/stays/letter-panel.tsx';
import { ReconciliationPanel } from '../components/stays/reconciliation-panel.tsx';
import { RiskPanel } from '../components/stays/risk-panel.tsx';
import { Link } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';

/**
 * What follows a stay's discharge on one page: the lettre de liaison, the medication reconciliation
 * and the readmission risk (a deep link; the stay page mounts the same panels).
 */
export function StayDocumentsPage({ patientId, stayId }: { patientId: string; stayId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('discharge.pageTitle'));
  return (
    <div className="page page-stay-documents" data-testid="stay-documents-page">
      <p>
        <Link className="back-link" to={`/patients/${encodeURIComponent(patientId)}`}>
          {t('discharge.back')}
        </Link>
      </p>
      <h1 className="page-heading">{t('discharge.pageTitle')}</h1>
      <div className="stack">
        <LetterPanel patientId={patientId} stayId={stayId} />
        <ReconciliationPanel patientId={patientId} stayId={stayId} />
        <RiskPanel patientId={patientId} stayId={stayId} />
      </div>
    </div>
  );
}
