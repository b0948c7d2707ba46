import { formatDate, formatDayOf } from './format.ts';
import { INTL_LOCALE, translateOr, type Language } from './i18n.ts';
import { roleLabel } from './labels.ts';

/** Pathway texts come from the templates in both languages: pick the interface's. */
export function inLanguage(text: { readonly fr: string; readonly en: string }, language: Language): string {
  return text[language];
}

/** Who performs a step: the care-team role, and the specialty when the step names one. */
export function performerLabel(role: string, specialty: string | null): string {
  return specialty === null
    ? roleLabel(role)
    : `${roleLabel(role)} · ${translateOr(`careTeam.specialties.${specialty}`, specialty)}`;
}

/** The share of steps done on time, as a whole percentage ("83 %"); a dash when nothing is judged yet. */
export function sharePercent(share: number | null, language: Language): string {
  return share === null
    ? '—'
    : new Intl.NumberFormat(INTL_LOCALE[language], { style: 'percent', maximumFractionDigits: 0 }).format(
        share,
      );
}

/**
 * A step's due window as two days to show: from its due instant (read in the browser's calendar) to
 * its last day on time. `oneDay` when both fall on the same day (a yearly step is due on its date).
 */
export function dueWindow(
  dueAt: string,
  lastOnTimeDay: string,
  language: Language,
): { from: string; by: string; oneDay: boolean } {
  const from = formatDayOf(dueAt, language);
  const by = formatDate(lastOnTimeDay, language);
  return { from, by, oneDay: from === by };
}
