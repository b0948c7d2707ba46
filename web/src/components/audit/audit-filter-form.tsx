import { useTranslation } from 'react-i18next';
import type {
  AuditAction,
  AuditLogFilterQuery,
  AuditOutcome,
} from '../../../../src/contracts/audit-contracts.ts';

export const AUDIT_FILTERS = ['patientId', 'accountId', 'login', 'action', 'outcome', 'from', 'to'] as const;
export type AuditFilterName = (typeof AUDIT_FILTERS)[number];

const ACTIONS: readonly AuditAction[] = ['read', 'search', 'write', 'export', 'login', 'break-glass'];
const OUTCOMES: readonly AuditOutcome[] = ['allowed', 'denied'];

/**
 * The DPO's filters. Text fields apply on submit, not on each key; the server checks every value and
 * says what is wrong. Remounted (by key) when the URL's filters change, so it always shows them.
 */
export function AuditFilterForm({
  filters,
  onApply,
  onClear,
}: {
  filters: AuditLogFilterQuery;
  onApply: (filters: AuditLogFilterQuery) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const text = (name: 'patientId' | 'accountId' | 'login', hint?: string) => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{t(`auditLog.filters.${name}`)}</label>
      <input
        id={`audit-${name}`}
        name={name}
        type="text"
        data-testid={`audit-filter-${name}`}
        defaultValue={filters[name] ?? ''}
        autoComplete="off"
        spellCheck={false}
        {...(hint === undefined ? {} : { placeholder: hint })}
      />
    </div>
  );
  const date = (name: 'from' | 'to') => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{t(`auditLog.filters.${name}`)}</label>
      <input
        id={`audit-${name}`}
        name={name}
        type="date"
        data-testid={`audit-filter-${name}`}
        defaultValue={filters[name] ?? ''}
      />
    </div>
  );
  return (
    <form
      className="card audit-filters"
      aria-label={t('auditLog.filters.legend')}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const next: Partial<Record<AuditFilterName, string>> = {};
        for (const name of AUDIT_FILTERS) {
          const value = form.get(name);
          if (typeof value === 'string' && value.trim() !== '') next[name] = value.trim();
        }
        onApply(next);
      }}
    >
      {text('patientId', t('auditLog.filters.uuidHint'))}
      {text('login')}
      {text('accountId', t('auditLog.filters.uuidHint'))}
      <div className="field">
        <label htmlFor="audit-action">{t('auditLog.filters.action')}</label>
        <select
          id="audit-action"
          name="action"
          data-testid="audit-filter-action"
          defaultValue={filters.action ?? ''}
        >
          <option value="">{t('auditLog.filters.any')}</option>
          {ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`auditLog.actions.${action}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-outcome">{t('auditLog.filters.outcome')}</label>
        <select
          id="audit-outcome"
          name="outcome"
          data-testid="audit-filter-outcome"
          defaultValue={filters.outcome ?? ''}
        >
          <option value="">{t('auditLog.filters.any')}</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`auditLog.outcomes.${outcome}`)}
            </option>
          ))}
        </select>
      </div>
      {date('from')}
      {date('to')}
      <div className="audit-filter-buttons">
        <button type="submit" className="button button-primary" data-testid="audit-filter-apply">
          {t('auditLog.filters.apply')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          data-testid="audit-filter-clear"
          onClick={onClear}
        >
          {t('auditLog.filters.clear')}
        </button>
      </div>
    </form>
  );
}
