import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Instrument,
  NewQuestionnaireResponse,
} from '../../../../src/contracts/questionnaire-contracts.ts';
import { toApiError, type ApiError } from '../../api-error.ts';
import { ProblemMessage } from '../problem-message.tsx';

/**
 * A questionnaire as a simple list: each question with its four answers as large touch targets, then the
 * optional difficulty question. Unanswered questions are named and focused instead of being sent.
 */
export function QuestionnaireForm({
  instrument,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  instrument: Instrument;
  submitLabel: string;
  /** Sends the answers; a rejection (ApiError) is shown above the button. */
  onSubmit: (body: NewQuestionnaireResponse) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [answers, setAnswers] = useState<(number | null)[]>(() => instrument.items.map(() => null));
  const [difficulty, setDifficulty] = useState<number | null>(null);
  const [missing, setMissing] = useState<readonly number[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const answer = (index: number, value: number): void => {
    setAnswers((current) => current.map((old, i) => (i === index ? value : old)));
    setMissing((current) => current.filter((number) => number !== index + 1));
  };

  const submit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const unanswered = answers.flatMap((value, index) => (value === null ? [index + 1] : []));
    setMissing(unanswered);
    if (unanswered.length > 0) {
      formRef.current?.querySelector<HTMLElement>(`[data-question="${unanswered[0]}"] input`)?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit({ instrument: instrument.id, answers, difficulty });
    } catch (thrown) {
      setError(toApiError(thrown));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="questionnaire-form"
      data-testid="questionnaire-form"
      data-instrument={instrument.id}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <p className="questionnaire-stem">{instrument.stem}</p>
      <p className="muted">{t('questionnaires.form.answerAll')}</p>
      {instrument.items.map((item, index) => (
        <fieldset
          key={item.number}
          className={`question${missing.includes(item.number) ? ' question-missing' : ''}`}
          data-question={item.number}
          data-testid={`question-${item.number}`}
        >
          <legend>
            <span className="question-number">
              {t('questionnaires.form.questionNumber', {
                number: item.number,
                count: instrument.items.length,
              })}
            </span>
            <span className="question-text">{item.text}</span>
          </legend>
          <Choices
            name={`${formId}-q${item.number}`}
            choices={instrument.answers}
            value={answers[index] ?? null}
            testIdPrefix={`answer-${item.number}`}
            onChange={(value) => answer(index, value)}
          />
        </fieldset>
      ))}
      <fieldset className="question question-optional" data-testid="question-difficulty">
        <legend>
          <span className="question-number">{t('questionnaires.form.optional')}</span>
          <span className="question-text">{instrument.difficulty.question}</span>
        </legend>
        <Choices
          name={`${formId}-difficulty`}
          choices={instrument.difficulty.answers}
          value={difficulty}
          testIdPrefix="difficulty"
          onChange={setDifficulty}
        />
      </fieldset>
      {missing.length > 0 && (
        <p className="notice notice-error" role="alert" data-testid="questionnaire-missing">
          {t('questionnaires.form.missing', { count: missing.length, list: missing.join(', ') })}
        </p>
      )}
      {error !== null && <ProblemMessage error={error} testId="questionnaire-error" />}
      <div className="questionnaire-actions">
        <button
          type="submit"
          className="button button-primary button-large"
          disabled={submitting}
          data-testid="questionnaire-submit"
        >
          {submitting ? t('questionnaires.form.submitting') : submitLabel}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="button button-quiet button-large" onClick={onCancel}>
            {t('questionnaires.form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function Choices({
  name,
  choices,
  value,
  testIdPrefix,
  onChange,
}: {
  name: string;
  choices: readonly { value: number; label: string }[];
  value: number | null;
  testIdPrefix: string;
  onChange: (value: number) => void;
}) {
  return (
    <div className="choices">
      {choices.map((choice) => (
        <label key={choice.value} className="choice" data-testid={`${testIdPrefix}-${choice.value}`}>
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </div>
  );
}
