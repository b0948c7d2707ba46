import { useTranslation } from 'react-i18next';
import { TabNav } from './tab-nav.tsx';

const WORKLISTS = [
  { to: '/worklist', key: 'pathwayWorklist.tasksTab', testId: 'worklist-tab-tasks' },
  { to: '/worklist/pathways', key: 'pathwayWorklist.tab', testId: 'worklist-tab-pathways' },
  { to: '/worklist/inpatients', key: 'transitions.worklist.tab', testId: 'worklist-tab-inpatients' },
] as const;

/** "Mes tâches" holds my tasks, the pathway steps of the patients I follow, and their hospitalisations. */
export function WorklistTabs({ current }: { current: (typeof WORKLISTS)[number]['to'] }) {
  const { t } = useTranslation();
  return (
    <TabNav
      label={t('pathwayWorklist.tabs')}
      items={WORKLISTS.map((list) => ({
        to: list.to,
        label: t(list.key),
        current: list.to === current,
        testId: list.testId,
      }))}
    />
  );
}
