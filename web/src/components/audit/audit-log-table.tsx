import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditLogItem } from '../../../../src/contracts/audit-contracts.ts';
import { currentLanguage, INTL_LOCALE, translateOr } from '../../i18n.ts';
import { professionLabel, roleLabel } from '../../labels.ts';
import type { AuditFilterName } from './audit-filter-form.tsx';

/** Audit entries, one per row: seconds count here, so the time shows them. */
export function AuditLogTable({
  items,
  onFilter,
}: {
  items: readonly AuditLogItem[];
  /** Narrows the list to a value shown in a row (a patient, a log-in). */
  onFilter: (name: AuditFilterName, value: string) => void;
}) {
  const { t } = useTranslation();
  const time = new Intl.DateTimeFormat(INTL_LOCALE[currentLanguage()], {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  const filterButton = (name: AuditFilterName, value: string, className: string) => (
    <button
      type="button"
      className={`link-button ${className}`}
      title={t('auditLog.filterBy', { value })}
      onClick={() => onFilter(name, value)}
    >
      {value}
    </button>
  );
  return (
    <div className="table-scroll">
      <table className="table audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('auditLog.columns.at')}</th>
            <th scope="col">{t('auditLog.columns.actor')}</th>
            <th scope="col">{t('auditLog.columns.role')}</th>
            <th scope="col">{t('auditLog.columns.patient')}</th>
            <th scope="col">{t('auditLog.columns.action')}</th>
            <th scope="col">{t('auditLog.columns.resource')}</th>
            <th scope="col">{t('auditLog.columns.outcome')}</th>
            <th scope="col">{t('auditLog.columns.reason')}</th>
            <th scope="col">{t('auditLog.columns.clientAddress')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.seq} data-testid="audit-row" data-seq={item.seq}>
              <td className="audit-time">
                <time dateTime={item.at}>{time.format(new Date(item.at))}</time>
              </td>
              <td>
                <Actor item={item} />
                {item.actor.login !== null && (
                  <span className="cell-sub">{filterButton('login', item.actor.login, 'audit-login')}</span>
                )}
              </td>
              <td>
                {item.role === null ? '—' : translateOr(`auditLog.roles.${item.role}`, roleLabel(item.role))}
              </td>
              <td className="audit-id">
                <Patients
                  ids={item.patientIds}
                  button={(id) => filterButton('patientId', id, 'audit-patient')}
                />
              </td>
              <td>{t(`auditLog.actions.${item.action}`)}</td>
              <td className="audit-resource">{item.resource}</td>
              <td>
                <span className={`badge ${item.outcome === 'denied' ? 'badge-danger' : 'badge-neutral'}`}>
                  {t(`auditLog.outcomes.${item.outcome}`)}
                </span>
              </td>
              <td className="audit-reason">{item.reason}</td>
              <td className="audit-id">{item.clientAddress ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Actor({ item }: { item: AuditLogItem }) {
  const { t } = useTranslation();
  const { actor } = item;
  if (actor.kind === 'anonymous') return <span>{t('auditLog.actors.anonymous')}</span>;
  if (actor.kind === 'patient') return <span>{t('auditLog.actors.patient')}</span>;
  return (
    <>
      <span className="cell-strong">{actor.name ?? t('auditLog.actors.unknownAccount')}</span>
      {actor.profession !== null && (
        <span className="cell-sub">{professionLabel(actor.profession, null)}</span>
      )}
    </>
  );
}

/** How many of an entry's patients show (a worklist page names up to 500); the rest are counted. */
const PATIENTS_SHOWN = 3;

/** The patients an entry is about: none, one, or the first of several (a search's hits) and how many more. */
function Patients({ ids, button }: { ids: readonly string[]; button: (id: string) => ReactNode }) {
  const { t } = useTranslation();
  if (ids.length === 0) return '—';
  const more = ids.length - PATIENTS_SHOWN;
  return (
    <span className="audit-patients">
      {ids.slice(0, PATIENTS_SHOWN).map((id) => (
        <span key={id}>{button(id)}</span>
      ))}
      {more > 0 && <span className="cell-sub">{t('auditLog.morePatients', { count: more })}</span>}
    </span>
  );
}
