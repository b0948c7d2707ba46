import { useTranslation } from 'react-i18next';
import type { PathwayWorklistItem } from '../../api-types.ts';
import { currentLanguage, translateOr } from '../../i18n.ts';
import { roleLabel } from '../../labels.ts';
import { dueWindow, inLanguage } from '../../pathway-labels.ts';
import { Link } from '../../router.tsx';

/**
 * One step to act on: the patient (a link to the record), the pathway and step, why it is listed (late,
 * or due soon, with its window) and who must act. The dates are formatted here rather than taken from
 * the server's `why` sentence, which writes them as ISO days.
 */
export function PathwayWorklistRow({
  item,
  timingIsDefault,
}: {
  item: PathwayWorklistItem;
  /** From the template: the step's timing is Relais's default, not a published rule. */
  timingIsDefault: boolean;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const rupture = item.status === 'rupture';
  const { mustAct } = item;
  const days = dueWindow(item.dueAt, item.lastOnTimeDay, language);
  const names = mustAct.actors.map((actor) => actor.name).join(', ');
  const who = [roleLabel(mustAct.role), names === '' ? t('pathwayWorklist.nobody') : names].join(' — ');

  return (
    <li
      className={`item pathway-worklist-row${rupture ? ' pathway-worklist-rupture' : ''}`}
      data-testid="pathway-worklist-row"
      data-status={item.status}
      data-step-id={item.stepId}
    >
      <div className="item-head">
        <Link
          to={`/patients/${encodeURIComponent(item.patientId)}`}
          className="item-title"
          data-testid="pathway-worklist-patient"
        >
          {item.patientName}
        </Link>
        <span className={`badge ${rupture ? 'badge-danger' : 'badge-info'}`}>
          {translateOr(`pathwayWorklist.status.${item.status}`, item.status)}
        </span>
      </div>
      <p className="item-meta">
        <strong>{inLanguage(item.stepLabel, language)}</strong>
        <span className="muted"> · {inLanguage(item.pathwayTitle, language)}</span>
      </p>
      <p className="item-meta" data-testid="pathway-worklist-why">
        <span className={rupture ? 'task-due-overdue' : undefined}>
          {t(
            rupture
              ? 'pathwayWorklist.whyLate'
              : days.oneDay
                ? 'pathwayWorklist.whyBy'
                : 'pathwayWorklist.whyDue',
            days,
          )}
        </span>
        {timingIsDefault && (
          <span className="pathway-default-mark" title={t('pathways.defaultTimingHint')}>
            {' '}
            {t('pathways.defaultTiming')}
          </span>
        )}
      </p>
      <p className="item-meta task-why" data-testid="pathway-worklist-must-act">
        {t('pathwayWorklist.mustAct', { who })}
        {mustAct.vacant && <span className="muted"> ({t('pathwayWorklist.vacant')})</span>}
      </p>
    </li>
  );
}
