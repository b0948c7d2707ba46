import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientIdentity } from '../../api-types.ts';
import { currentLanguage, translateOr } from '../../i18n.ts';
import { patientRightsApi, type IdentityRectificationOutcome } from '../../patient-rights-api.ts';
import { IdentityRectificationForm } from './identity-rectification-form.tsx';

/**
 * The patient's rights on the record (GDPR): their data to hand over on request (JSON, readable PDF)
 * and the rectification of their identity, whose previous values the timeline keeps.
 */
export function PatientRightsCard({
  identity,
  onRectified,
}: {
  identity: PatientIdentity;
  onRectified: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<IdentityRectificationOutcome | null>(null);
  const status = (code: string) => translateOr(`identityStatus.long.${code}`, code);

  return (
    <section
      className="card section-card"
      data-testid="patient-rights"
      aria-labelledby="patient-rights-title"
    >
      <h2 id="patient-rights-title" className="card-title">
        {t('patientRights.card.title')}
      </h2>
      <p className="field-hint">{t('patientRights.card.intro')}</p>
      <div className="patient-rights-actions">
        <a
          className="button button-secondary button-small"
          href={patientRightsApi.exportUrl(identity.patientId)}
          download
          data-testid="export-json"
        >
          {t('patientRights.card.exportJson')}
        </a>
        <a
          className="button button-secondary button-small"
          href={patientRightsApi.summaryUrl(identity.patientId, language)}
          download
          data-testid="export-pdf"
        >
          {t('patientRights.card.exportPdf')}
        </a>
        {!editing && (
          <button
            type="button"
            className="button button-primary button-small"
            data-testid="rectify-identity"
            onClick={() => {
              setOutcome(null);
              setEditing(true);
            }}
          >
            {t('patientRights.card.rectify')}
          </button>
        )}
      </div>
      {outcome !== null && (
        <p className="notice notice-success" role="status" data-testid="rectification-done">
          {t('patientRights.rectify.done', { count: outcome.changedFields.length })}
          {outcome.identityStatusAfter !== outcome.identityStatusBefore &&
            ` ${t('patientRights.rectify.statusChanged', {
              before: status(outcome.identityStatusBefore),
              after: status(outcome.identityStatusAfter),
            })}`}
        </p>
      )}
      {editing && (
        <IdentityRectificationForm
          patientId={identity.patientId}
          identity={identity}
          onCancel={() => setEditing(false)}
          onDone={(done) => {
            setOutcome(done);
            setEditing(false);
            onRectified();
          }}
        />
      )}
    </section>
  );
}
