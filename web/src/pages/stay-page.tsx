import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { SectionCard } from '../components/section-card.tsx';
import { AddItemForm } from '../components/stays/add-item-form.tsx';
import { LetterPanel } from '../components/stays/letter-panel.tsx';
import { ReconciliationPanel } from '../components/stays/reconciliation-panel.tsx';
import { RiskPanel } from '../components/stays/risk-panel.tsx';
import { StayFacts } from '../components/stays/stay-facts.tsx';
import { notifyStaysChanged, useStaysChanged } from '../components/stays/stays-events.ts';
import { TransitionItemRow } from '../components/stays/transition-item-row.tsx';
import { Link } from '../router.tsx';
import { transitionApi, type StayDetail } from '../transition-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

/**
 * One hospital stay: its facts, and after the discharge its transition checklist with deadlines, who
 * did what and when, and the actions (mark done or not needed, add home nursing or equipment).
 */
export function StayPage({ patientId, stayId }: { patientId: string; stayId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('transitions.page.title'));
  const detail = useResource(`stay:${patientId}:${stayId}`, (signal) =>
    transitionApi.stay(patientId, stayId, signal),
  );
  const { reload } = detail;
  useStaysChanged(useCallback(() => reload(), [reload]));

  return (
    <div className="page page-stay" data-testid="stay-page">
      <p className="back-link">
        <Link to={`/patients/${patientId}`} data-testid="back-to-record">
          <span aria-hidden="true">← </span>
          {t('transitions.page.backToRecord')}
        </Link>
      </p>
      <div className="page-heading">
        <h1>{t('transitions.page.title')}</h1>
      </div>
      {detail.status === 'loading' && <LoadingState />}
      {detail.status === 'error' && (
        <ProblemMessage
          error={detail.error}
          testId="stay-error"
          {...(detail.error.status === 404
            ? { message: t('transitions.page.notFound') }
            : detail.error.status === 403
              ? { message: t('transitions.page.forbidden') }
              : { onRetry: reload })}
        />
      )}
      {detail.status === 'ready' && (
        <StayView
          patientId={patientId}
          detail={detail.data}
          onChanged={() => {
            reload();
            notifyStaysChanged();
          }}
        />
      )}
    </div>
  );
}

function StayView({
  patientId,
  detail,
  onChanged,
}: {
  patientId: string;
  detail: StayDetail;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const { stay, transition } = detail;
  const open = transition?.status === 'open';
  return (
    <div className="record-grid">
      <div className="record-main">
        <section className="card section-card" data-testid="stay-checklist">
          <h2 className="card-title">
            {t('transitions.checklist.title')}
            {transition !== null && (
              <span className="badge badge-neutral" data-testid="transition-status">
                {t(`transitions.status.${transition.status}`)}
              </span>
            )}
            {open && !adding && (
              <button
                type="button"
                className="button button-secondary button-small card-title-action"
                data-testid="transition-add-open"
                onClick={() => setAdding(true)}
              >
                {t('transitions.add.open')}
              </button>
            )}
          </h2>
          {transition === null ? (
            <p className="empty-text" data-testid="stay-no-transition">
              {stay.status === 'admitted'
                ? t('transitions.checklist.inHospital')
                : t('transitions.checklist.none')}
            </p>
          ) : (
            <>
              {adding && (
                <AddItemForm
                  patientId={patientId}
                  stayId={stay.id}
                  version={transition.version}
                  onCancel={() => setAdding(false)}
                  onDone={() => {
                    setAdding(false);
                    onChanged();
                  }}
                />
              )}
              <ul className="item-list">
                {transition.items.map((item) => (
                  <TransitionItemRow
                    key={item.id}
                    patientId={patientId}
                    stayId={stay.id}
                    item={item}
                    version={transition.version}
                    canAct={open}
                    onChanged={onChanged}
                  />
                ))}
              </ul>
              <p className="item-meta">{t('transitions.checklist.sources')}</p>
            </>
          )}
        </section>
        {/* What the discharge brings; their events complete the checklist's items above. */}
        {stay.status === 'discharged' && (
          <div className="stack" data-testid="stay-panels">
            <LetterPanel patientId={patientId} stayId={stay.id} />
            <ReconciliationPanel patientId={patientId} stayId={stay.id} />
            <RiskPanel patientId={patientId} stayId={stay.id} />
          </div>
        )}
      </div>
      <aside className="record-side">
        <SectionCard title={t('transitions.stay.title')} testId="stay-summary" isEmpty={false} emptyText="">
          <StayFacts stay={stay} />
        </SectionCard>
      </aside>
    </div>
  );
}
