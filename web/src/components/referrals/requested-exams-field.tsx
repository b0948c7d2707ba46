import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExamCatalogueEntry, RepeatedExam } from '../../api-types.ts';
import { formatDateTime, formatDayOf, formatResultValue } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { ChecklistField } from './checklist-field.tsx';

/**
 * The exams the referral asks for, from the validity catalogue. An exam that repeats a result still
 * valid shows that result and asks why it must be repeated (the duplicate-test warning).
 */
export function RequestedExamsField({
  exams,
  chosen,
  repeats,
  showErrors,
  onToggle,
  onReason,
}: {
  exams: readonly ExamCatalogueEntry[];
  /** Chosen exam codes and the reason to repeat typed for each. */
  chosen: ReadonlyMap<string, string>;
  repeats: readonly RepeatedExam[];
  showErrors: boolean;
  onToggle: (exam: ExamCatalogueEntry, checked: boolean) => void;
  onReason: (code: string, reason: string) => void;
}) {
  const { t } = useTranslation();
  const byCode = new Map(exams.map((exam) => [exam.code, exam]));
  return (
    <ChecklistField
      legend={t('referrals.form.exams')}
      hint={t('referrals.form.examsHint')}
      emptyText={t('referrals.form.noExams')}
      testId="referral-exams"
      selected={new Set(chosen.keys())}
      onToggle={(code, checked) => {
        const exam = byCode.get(code);
        if (exam !== undefined) onToggle(exam, checked);
      }}
      items={exams.map((exam) => {
        const repeat = chosen.has(exam.code) ? repeats.find((r) => r.code === exam.code) : undefined;
        return {
          id: exam.code,
          label: exam.label,
          extra:
            repeat === undefined ? undefined : (
              <RepeatWarning
                repeat={repeat}
                reason={chosen.get(exam.code) ?? ''}
                showErrors={showErrors}
                onReason={(reason) => onReason(exam.code, reason)}
              />
            ),
        };
      })}
    />
  );
}

function RepeatWarning({
  repeat,
  reason,
  showErrors,
  onReason,
}: {
  repeat: RepeatedExam;
  reason: string;
  showErrors: boolean;
  onReason: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const language = currentLanguage();
  const missing = showErrors && reason.trim() === '';
  return (
    <div className="notice notice-warning repeat-warning" data-testid="exam-repeat" role="status">
      <p>
        <strong>
          {t('referrals.form.repeat.title', {
            value: formatResultValue(repeat.result, language),
            date: formatDateTime(repeat.result.effectiveAt, language),
          })}
        </strong>
      </p>
      <p>{t('referrals.form.repeat.validUntil', { date: formatDayOf(repeat.validUntil, language) })}</p>
      <p className="field-hint">
        {repeat.exam.officialRule
          ? t('referrals.form.repeat.official', {
              days: repeat.exam.validityDays,
              source: repeat.exam.source,
            })
          : t('referrals.form.repeat.default', { days: repeat.exam.validityDays })}
      </p>
      <div className="field">
        <label htmlFor={`${id}-reason`}>
          {t('referrals.form.repeat.reason')}{' '}
          <span className="required-mark">{t('referrals.form.requiredMark')}</span>
        </label>
        <input
          id={`${id}-reason`}
          type="text"
          maxLength={500}
          required
          data-testid="exam-repeat-reason"
          aria-invalid={missing}
          value={reason}
          onChange={(event) => onReason(event.target.value)}
        />
        {missing && <p className="field-error">{t('referrals.form.errors.repeatReason')}</p>}
      </div>
    </div>
  );
}
