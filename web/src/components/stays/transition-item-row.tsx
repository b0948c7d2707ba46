import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { roleLabel } from '../../labels.ts';
import { transitionApi, type TransitionItem } from '../../transition-api.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { ReasonForm } from '../reason-form.tsx';

const BADGE: Readonly<Record<TransitionItem['status'], string>> = {
  pending: 'badge-info',
  late: 'badge-danger',
  done: 'badge-success',
  'not-needed': 'badge-neutral',
};

/**
 * One checklist item: what, by when (and whether that deadline is a rule, the pathway's, or a
 * configurable default), who must act; once done, who, when and what shows it; while open, the
 * actions to mark it done or not needed with a note.
 */
export function TransitionItemRow({
  patientId,
  stayId,
  item,
  version,
  canAct,
  onChanged,
}: {
  patientId: string;
  stayId: string;
  item: TransitionItem;
  version: number;
  canAct: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [marking, setMarking] = useState<'done' | 'not-needed' | null>(null);
  const action = useAction();
  const open = item.status === 'pending' || item.status === 'late';
  const title =
    item.label === null
      ? t(`transitions.kinds.${item.kind}`)
      : language === 'fr'
        ? item.label.fr
        : item.label.en;
  const mark = async (status: 'done' | 'not-needed', note: string) => {
    const done = await action.run(() =>
      transitionApi.markItem(patientId, stayId, item.id, {
        status,
        note: note === '' ? null : note,
        version,
      }),
    );
    if (done) {
      setMarking(null);
      onChanged();
    }
  };

  return (
    <li
      className={`item transition-item${item.status === 'late' ? ' transition-item-late' : ''}`}
      data-testid={`transition-item-${item.kind}`}
      data-status={item.status}
    >
      <div className="item-head">
        <span className="item-title">{title}</span>
        <span className={`badge ${BADGE[item.status]}`}>{t(`transitions.itemStatus.${item.status}`)}</span>
      </div>
      <p className="item-meta">
        {t('transitions.dueBy', { day: formatDate(item.lastOnTimeDay, language) })} ·{' '}
        {t(`transitions.deadlineSource.${item.deadlineSource}`)} ·{' '}
        {t('transitions.responsible', {
          who:
            item.responsible === 'coordination' ? t('transitions.coordination') : roleLabel(item.responsible),
        })}
      </p>
      {item.note !== null && <p className="item-body">{item.note}</p>}
      {!open && (
        <p className="item-meta" data-testid="transition-item-done">
          {t('transitions.doneBy', {
            who: item.doneBy ?? t('transitions.system'),
            when: item.doneAt === null ? '' : formatDateTime(item.doneAt, language),
          })}
          {item.evidence !== null && ` — ${item.evidence}`}
        </p>
      )}
      {open && canAct && marking === null && (
        <div className="task-buttons">
          <button
            type="button"
            className="button button-secondary button-small"
            data-testid="transition-item-mark-done"
            onClick={() => setMarking('done')}
          >
            {t('transitions.actions.done')}
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            data-testid="transition-item-mark-not-needed"
            onClick={() => setMarking('not-needed')}
          >
            {t('transitions.actions.notNeeded')}
          </button>
        </div>
      )}
      {marking !== null && (
        <ReasonForm
          testId="transition-item"
          inputTestId="transition-item-note"
          required={marking === 'not-needed'}
          maxLength={1000}
          label={t(marking === 'done' ? 'transitions.actions.doneNote' : 'transitions.actions.notNeededNote')}
          confirmLabel={t('transitions.actions.confirm')}
          cancelLabel={t('transitions.actions.cancel')}
          busy={action.busy}
          onSubmit={(note) => void mark(marking, note)}
          onCancel={() => setMarking(null)}
        />
      )}
      {action.error !== null && <ProblemMessage error={action.error} />}
    </li>
  );
}
