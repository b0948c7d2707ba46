import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { CARE_TEAM_ROLE_CODES } from '../../../src/contracts/care-team-role-codes.ts';
import { api } from '../api-client.ts';
import type { PathwayWorklistItem, PathwayWorklistQuery } from '../api-types.ts';
import { FilterSelect } from '../components/filter-select.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { AdherenceTable } from '../components/pathways/adherence-table.tsx';
import { PathwayWorklistRow } from '../components/pathways/pathway-worklist-row.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { WorklistTabs } from '../components/worklist-tabs.tsx';
import { currentLanguage } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { inLanguage } from '../pathway-labels.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSession } from '../session-context.ts';
import { useTasksChanged } from '../task-events.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

const PATH = '/worklist/pathways';
/** Horizons offered besides the API's default of 14 days (the empty choice). */
const HORIZONS = ['7', '30', '90'] as const;
const DEFAULT_HORIZON = 14;
const GROUPS = ['rupture', 'upcoming'] as const;

/** The filters, read from the URL so they survive a reload (an unknown role is dropped). */
function queryOf(search: URLSearchParams): PathwayWorklistQuery {
  const given = <N extends string>(name: N): { [K in N]?: string } => {
    const value = search.get(name);
    return value === null || value === '' ? {} : ({ [name]: value } as { [K in N]: string });
  };
  const role = CARE_TEAM_ROLE_CODES.find((code) => code === search.get('role'));
  return {
    ...given('withinDays'),
    ...given('templateId'),
    ...given('stepId'),
    ...given('practitionerId'),
    ...given('organizationId'),
    ...(role === undefined ? {} : { role }),
  };
}

/**
 * The pathway steps of the patients I follow (as coordinator or GP): ruptures first, then the steps
 * due within the horizon, each with who must act and why; and adherence per pathway below.
 */
