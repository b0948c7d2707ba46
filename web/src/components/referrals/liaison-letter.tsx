import { useTranslation } from 'react-i18next';

/**
 * The liaison letter that goes with a patient sent to hospital (CSP R1112-1-1: the reasons, current
 * treatments and known allergies): a preview while the referral is written, the letter once sent.
 */
export function LiaisonLetter({
  reasons,
  treatments,
  allergies,
  preview,
}: {
  reasons: string;
  treatments: readonly string[];
  allergies: readonly string[];
  preview: boolean;
}) {
  const { t } = useTranslation();
  const list = (items: readonly string[], empty: string) =>
    items.length === 0 ? (
      <p className="muted">{empty}</p>
    ) : (
      <ul className="liaison-list">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    );
  return (
    <div className="liaison-letter" data-testid="liaison-letter">
      <p className="subsection-title">
        {preview ? t('referrals.liaison.previewTitle') : t('referrals.liaison.title')}
      </p>
      <p className="field-hint">{t('referrals.liaison.why')}</p>
      <dl className="referral-facts">
        <div>
          <dt>{t('referrals.liaison.reasons')}</dt>
          <dd>
            {reasons.trim() === '' ? (
              <span className="muted">{t('referrals.liaison.reasonsPending')}</span>
            ) : (
              reasons
            )}
          </dd>
        </div>
        <div>
          <dt>{t('referrals.liaison.treatments')}</dt>
          <dd>{list(treatments, t('referrals.liaison.noTreatments'))}</dd>
        </div>
        <div>
          <dt>{t('referrals.liaison.allergies')}</dt>
          <dd>{list(allergies, t('referrals.liaison.noAllergies'))}</dd>
        </div>
      </dl>
    </div>
  );
}
