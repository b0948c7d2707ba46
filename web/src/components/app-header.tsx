import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../router.tsx';
import {
  ACCOUNT_SECURITY_PATH,
  AUDIT_LOG_PATH,
  homePathOf,
  isAdmin,
  isDpo,
  useSession,
} from '../session-context.ts';
import { BrandMark } from './brand-mark.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { NotificationBell } from './notification-bell.tsx';
import { ReferralInboxBadge } from './referrals/referral-inbox-badge.tsx';
import { WorklistNavBadge } from './worklist-nav-badge.tsx';

/** The bar on every signed-in screen: brand, navigation, who is signed in, language, log out. */
export function AppHeader() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const { pathname } = useLocation();
  const [leaving, setLeaving] = useState(false);
  const home = homePathOf(me);

  // The portal is a single page: patients get no navigation to get lost in.
  const navItems: { to: string; label: string; active: boolean; badge?: ReactNode }[] =
    me.kind === 'professional'
      ? [
          {
            to: '/worklist',
            label: t('nav.worklist'),
            active: pathname.startsWith('/worklist'),
            badge: <WorklistNavBadge />,
          },
          { to: '/patients', label: t('nav.patients'), active: pathname.startsWith('/patients') },
          {
            to: '/referrals/inbox',
            label: t('referrals.nav.referrals'),
            active: pathname.startsWith('/referrals'),
            badge: <ReferralInboxBadge />,
          },
          ...(isAdmin(me)
            ? [{ to: '/admin/rules', label: t('nav.admin'), active: pathname.startsWith('/admin') }]
            : []),
          ...(isDpo(me)
            ? [{ to: AUDIT_LOG_PATH, label: t('nav.audit'), active: pathname.startsWith('/dpo') }]
            : []),
        ]
      : [];

  return (
    <header className="app-header">
      <div className="app-header-inner">
        <BrandMark href={home} />
        {navItems.length > 0 && (
          <nav className="app-nav" aria-label={t('nav.main')}>
            <ul>
              {navItems.map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    className="app-nav-link"
                    data-testid={`nav-${item.to.slice(1)}`}
                    aria-current={item.active ? 'page' : undefined}
                  >
                    {item.label}
                    {item.badge}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="app-header-tools">
          <NotificationBell />
          <span
            className="app-user"
            data-testid="user-name"
            title={t('nav.signedInAs', { name: me.displayName })}
          >
            <span className="app-user-avatar" aria-hidden="true">
              {initialsOf(me.displayName)}
            </span>
            <span className="app-user-name">{me.displayName}</span>
          </span>
          <Link
            to={ACCOUNT_SECURITY_PATH}
            className="button button-quiet app-security-link"
            data-testid="account-security-link"
            title={t('security.nav')}
          >
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              width="18"
              height="18"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <rect x="5" y="11" width="14" height="10" rx="2" />
              <path d="M8 11V7a4 4 0 0 1 8 0v4" />
            </svg>
            <span className="app-security-label">{t('security.nav')}</span>
          </Link>
          <LanguageSwitch />
          <button
            type="button"
            className="button button-quiet"
            data-testid="logout"
            disabled={leaving}
            onClick={() => {
              setLeaving(true);
              void signOut();
            }}
          >
            {t('nav.logout')}
          </button>
        </div>
      </div>
    </header>
  );
}

function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
