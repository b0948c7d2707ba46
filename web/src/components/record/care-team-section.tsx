import { useTranslation } from 'react-i18next';
import type { CareTeamMember as Member } from '../../api-types.ts';
import { formatDate } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { professionLabel, roleLabel } from '../../labels.ts';
import { SectionCard } from '../section-card.tsx';
import { EndMembershipButton } from '../sharing/end-membership-button.tsx';

export const GP_ROLE = 'medecin_traitant';

/** The GP of record first, then the others by role and name. */
export function sortCareTeam(members: readonly Member[]): Member[] {
  return [...members].sort((a, b) => {
    if ((a.role === GP_ROLE) !== (b.role === GP_ROLE)) return a.role === GP_ROLE ? -1 : 1;
    return a.role.localeCompare(b.role) || a.name.localeCompare(b.name);
  });
}

/**
 * Who looks after the patient, with the médecin traitant clearly marked, who added each member and
 * when; a member of the team (`canEnd`) can end a membership (`onChange` then reloads the record).
 */
export function CareTeamSection({
  members,
  patientId,
  onChange,
  canEnd,
}: {
  members: readonly Member[];
  patientId: string;
  onChange: () => void;
  canEnd: boolean;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <SectionCard
      title={t('sections.careTeam')}
      testId="care-team"
      count={members.length}
      isEmpty={members.length === 0}
      emptyText={t('empty.careTeam')}
    >
      <ul className="item-list">
        {sortCareTeam(members).map((member) => {
          const isGp = member.role === GP_ROLE;
          return (
            <li
              key={member.id}
              className={`item care-member${isGp ? ' care-member-gp' : ''}`}
              data-testid="care-team-member"
            >
              <div className="item-head">
                <span className="item-title">{member.name}</span>
                {isGp ? (
                  <span className="badge badge-primary" data-testid="gp-badge">
                    {t('careTeam.gpBadge')}
                  </span>
                ) : (
                  <span className="badge badge-neutral" data-testid="care-team-role">
                    {roleLabel(member.role)}
                  </span>
                )}
              </div>
              <p className="item-meta">{professionLabel(member.profession, member.specialty)}</p>
              {member.organization !== null && <p className="item-meta">{member.organization}</p>}
              <p className="item-meta muted" data-testid="care-team-added">
                {member.addedBy === null
                  ? t('common.since', { date: formatDate(member.startedOn, language) })
                  : t('careTeam.addedBy', {
                      name: member.addedBy,
                      date: formatDate(member.startedOn, language),
                    })}
              </p>
              {canEnd && <EndMembershipButton patientId={patientId} member={member} onEnded={onChange} />}
            </li>
          );
        })}
      </ul>
    </SectionCard>
  );
}
