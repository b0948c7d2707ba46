import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ADDABLE_KIND_CODES } from '../../../../src/contracts/transition-contracts.ts';
import { transitionApi } from '../../transition-api.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';

/** Adds home nursing or equipment to arrange, with its due day and what to arrange. */
export function AddItemForm({
  patientId,
  stayId,
  version,
  onDone,
  onCancel,
}: {
  patientId: string;
  stayId: string;
  version: number;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<(typeof ADDABLE_KIND_CODES)[number]>('home-nursing');
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (dueOn === '' || note.trim() === '') return;
    if (
      await action.run(() =>
        transitionApi.addItem(patientId, stayId, { kind, dueOn, note: note.trim(), version }),
      )
    )
      onDone();
  };
  return (
    <form
      className="task-inline-form"
      onSubmit={(event) => void submit(event)}
      data-testid="transition-add-form"
      noValidate
    >
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('transitions.add.kind')}</label>
        <select
          id={`${id}-kind`}
          data-testid="transition-add-kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as typeof kind)}
        >
          {ADDABLE_KIND_CODES.map((code) => (
            <option key={code} value={code}>
              {t(`transitions.kinds.${code}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t('transitions.add.dueOn')}</label>
        <input
          id={`${id}-due`}
          type="date"
          data-testid="transition-add-due"
          required
          value={dueOn}
          onChange={(event) => setDueOn(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('transitions.add.note')}</label>
        <input
          id={`${id}-note`}
          type="text"
          data-testid="transition-add-note"
          maxLength={1000}
          required
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <div className="task-buttons">
        <button
          type="submit"
          className="button button-primary button-small"
          data-testid="transition-add-confirm"
          disabled={action.busy || dueOn === '' || note.trim() === ''}
        >
          {t('transitions.add.confirm')}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onCancel}>
          {t('transitions.actions.cancel')}
        </button>
      </div>
      {action.error !== null && <ProblemMessage error={action.error} />}
    </form>
  );
}
