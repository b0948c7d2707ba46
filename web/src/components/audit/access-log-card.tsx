import { useTranslation } from 'react-i18next';
import type { AccessLogItem } from '../../../../src/contracts/audit-contracts.ts';
import { formatLongDateTime } from '../../format.ts';
import { currentLanguage, translateOr } from '../../i18n.ts';
import { roleLabel, specialtyOrProfessionLabel } from '../../labels.ts';

const MINUTE_MS = 60_000;

/**
 * One line of "who accessed my record", in plain words: who (and their place in the care team), what
 * they did or tried, when; an emergency access stands out with the reason the professional gave.
 */
export function AccessLogCard({ item }: { item: AccessLogItem }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const denied = item.outcome === 'denied';
  const about = [
    item.who.profession === null ? null : specialtyOrProfessionLabel(item.who.profession, item.who.specialty),
    item.role !== null
      ? translateOr(`auditLog.roles.${item.role}`, roleLabel(item.role))
      : item.outsideTeam
        ? t('accessLog.outsideTeam')
        : null,
  ].filter((part): part is string => part !== null && part !== '');
  const minutes = Math.round((Date.parse(item.lastAt) - Date.parse(item.firstAt)) / MINUTE_MS);
  const classes = ['portal-card', 'access-card'];
  if (item.breakGlass !== null) classes.push('access-card-urgent');
  if (denied) classes.push('access-card-denied');

  return (
    <li className={classes.join(' ')} data-testid="access-log-item" data-outcome={item.outcome}>
      {item.breakGlass !== null && (
        <p className="badge badge-danger access-badge" data-testid="access-log-break-glass">
          {t('accessLog.breakGlass')}
        </p>
      )}
      {denied && (
        <p className="badge badge-warning access-badge" data-testid="access-log-denied">
          {t('accessLog.denied')}
        </p>
      )}
      <p className="portal-when">
        <time dateTime={item.lastAt}>{formatLongDateTime(item.lastAt, language)}</time>
      </p>
      <p className="access-sentence">
        <span className="portal-card-title">{item.who.name ?? t('accessLog.someone')}</span>{' '}
        {denied ? t(`accessLog.tried.${item.activity}`) : t(`accessLog.did.${item.activity}`)}
        {item.count > 1 && (
          <span className="muted access-times">
            {' '}
            (
            {minutes >= 1
              ? t('accessLog.times', { n: item.count, minutes })
              : t('accessLog.timesSameMinute', { n: item.count })}
            )
          </span>
        )}
      </p>
      {about.length > 0 && <p className="muted">{about.join(' · ')}</p>}
      {item.breakGlass !== null && (
        <p className="access-reason" data-testid="access-log-reason">
          {item.breakGlass.reason === null
            ? t('accessLog.breakGlassNoReason')
            : t('accessLog.breakGlassReason', { reason: item.breakGlass.reason })}
        </p>
      )}
    </li>
  );
}
