import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoordinationRecord } from '../../api-types.ts';
import { formatDateTime, formatTime, sameLocalDay } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';

/** The server decides at the second; the page asks again just after, so it sees the end. */
const AFTER_END_MS = 1000;

/**
 * The red banner over a record opened by break-the-glass: until when, and that it is traced and
 * notified. When the access ends the page reloads the record, which the server then refuses.
 */
export function BreakGlassBanner({
  access,
  onEnded,
}: {
  access: CoordinationRecord['access'];
  onEnded: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const until = access.basis === 'break-glass' ? access.expiresAt : null;
  useEffect(() => {
    if (until === null) return undefined;
    const timer = setTimeout(onEnded, Math.max(0, Date.parse(until) - Date.now()) + AFTER_END_MS);
    return () => clearTimeout(timer);
  }, [until, onEnded]);
  if (until === null) return null;
  const time = sameLocalDay(until, new Date().toISOString())
    ? formatTime(until, language)
    : formatDateTime(until, language);
  return (
    <p className="break-glass-banner" role="status" data-testid="break-glass-banner" data-until={until}>
      <strong>{t('breakGlass.banner', { time })}</strong>
    </p>
  );
}
