import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareTeamMember as Member, TimelineEntry } from '../../api-types.ts';
import { displayUnit, formatDate, formatDateTime, formatDayOf, formatNumber } from '../../format.ts';
import { currentLanguage, translateOr, type Language } from '../../i18n.ts';
import { documentTypeLabel, eventTypeLabel, roleLabel } from '../../labels.ts';
import { identityRectifiedSummary } from '../patient-rights/identity-rectified-summary.ts';
import { SectionCard } from '../section-card.tsx';

type SummaryValue = TimelineEntry['summary'][string];

const FIRST_PAGE = 30;

/** Every event of the record, newest first, each said in words from its summary. */
export function TimelineSection({
  entries,
  careTeam,
}: {
  entries: readonly TimelineEntry[];
  careTeam: readonly Member[];
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [showAll, setShowAll] = useState(false);
  const sorted = [...entries].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  const visible = showAll ? sorted : sorted.slice(0, FIRST_PAGE);
  const names = new Map(careTeam.map((member) => [member.practitionerId, member.name]));

  return (
    <SectionCard
      title={t('sections.timeline')}
      testId="timeline"
      count={entries.length}
      isEmpty={entries.length === 0}
      emptyText={t('empty.timeline')}
    >
      <ol className="timeline">
        {visible.map((entry) => {
          const summary = summaryText(entry, names, language);
          return (
            <li
              key={entry.id}
              className={`timeline-item timeline-${entry.type.split('.')[0] ?? 'event'}`}
              data-testid="timeline-entry"
              data-type={entry.type}
            >
              <span className="timeline-dot" aria-hidden="true" />
              <div className="timeline-content">
                <p className="timeline-head">
                  <span className="timeline-type">{eventTypeLabel(entry.type)}</span>
                  <time className="timeline-time" dateTime={entry.occurredAt}>
                    {formatDateTime(entry.occurredAt, language)}
                  </time>
                </p>
                {summary !== '' && <p className="timeline-summary">{summary}</p>}
              </div>
            </li>
          );
        })}
      </ol>
      {!showAll && sorted.length > FIRST_PAGE && (
        <button type="button" className="button button-secondary" onClick={() => setShowAll(true)}>
          {t('timeline.showAll', { count: sorted.length })}
        </button>
      )}
    </SectionCard>
  );
}

function text(value: SummaryValue | undefined, language: Language): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return formatNumber(value, language);
  return String(value);
}

const join = (parts: readonly string[], separator = ' · '): string =>
  parts.filter((p) => p !== '').join(separator);

/** The event's summary fields in words, by event type; unknown types list their fields. */
export function summaryText(
  entry: TimelineEntry,
  names: ReadonlyMap<string, string>,
  language: Language,
): string {
  const s = entry.summary;
  const field = (name: string): string => text(s[name], language);
  switch (entry.type) {
    case 'patient.registered': {
      const status = field('identityStatus');
      return status === ''
        ? ''
        : translateOr('timeline.identityStatus', status, {
            status: translateOr(`identityStatus.long.${status}`, status),
          });
    }
    case 'patient.identity-rectified':
      return identityRectifiedSummary(s, language);
    case 'condition.recorded':
      return join([field('display'), field('code') === '' ? '' : `(${field('code')})`], ' ');
    case 'medication.recorded':
      return join([field('name'), field('dosage')], ' — ');
    case 'allergy.recorded':
      return field('substance');
    case 'result.recorded': {
      const value = join([field('value'), displayUnit(field('unit'), language)], ' ');
      return join([field('display'), value], language === 'fr' ? ' : ' : ': ');
    }
    case 'document.added':
      return join([field('title'), field('typeCode') === '' ? '' : documentTypeLabel(field('typeCode'))]);
    case 'care-team.member-added':
      return join(
        [names.get(field('practitionerId')) ?? '', field('role') === '' ? '' : roleLabel(field('role'))],
        ' — ',
      );
    case 'care-team.member-left':
      return join(
        [field('name'), field('role') === '' ? '' : roleLabel(field('role')), field('reason')],
        ' — ',
      );
    case 'sharing.objection-recorded':
    case 'sharing.objection-withdrawn':
    case 'sharing.restriction-set':
    case 'sharing.restriction-withdrawn':
    case 'sharing.consent-given':
    case 'sharing.consent-withdrawn':
      return sharingSummary(field, s['onBehalf'] === true);
    case 'questionnaire.completed':
      return join([
        `${field('instrument')}${language === 'fr' ? ' : ' : ': '}${field('score')}/${field('maxScore')}`,
        s['urgent'] === true ? translateOr('timeline.urgent', 'urgent') : '',
      ]);
    case 'appointment.booked': {
      const kind = field('kind');
      const startsAt = field('startsAt');
      return join([
        field('reason'),
        kind === '' ? '' : translateOr(`appointments.kinds.${kind}`, kind),
        startsAt === '' ? '' : formatDateTime(startsAt, language),
      ]);
    }
    case 'task.created':
    case 'task.assigned':
    case 'task.claimed':
    case 'task.started':
    case 'task.completed':
    case 'task.cancelled':
    case 'task.commented': {
      const assignee =
        field('assigneeKind') === 'care-team-role' ? roleLabel(field('assignee')) : field('assignee');
      const by = field('by');
      return join([
        field('title'),
        assignee,
        by === '' ? '' : translateOr('timeline.taskBy', by, { name: by }),
      ]);
    }
    case 'rule.fired': {
      // The rule's name and its reason, both written by the server in each language.
      const [label, why] = language === 'fr' ? ['labelFr', 'explanationFr'] : ['labelEn', 'explanationEn'];
      return join([field(label), field(why)], ' — ');
    }
    case 'target.set':
      return join(
        [field('name'), join([field('value'), displayUnit(field('unit'), language)], ' ')],
        language === 'fr' ? ' : ' : ': ',
      );
    case 'referral.sent':
    case 'referral.accepted':
    case 'referral.declined':
    case 'referral.redirected':
    case 'referral.question-asked':
    case 'referral.question-answered':
    case 'referral.scheduled':
    case 'referral.patient-seen':
    case 'referral.reported':
    case 'referral.acknowledged':
    case 'referral.cancelled':
    case 'referral.overdue':
    case 'referral.escalated':
      return referralSummary(field, language);
    case 'pathway.enrolled':
    case 'pathway.paused':
    case 'pathway.resumed':
    case 'pathway.ended':
    case 'pathway.step-completed':
    case 'pathway.step-due':
    case 'pathway.rupture-detected':
    case 'pathway.step-skipped':
      return pathwaySummary(entry.type, field, language);
    case 'stay.admitted':
    case 'stay.transferred':
    case 'stay.updated':
    case 'stay.discharged':
    case 'stay.admission-cancelled':
    case 'stay.discharge-cancelled':
      // The unit (and where from, on a transfer), then the facility that sent it.
      return join([
        field('fromUnit') === '' ? field('unit') : `${field('fromUnit')} → ${field('unit')}`,
        field('facility'),
      ]);
    case 'access.break-glass':
      return translateOr('timeline.breakGlassUntil', '', {
        date: formatDateTime(field('expiresAt'), language),
      });
    case 'appointment.missed':
    case 'patient-alert.dismissed':
      return '';
    default:
      return join(
        Object.entries(s)
          .filter(([, value]) => value !== null && value !== '')
          .map(([key, value]) => `${key}: ${text(value, language)}`),
      );
  }
}

