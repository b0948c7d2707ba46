import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconciliationRequest } from '../../../../src/contracts/discharge-contracts.ts';

export type TypedLine = NonNullable<ReconciliationRequest['dischargeLines']>[number];

const BLANK: TypedLine = { name: '', atcCode: null, dosage: '', duration: null };

/** The discharge prescription typed in, when the letter is a PDF (or has not come yet). */
export function ReconciliationDischargeLines({
  initial,
  onChange,
}: {
  initial: readonly TypedLine[];
  onChange: (lines: TypedLine[]) => void;
}) {
  const { t } = useTranslation();
  const [lines, setLines] = useState<TypedLine[]>([...initial]);
  const update = (next: TypedLine[]) => {
    setLines(next);
    onChange(next.filter((line) => line.name.trim() !== '' && line.dosage.trim() !== ''));
  };
  const field = (index: number, key: keyof TypedLine, label: string) => (
    <input
      aria-label={`${label} ${index + 1}`}
      placeholder={label}
      value={lines[index]?.[key] ?? ''}
      onChange={(event) => {
        const text = event.target.value;
        const optional = key === 'atcCode' || key === 'duration';
        update(
          lines.map((line, i) =>
            i === index ? { ...line, [key]: optional && text.trim() === '' ? null : text } : line,
          ),
        );
      }}
    />
  );
  return (
    <fieldset className="form-fieldset" data-testid="reconciliation-discharge-lines">
      <legend>{t('discharge.reconciliation.enterLines')}</legend>
      {lines.map((_, index) => (
        <div className="form-row" key={index}>
          {field(index, 'name', t('discharge.letter.form.name'))}
          {field(index, 'atcCode', t('discharge.letter.form.atc'))}
          {field(index, 'dosage', t('discharge.letter.form.dosage'))}
          {field(index, 'duration', t('discharge.letter.form.duration'))}
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => update(lines.filter((__, i) => i !== index))}
          >
            {t('discharge.letter.form.removeLine')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => update([...lines, BLANK])}
      >
        {t('discharge.letter.form.addLine')}
      </button>
    </fieldset>
  );
}
