import { Fragment } from 'react';
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
  /** Options with a `group` are shown under that heading, groups in their order of appearance. */
  options: readonly { value: string; label: string; group?: string }[];
  /** What the empty choice says, when "Toutes" does not fit. */
  allLabel?: string;
  onChange: (name: string, value: string) => void;
}) {
  const { t } = useTranslation();
  const groups = [...new Set(options.map((option) => option.group))];
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
        {groups.map((group) => {
          const inGroup = options
            .filter((option) => option.group === group)
            .map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ));
          return group === undefined ? (
            <Fragment key="">{inGroup}</Fragment>
          ) : (
            <optgroup key={group} label={group}>
              {inGroup}
            </optgroup>
          );
        })}
      </select>
    </div>
  );
}