/** A sharing-choice event: whom or which category, who keeps seeing it, and whether on the patient's behalf. */
function sharingSummary(field: (name: string) => string, onBehalf: boolean): string {
  const category = field('restrictedCategory');
  const allowed = field('allowed');
  return join([
    field('target'),
    category === '' ? '' : translateOr(`sharing.categories.${category}.label`, category),
    allowed === '' ? '' : translateOr('timeline.sharingAllowed', allowed, { names: allowed }),
    onBehalf ? translateOr('sharing.onBehalf', '') : '',
  ]);
}

/** A referral event: which kind, to whom, how urgent, who acted, and the appointment or the detour. */
function referralSummary(field: (name: string) => string, language: Language): string {
  const kind = field('kind');
  const from = field('from');
  const by = field('by');
  const appointmentAt = field('appointmentAt');
  return join([
    translateOr(`referrals.kinds.${kind}`, kind),
    translateOr('timeline.referralTo', '', { to: field('to') }),
    field('urgency') === 'urgent' ? translateOr('referrals.urgency.urgent', 'urgent') : '',
    from === '' ? '' : translateOr('timeline.referralFrom', from, { from }),
    by === '' ? '' : translateOr('timeline.taskBy', by, { name: by }),
    appointmentAt === ''
      ? ''
      : translateOr('timeline.referralAppointment', '', { date: formatDateTime(appointmentAt, language) }),
  ]);
}

/**
 * A pathway event: the pathway (enrolment changes) or the step, with what happened to it — since when,
 * which evidence completed it and when it falls due next, since when it is late and who must act.
 */
function pathwaySummary(type: string, field: (name: string) => string, language: Language): string {
  const inLanguage = (fr: string, en: string): string => field(language === 'fr' ? fr : en);
  const day = (name: string): string => (field(name) === '' ? '' : formatDayOf(field(name), language));
  switch (type) {
    case 'pathway.enrolled':
      return join([
        inLanguage('titleFr', 'titleEn'),
        translateOr('timeline.pathwaySince', '', { date: formatDate(field('startedOn'), language) }),
        field('by') === 'rule' ? translateOr('timeline.pathwayByRule', '') : '',
      ]);
    case 'pathway.paused':
    case 'pathway.resumed':
    case 'pathway.ended':
      return inLanguage('titleFr', 'titleEn');
    case 'pathway.step-completed':
      return join([
        inLanguage('labelFr', 'labelEn'),
        field('evidence'),
        field('onTime') === 'false' ? translateOr('timeline.pathwayLate', '') : '',
        field('nextDueAt') === ''
          ? ''
          : translateOr('timeline.pathwayNextDue', '', { date: day('nextDueAt') }),
      ]);
    case 'pathway.step-due':
      return join([
        inLanguage('labelFr', 'labelEn'),
        translateOr('timeline.pathwayDueFrom', '', { date: day('dueAt') }),
      ]);
    case 'pathway.rupture-detected':
      return join([
        inLanguage('labelFr', 'labelEn'),
        translateOr('timeline.pathwayLateSince', '', { date: day('lateSince') }),
        field('assignedRole') === ''
          ? ''
          : translateOr('timeline.pathwayAssigned', '', { role: roleLabel(field('assignedRole')) }),
      ]);
    default:
      return inLanguage('labelFr', 'labelEn');
  }
}