export function PathwayWorklistPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { me } = useSession();
  useDocumentTitle(t('pathwayWorklist.title'));
  const { search } = useLocation();
  const query = queryOf(search);
  const worklist = useResource(`pathway-worklist:${new URLSearchParams(query).toString()}`, (signal) =>
    api.pathwayWorklist(query, signal),
  );
  const templates = useResource('pathway-templates', (signal) => api.pathwayTemplates(signal));
  const practitioners = useResource('practitioners', (signal) => api.practitioners(signal));
  const services = useResource('services', (signal) => api.services(signal));
  const practices = useResource('practices', (signal) => api.practices(signal));
  const { reload } = worklist;
  // A rupture raises a task: the steps moved on.
  useTasksChanged(useCallback(() => reload(), [reload]));

  const catalogue = templates.status === 'ready' ? templates.data.items : [];
  const chosenTemplate = catalogue.find((template) => template.id === query.templateId);
  const stepOf = (item: PathwayWorklistItem) =>
    catalogue.find((template) => template.id === item.templateId)?.steps.find((s) => s.id === item.stepId);
  const items = worklist.status === 'ready' ? worklist.data.items : [];
  const setFilter = (name: string, value: string): void => {
    const next = new URLSearchParams(search);
    if (value === '') next.delete(name);
    else next.set(name, value);
    // A step belongs to its pathway: changing the pathway forgets the step.
    if (name === 'templateId') next.delete('stepId');
    const text = next.toString();
    navigate(text === '' ? PATH : `${PATH}?${text}`);
  };
  const all = t('pathwayWorklist.filters.all');

  return (
    <div className="page page-worklist" data-testid="pathway-worklist">
      <WorklistTabs current={PATH} />
      <div className="page-heading">
        <h1>{t('pathwayWorklist.title')}</h1>
        <p className="page-intro">{t('pathwayWorklist.intro')}</p>
      </div>
      <fieldset className="card worklist-filters">
        <legend className="visually-hidden">{t('pathwayWorklist.filters.legend')}</legend>
        <FilterSelect
          name="withinDays"
          label={t('pathwayWorklist.filters.within')}
          value={query.withinDays ?? ''}
          allLabel={t('pathwayWorklist.filters.withinDays', { count: DEFAULT_HORIZON })}
          options={HORIZONS.map((days) => ({
            value: days,
            label: t('pathwayWorklist.filters.withinDays', { count: Number(days) }),
          }))}
          onChange={setFilter}
        />
        <FilterSelect
          name="templateId"
          label={t('pathwayWorklist.filters.pathway')}
          value={query.templateId ?? ''}
          allLabel={all}
          options={catalogue.map((template) => ({
            value: template.id,
            label: inLanguage(template.title, language),
          }))}
          onChange={setFilter}
        />
        {chosenTemplate !== undefined && (
          <FilterSelect
            name="stepId"
            label={t('pathwayWorklist.filters.step')}
            value={query.stepId ?? ''}
            options={chosenTemplate.steps.map((step) => ({
              value: step.id,
              label: inLanguage(step.label, language),
            }))}
            onChange={setFilter}
          />
        )}
        <FilterSelect
          name="role"
          label={t('pathwayWorklist.filters.role')}
          value={query.role ?? ''}
          allLabel={all}
          options={CARE_TEAM_ROLE_CODES.map((role) => ({ value: role, label: roleLabel(role) }))}
          onChange={setFilter}
        />
        <FilterSelect
          name="practitionerId"
          label={t('pathwayWorklist.filters.practitioner')}
          value={query.practitionerId ?? ''}
          allLabel={all}
          options={[
            ...(me.practitionerId === null
              ? []
              : [{ value: me.practitionerId, label: t('pathwayWorklist.filters.me') }]),
            ...(practitioners.status === 'ready'
              ? practitioners.data.items
                  .filter((p) => p.id !== me.practitionerId)
                  .map((p) => ({ value: p.id, label: `${p.familyName.toUpperCase()} ${p.givenName}` }))
              : []),
          ]}
          onChange={setFilter}
        />
        <FilterSelect
          name="organizationId"
          label={t('pathwayWorklist.filters.organization')}
          value={query.organizationId ?? ''}
          allLabel={all}
          options={[
            ...(practices.status === 'ready'
              ? practices.data.items.map((practice) => ({
                  value: practice.id,
                  label: practice.name,
                  group: t('pathwayWorklist.filters.practices'),
                }))
              : []),
            ...(services.status === 'ready'
              ? services.data.items.map((service) => ({
                  value: service.id,
                  label: service.name,
                  group: t('pathwayWorklist.filters.services'),
                }))
              : []),
          ]}
          onChange={setFilter}
        />
      </fieldset>
      {worklist.status === 'loading' && <LoadingState />}
      {worklist.status === 'error' && (
        <ProblemMessage error={worklist.error} testId="pathway-worklist-error" onRetry={reload} />
      )}
      {worklist.status === 'ready' && items.length === 0 && (
        <div className="empty-panel" role="status" data-testid="pathway-worklist-empty">
          <p className="empty-panel-title">{t('pathwayWorklist.empty')}</p>
        </div>
      )}
      {GROUPS.map((group) => {
        const inGroup = items.filter((item) => (item.status === 'rupture') === (group === 'rupture'));
        if (inGroup.length === 0) return null;
        return (
          <section
            key={group}
            className={`card section-card worklist-bucket${group === 'rupture' ? ' worklist-bucket-overdue' : ''}`}
            aria-labelledby={`pathway-group-${group}`}
            data-testid={`pathway-group-${group}`}
          >
            <h2 id={`pathway-group-${group}`} className="card-title">
              {t(`pathwayWorklist.groups.${group}`)}
              <span className="card-count">{inGroup.length}</span>
            </h2>
            <ul className="item-list">
              {inGroup.map((item) => (
                <PathwayWorklistRow
                  key={item.occurrenceId}
                  item={item}
                  timingIsDefault={stepOf(item)?.timingIsDefault ?? false}
                />
              ))}
            </ul>
          </section>
        );
      })}
      <AdherenceTable />
    </div>
  );
}
