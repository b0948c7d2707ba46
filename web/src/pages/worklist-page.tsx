import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { CARE_TEAM_ROLE_CODES } from '../../../src/contracts/care-team-role-codes.ts';
import { api } from '../api-client.ts';
import type { TaskOriginKind, TaskPriority, WorklistFilters } from '../api-types.ts';
import { FilterSelect } from '../components/filter-select.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { TaskItem } from '../components/tasks/task-item.tsx';
import { WorklistTabs } from '../components/worklist-tabs.tsx';
import { roleLabel } from '../labels.ts';
import { navigate, useLocation } from '../router.tsx';
import { useTasksChanged } from '../task-events.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { usePagedResource } from '../use-paged-resource.ts';

const BUCKETS = ['overdue', 'today', 'soon', 'later', 'undated'] as const;
const PRIORITIES: readonly TaskPriority[] = ['urgent', 'high', 'normal', 'low'];
const ORIGINS: readonly TaskOriginKind[] = [
  'manual',
  'rule',
  'pathway',
  'referral',
  'transition',
  'questionnaire',
];

/** The filters, read from the URL (?priority=&origin=&role=&patientId=) so they survive a reload. */
function filtersOf(search: URLSearchParams): WorklistFilters {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined =>
    allowed.find((value) => value === search.get(name));
  const patientId = search.get('patientId');
  const priority = pick('priority', PRIORITIES);
  const origin = pick('origin', ORIGINS);
  const role = pick('role', CARE_TEAM_ROLE_CODES);
  return {
    ...(patientId === null ? {} : { patientId }),
    ...(priority === undefined ? {} : { priority }),
    ...(origin === undefined ? {} : { origin }),
    ...(role === undefined ? {} : { role }),
  };
}

/** What I must do now, for whom and why: my open tasks by bucket, overdue first. */
export function WorklistPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('worklist.title'));
  const { search } = useLocation();
  const filters = filtersOf(search);
  const key = `worklist:${new URLSearchParams(filters as Record<string, string>).toString()}`;
  const { first, items, hasMore, moreError, loadMore } = usePagedResource(key, (cursor, signal) =>
    api.worklist(filters, cursor, signal),
  );
  const { reload } = first;
  useTasksChanged(useCallback(() => reload(), [reload]));
  const firstPage = first.status === 'ready' ? first.data : null;
  const setFilter = (name: string, value: string): void => {
    const next = new URLSearchParams(search);
    if (value === '') next.delete(name);
    else next.set(name, value);
    const query = next.toString();
    navigate(query === '' ? '/worklist' : `/worklist?${query}`);
  };
  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="page page-worklist" data-testid="worklist">
      <WorklistTabs current="/worklist" />
      <div className="page-heading">
        <h1>{t('worklist.title')}</h1>
        <p className="page-intro">{t('worklist.intro')}</p>
      </div>
      <fieldset className="card worklist-filters">
        <legend className="visually-hidden">{t('worklist.filters.legend')}</legend>
        <FilterSelect
          name="priority"
          label={t('worklist.filters.priority')}
          value={filters.priority ?? ''}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))}
          onChange={setFilter}
        />
        <FilterSelect
          name="origin"
          label={t('worklist.filters.origin')}
          value={filters.origin ?? ''}
          options={ORIGINS.map((o) => ({ value: o, label: t(`tasks.origin.${o}`) }))}
          onChange={setFilter}
        />
        <FilterSelect
          name="role"
          label={t('worklist.filters.role')}
          value={filters.role ?? ''}
          options={CARE_TEAM_ROLE_CODES.map((r) => ({ value: r, label: roleLabel(r) }))}
          onChange={setFilter}
        />
        {filters.patientId !== undefined && (
          <button type="button" className="button button-quiet" onClick={() => setFilter('patientId', '')}>
            {t('worklist.filters.clearPatient')}
          </button>
        )}
      </fieldset>
      {first.status === 'loading' && <LoadingState />}
      {first.status === 'error' && (
        <ProblemMessage error={first.error} testId="worklist-error" onRetry={reload} />
      )}
      {firstPage !== null && items.length === 0 && (
        <div className="empty-panel" role="status" data-testid="worklist-empty">
          <p className="empty-panel-title">{filtered ? t('worklist.emptyFiltered') : t('worklist.empty')}</p>
        </div>
      )}
      {BUCKETS.map((bucket) => {
        const inBucket = items.filter((task) => task.bucket === bucket);
        if (inBucket.length === 0) return null;
        return (
          <section
            key={bucket}
            className={`card section-card worklist-bucket worklist-bucket-${bucket}`}
            aria-labelledby={`bucket-${bucket}`}
            data-testid={`bucket-${bucket}`}
          >
            <h2 id={`bucket-${bucket}`} className="card-title">
              {t(`worklist.buckets.${bucket}`)}
              <span className="card-count">{inBucket.length}</span>
            </h2>
            <ul className="item-list">
              {inBucket.map((task) => (
                <TaskItem key={task.id} task={task} showPatient />
              ))}
            </ul>
          </section>
        );
      })}
      {moreError !== null && <ProblemMessage error={moreError} />}
      {hasMore && (
        <button
          type="button"
          className="button button-secondary"
          data-testid="worklist-more"
          onClick={() => void loadMore()}
        >
          {t('worklist.more')}
        </button>
      )}
    </div>
  );
}
