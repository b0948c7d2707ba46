import type { ReactNode } from 'react';

/** A titled list of checkboxes (results or documents to attach, exams to ask for). */
export function ChecklistField({
  legend,
  hint,
  emptyText,
  items,
  selected,
  onToggle,
  testId,
}: {
  legend: string;
  hint?: string;
  emptyText: string;
  items: readonly { id: string; label: ReactNode; extra?: ReactNode }[];
  selected: ReadonlySet<string>;
  onToggle: (id: string, checked: boolean) => void;
  testId: string;
}) {
  return (
    <fieldset className="form-fieldset" data-testid={testId}>
      <legend>{legend}</legend>
      {hint !== undefined && <p className="field-hint">{hint}</p>}
      {items.length === 0 ? (
        <p className="empty-text">{emptyText}</p>
      ) : (
        <ul className="plain-list checklist">
          {items.map((item) => (
            <li key={item.id} data-testid={`${testId}-item`}>
              <label className="checkbox-label">
                <input
                  type="checkbox"
                  checked={selected.has(item.id)}
                  onChange={(event) => onToggle(item.id, event.target.checked)}
                />
                <span>{item.label}</span>
              </label>
              {item.extra}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
