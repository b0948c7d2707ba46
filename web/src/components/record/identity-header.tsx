import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientIdentity } from '../../api-types.ts';
import { ageInYears, formatDate, formatIns } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { IdentityStatusBadge } from '../identity-status-badge.tsx';

/** Who the patient is: names, sex, birth date and age, INS (or why it is withheld), identity status. */
export function IdentityHeader({ identity }: { identity: PatientIdentity }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const age = ageInYears(identity.birthDate);
  const displayFamily = identity.usedFamilyName ?? identity.birthFamilyName;
  const displayGiven = identity.usedGivenName ?? identity.firstGivenName;

  return (
    <section className="card identity-card" data-testid="patient-identity" aria-labelledby="patient-name">
      <div className="identity-main">
        <div className="identity-avatar" aria-hidden="true">
          {(displayGiven[0] ?? '') + (displayFamily[0] ?? '')}
        </div>
        <div className="identity-names">
          <p className="eyebrow">{t('record.title')}</p>
          <h1 id="patient-name" className="identity-name" tabIndex={-1}>
            <span className="family-name" data-testid="patient-family-name">
              {displayFamily.toUpperCase()}
            </span>{' '}
            <span data-testid="patient-given-name">{displayGiven}</span>
          </h1>
          <p className="identity-summary">
            <span data-testid="patient-sex">{t(`sex.${identity.sex}`)}</span>
            <span aria-hidden="true"> · </span>
            <span data-testid="patient-birth-date">{formatDate(identity.birthDate, language)}</span>
            {age !== null && (
              <>
                <span aria-hidden="true"> · </span>
                <span data-testid="patient-age">{t('record.age', { count: age })}</span>
              </>
            )}
          </p>
        </div>
        <div className="identity-status">
          <IdentityStatusBadge status={identity.identityStatus} long />
        </div>
      </div>

      <dl className="identity-facts">
        <Fact label={t('record.birthName')}>{identity.birthFamilyName}</Fact>
        {identity.usedFamilyName !== null && (
          <Fact label={t('record.usedName')}>{identity.usedFamilyName}</Fact>
        )}
        <Fact label={t('record.givenNames')}>
          {identity.givenNames !== '' ? identity.givenNames : identity.firstGivenName}
        </Fact>
        {identity.usedGivenName !== null && (
          <Fact label={t('record.usedGivenName')}>{identity.usedGivenName}</Fact>
        )}
        <Fact label={t('record.ins')} testId="patient-ins">
          {identity.ins !== null ? (
            <>
              <span className="ins-number" data-testid="ins-number">
                {formatIns(identity.ins.matricule)}
              </span>{' '}
              <span className="badge badge-neutral" data-testid="ins-kind" title={t('record.insKind')}>
                {identity.ins.kind}
              </span>
            </>
          ) : identity.insWithheldReason !== null ? (
            <span className="ins-withheld" data-testid="ins-withheld" title={identity.insWithheldReason}>
              {t('record.insWithheld')}
            </span>
          ) : (
            <span className="muted">{t('record.insNone')}</span>
          )}
        </Fact>
        {identity.birthPlaceCode !== null && (
          <Fact label={t('record.birthPlace')}>{identity.birthPlaceCode}</Fact>
        )}
        {identity.phone !== null && (
          <Fact label={t('record.phone')}>
            <a href={`tel:${identity.phone.replace(/[^\d+]/g, '')}`}>{identity.phone}</a>
          </Fact>
        )}
        {identity.email !== null && (
          <Fact label={t('record.email')}>
            <a href={`mailto:${identity.email}`}>{identity.email}</a>
          </Fact>
        )}
        {identity.address !== null && <Fact label={t('record.address')}>{identity.address}</Fact>}
      </dl>
    </section>
  );
}

function Fact({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
