import { useTranslation } from 'react-i18next';

/** A labelled select for a list filter; the empty choice means "all" (or the default). Reports (name, value) on change. */
export function FilterSelect({
  name,
  label,
  value,
  options,
  allLabel,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  /** What the empty choice says, when "Toutes" does not fit. */
  allLabel?: string;
  onChange: (name: string, value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        data-testid={`filter-${name}`}
        value={value}
        onChange={(event) => onChange(name, event.target.value)}
      >
        <option value="">{allLabel ?? t('worklist.filters.all')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
