import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import { useTasksChanged } from '../../task-events.ts';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { EnrolForm } from './enrol-form.tsx';
import { PathwayCard } from './pathway-card.tsx';

/**
 * "Parcours": the patient's care pathways, each step done, next or late with its dates, and the way to
 * enrol in another. Reloads when tasks change, since a rupture raises a task.
 */
export function PathwaysSection({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [enrolling, setEnrolling] = useState(false);
  const pathways = useResource(`pathways:${patientId}`, (signal) => api.patientPathways(patientId, signal));
  const templates = useResource('pathway-templates', (signal) => api.pathwayTemplates(signal));
  const { reload } = pathways;
  useTasksChanged(useCallback(() => reload(), [reload]));
  const items = pathways.status === 'ready' ? pathways.data.items : [];
  const catalogue = templates.status === 'ready' ? templates.data.items : [];
  // A patient follows a template once at a time: offer only those not running.
  const running = new Set(items.filter((p) => p.status !== 'ended').map((p) => p.templateId));

  return (
    <section className="card section-card" aria-labelledby={headingId} data-testid="patient-pathways">
      <h2 id={headingId} className="card-title">
        {t('pathways.section.title')}
        {items.length > 0 && <span className="card-count">{items.length}</span>}
        {!enrolling && (
          <button
            type="button"
            className="button button-secondary button-small card-title-action"
            data-testid="pathway-enrol-open"
            disabled={templates.status !== 'ready'}
            onClick={() => setEnrolling(true)}
          >
            {t('pathways.enrol.open')}
          </button>
        )}
      </h2>
      {templates.status === 'error' && <ProblemMessage error={templates.error} onRetry={templates.reload} />}
      {enrolling && (
        <EnrolForm
          patientId={patientId}
          templates={catalogue.filter((template) => !running.has(template.id))}
          onCancel={() => setEnrolling(false)}
          onDone={() => {
            setEnrolling(false);
            reload();
          }}
        />
      )}
      {pathways.status === 'loading' && <LoadingState />}
      {pathways.status === 'error' && <ProblemMessage error={pathways.error} onRetry={reload} />}
      {pathways.status === 'ready' && items.length === 0 && (
        <p className="empty-text" data-testid="patient-pathways-empty">
          {t('pathways.section.empty')}
        </p>
      )}
      {items.length > 0 && (
        <ul className="pathway-list">
          {items.map((enrolment) => (
            <PathwayCard
              key={enrolment.id}
              patientId={patientId}
              enrolment={enrolment}
              sources={catalogue.find((template) => template.id === enrolment.templateId)?.sources ?? []}
              onChanged={reload}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
