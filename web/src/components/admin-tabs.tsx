import { useTranslation } from 'react-i18next';
import { TabNav } from './tab-nav.tsx';

const ADMIN_PAGES = [
  { to: '/admin/rules', key: 'nav.rules' },
  { to: '/admin/referral-sla', key: 'referralSla.tab' },
  { to: '/admin/hl7', key: 'hl7Queue.tab' },
] as const;

/** The administration pages, side by side. */
export function AdminTabs({ current }: { current: (typeof ADMIN_PAGES)[number]['to'] }) {
  const { t } = useTranslation();
  return (
    <TabNav
      label={t('referralSla.adminTabs')}
      items={ADMIN_PAGES.map((page) => ({ to: page.to, label: t(page.key), current: page.to === current }))}
    />
  );
}
