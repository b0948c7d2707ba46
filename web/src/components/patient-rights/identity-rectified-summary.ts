import i18next from 'i18next';
import type { TimelineEntry } from '../../api-types.ts';
import { formatDate } from '../../format.ts';
import { translateOr, type Language } from '../../i18n.ts';

/**
 * A `patient.identity-rectified` event in words: each corrected field, before → after (the INS only
 * named: it is shared only for a qualified identity), the status change and the reason.
 */
export function identityRectifiedSummary(summary: TimelineEntry['summary'], language: Language): string {
  const text = (key: string): string => {
    const value = summary[key];
    return value === undefined || value === null ? '' : String(value);
  };
  const shown = (field: string, value: string): string => {
    if (value === '') return i18next.t('patientRights.timeline.empty');
    if (field === 'sex') return translateOr(`sex.${value}`, value);
    if (field === 'birthDate') return formatDate(value, language);
    return value;
  };
  const fields = text('fields')
    .split(',')
    .filter((field) => field !== '');
  const changes = fields.map((field) => {
    const label = translateOr(`patientRights.fields.${field}`, field);
    if (field === 'ins') return i18next.t('patientRights.timeline.insChanged');
    return `${label}${language === 'fr' ? ' : ' : ': '}${shown(field, text(`${field}.before`))} → ${shown(field, text(`${field}.after`))}`;
  });
  const before = text('identityStatusBefore');
  const after = text('identityStatusAfter');
  const status =
    before !== after && before !== '' && after !== ''
      ? i18next.t('patientRights.timeline.status', {
          before: translateOr(`identityStatus.long.${before}`, before),
          after: translateOr(`identityStatus.long.${after}`, after),
        })
      : '';
  const reason =
    text('reason') === '' ? '' : i18next.t('patientRights.timeline.reason', { reason: text('reason') });
  return [...changes, status, reason].filter((part) => part !== '').join(' · ');
}
