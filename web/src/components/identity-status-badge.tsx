import { useTranslation } from 'react-i18next';
import type { IdentityStatus } from '../api-types.ts';

/** The RNIV identity status as a coloured badge; the long form says "Identité qualifiée". */
export function IdentityStatusBadge({ status, long = false }: { status: IdentityStatus; long?: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className={`badge identity-badge identity-${status.toLowerCase()}`}
      data-testid="identity-status"
      data-status={status}
      title={t(`identityStatus.help.${status}`)}
    >
      {status === 'QUAL' && (
        <svg className="badge-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M3.5 8.5l3 3 6-7" />
        </svg>
      )}
      {long ? t(`identityStatus.long.${status}`) : t(`identityStatus.short.${status}`)}
    </span>
  );
}
