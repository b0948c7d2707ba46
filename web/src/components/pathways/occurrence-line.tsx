import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PathwayOccurrence } from '../../api-types.ts';
import { formatDayOf } from '../../format.ts';
import { currentLanguage, translateOr } from '../../i18n.ts';
import { dueWindow } from '../../pathway-labels.ts';

/**
 * One occurrence of a step in words: its due window, or when and by which evidence it was done;
 * `children` (an action on it) follow on the same line.
 */
export function OccurrenceLine({
  occurrence,
  children,
}: {
  occurrence: PathwayOccurrence;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const days = dueWindow(occurrence.dueAt, occurrence.lastOnTimeDay, language);
  const evidence = occurrence.evidence;
  return (
    <p className="pathway-occurrence" data-testid="pathway-occurrence" data-state={occurrence.state}>
      <span className={`badge ${STATE_BADGE[occurrence.state]}`}>
        {t(`pathways.state.${occurrence.state}`)}
      </span>{' '}
      {occurrence.state === 'done' && occurrence.completedAt !== null ? (
        <>
          {t('pathways.occurrence.doneOn', { date: formatDayOf(occurrence.completedAt, language) })}
          {occurrence.onTime === false && ` ${t('pathways.occurrence.doneLate')}`}
          {evidence !== null && (
            <span className="pathway-evidence" data-testid="pathway-evidence">
              {' · '}
              {t('pathways.occurrence.evidence', {
                kind: translateOr(`pathways.evidenceKind.${evidence.kind}`, evidence.kind),
                label: evidence.label,
              })}
            </span>
          )}
        </>
      ) : occurrence.state === 'skipped' ? (
        t('pathways.occurrence.skipped', { reason: occurrence.skipReason ?? '' })
      ) : occurrence.state === 'late' ? (
        t('pathways.occurrence.late', days)
      ) : (
        t(days.oneDay ? 'pathways.occurrence.by' : 'pathways.occurrence.window', days)
      )}
      {children}
    </p>
  );
}

const STATE_BADGE: Readonly<Record<PathwayOccurrence['state'], string>> = {
  done: 'badge-success',
  next: 'badge-info',
  late: 'badge-danger',
  skipped: 'badge-neutral',
  'on-hold': 'badge-warning',
  cancelled: 'badge-neutral',
};
