import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { transitionApi, type StayList } from '../../transition-api.ts';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { useStaysChanged } from './stays-events.ts';

type Row = StayList['items'][number];

/**
 * "Séjours / Hospitalisations": a banner while the patient is in hospital, then every stay with, once
 * discharged, how far its transition checklist has got and a link to the stay page.
 */
export function StaysSection({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = useId();
  const stays = useResource(`stays:${patientId}`, (signal) => transitionApi.stays(patientId, signal));
  const { reload } = stays;
  useStaysChanged(useCallback(() => reload(), [reload]));
  const items = stays.status === 'ready' ? stays.data.items : [];
  const current = items.find((row) => row.stay.status === 'admitted');

  return (
    <>
      {current !== undefined && (
        <p className="notice notice-warning" role="status" data-testid="inpatient-banner">
          <strong>
            {t('transitions.banner', {
              since: formatDateTime(current.stay.admittedAt, language),
              place: [current.stay.unit, current.stay.facility].filter(Boolean).join(' — '),
            })}
          </strong>{' '}
          <Link to={`/patients/${patientId}/stays/${current.stay.id}`}>{t('transitions.openStay')}</Link>
        </p>
      )}
      <section className="card section-card" aria-labelledby={headingId} data-testid="patient-stays">
        <h2 id={headingId} className="card-title">
          {t('transitions.section.title')}
          {items.length > 0 && <span className="card-count">{items.length}</span>}
        </h2>
        {stays.status === 'loading' && <LoadingState />}
        {stays.status === 'error' && <ProblemMessage error={stays.error} onRetry={reload} />}
        {stays.status === 'ready' && items.length === 0 && (
          <p className="empty-text" data-testid="patient-stays-empty">
            {t('transitions.section.empty')}
          </p>
        )}
        {items.length > 0 && (
          <ul className="item-list">
            {items.map((row) => (
              <StayRow key={row.stay.id} patientId={patientId} row={row} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function StayRow({ patientId, row }: { patientId: string; row: Row }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { stay, transition } = row;
  return (
    <li className="item" data-testid="stay-row">
      <div className="item-head">
        <Link className="item-title" to={`/patients/${patientId}/stays/${stay.id}`}>
          {[stay.unit, stay.facility].filter(Boolean).join(' — ')}
        </Link>
        <span className={`badge ${stay.status === 'admitted' ? 'badge-warning' : 'badge-neutral'}`}>
          {t(`transitions.stay.status.${stay.status}`)}
        </span>
      </div>
      <p className="item-meta">
        {formatDateTime(stay.admittedAt, language)}
        {stay.dischargedAt === null ? '' : ` → ${formatDateTime(stay.dischargedAt, language)}`}
      </p>
      {transition !== null && (
        <p className="item-body" data-testid="stay-transition-summary">
          {t(`transitions.status.${transition.status}`)} ·{' '}
          {t('transitions.summary', { done: transition.closedItems, total: transition.total })}
          {transition.late > 0 && (
            <span className="badge badge-danger">
              {' '}
              {t('transitions.lateCount', { count: transition.late })}
            </span>
          )}
        </p>
      )}
    </li>
  );
}
