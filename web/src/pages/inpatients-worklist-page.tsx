import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { useStaysChanged } from '../components/stays/stays-events.ts';
import { TransitionIndicatorsPanel } from '../components/stays/transition-indicators-panel.tsx';
import { WorklistTabs } from '../components/worklist-tabs.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { currentLanguage } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { Link } from '../router.tsx';
import { transitionApi, type InpatientsWorklist } from '../transition-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

const PATH = '/worklist/inpatients';

/**
 * "Hospitalisations": the patients I follow who are in hospital now, and the discharges whose
 * checklist needs action (late or due within a day), each with who must act and why; indicators on top.
 */
export function InpatientsWorklistPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('transitions.worklist.title'));
  const worklist = useResource('inpatients-worklist', (signal) => transitionApi.inpatients(signal));
  const { reload } = worklist;
  useStaysChanged(useCallback(() => reload(), [reload]));

  return (
    <div className="page page-worklist" data-testid="inpatients-worklist">
      <WorklistTabs current={PATH} />
      <div className="page-heading">
        <h1>{t('transitions.worklist.title')}</h1>
        <p className="page-intro">{t('transitions.worklist.intro')}</p>
      </div>
      <TransitionIndicatorsPanel />
      {worklist.status === 'loading' && <LoadingState />}
      {worklist.status === 'error' && <ProblemMessage error={worklist.error} onRetry={reload} />}
      {worklist.status === 'ready' && <Lists data={worklist.data} />}
    </div>
  );
}

function MustAct({ mustAct }: { mustAct: InpatientsWorklist['items'][number]['mustAct'] }) {
  const { t } = useTranslation();
  return (
    <span>
      {t('transitions.worklist.mustAct', {
        role: roleLabel(mustAct.role),
        names: mustAct.names.length === 0 ? t('transitions.worklist.vacant') : mustAct.names.join(', '),
      })}
    </span>
  );
}

function Lists({ data }: { data: InpatientsWorklist }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const place = (stay: { unit: string | null; facility: string }) =>
    [stay.unit, stay.facility].filter(Boolean).join(' — ');
  return (
    <>
      <section
        className="card section-card worklist-bucket worklist-bucket-overdue"
        data-testid="transition-actions"
      >
        <h2 className="card-title">
          {t('transitions.worklist.actions')}
          {data.items.length > 0 && <span className="card-count">{data.items.length}</span>}
        </h2>
        {data.items.length === 0 ? (
          <p className="empty-text">{t('transitions.worklist.noActions')}</p>
        ) : (
          <ul className="item-list">
            {data.items.map(({ patientId, patientName, stay, item, mustAct }) => (
              <li
                key={item.id}
                className={`item${item.status === 'late' ? ' transition-item-late' : ''}`}
                data-testid="transition-action-row"
              >
                <div className="item-head">
                  <Link className="item-title" to={`/patients/${patientId}/stays/${stay.id}`}>
                    {patientName} —{' '}
                    {item.label === null ? t(`transitions.kinds.${item.kind}`) : item.label[language]}
                  </Link>
                  <span className={`badge ${item.status === 'late' ? 'badge-danger' : 'badge-info'}`}>
                    {t(`transitions.itemStatus.${item.status}`)}
                  </span>
                </div>
                <p className="item-meta">
                  {t(
                    item.status === 'late' ? 'transitions.worklist.whyLate' : 'transitions.worklist.whyDue',
                    {
                      day: formatDate(item.lastOnTimeDay, language),
                      place: place(stay),
                    },
                  )}{' '}
                  · <MustAct mustAct={mustAct} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card section-card worklist-bucket" data-testid="inpatients-list">
        <h2 className="card-title">
          {t('transitions.worklist.inpatients')}
          {data.inpatients.length > 0 && <span className="card-count">{data.inpatients.length}</span>}
        </h2>
        {data.inpatients.length === 0 ? (
          <p className="empty-text">{t('transitions.worklist.noInpatients')}</p>
        ) : (
          <ul className="item-list">
            {data.inpatients.map(({ patientId, patientName, stay, mustAct }) => (
              <li key={stay.id} className="item" data-testid="inpatient-row">
                <div className="item-head">
                  <Link className="item-title" to={`/patients/${patientId}/stays/${stay.id}`}>
                    {patientName}
                  </Link>
                  <span className="badge badge-warning">{t('transitions.stay.status.admitted')}</span>
                </div>
                <p className="item-meta">
                  {t('transitions.worklist.whyInHospital', {
                    since: formatDateTime(stay.admittedAt, language),
                    place: place(stay),
                  })}{' '}
                  · <MustAct mustAct={mustAct} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
