import { useTranslation } from 'react-i18next';
import type { CareTeamMember } from '../../api-types.ts';
import { recordSharing } from '../../sharing-api.ts';
import { SectionCard } from '../section-card.tsx';
import { SharingChoicesPanel } from './sharing-choices-panel.tsx';

/**
 * The record's "Consentements et oppositions": the patient's sharing choices, and a way for a member of
 * the team to record or withdraw one on the patient's behalf (marked so).
 */
export function SharingChoicesSection({
  patientId,
  careTeam,
  onChange,
  canChange,
}: {
  patientId: string;
  careTeam: readonly CareTeamMember[];
  onChange: () => void;
  canChange: boolean;
}) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('sharing.sectionTitle')} testId="sharing-choices" isEmpty={false} emptyText="">
      <p className="muted">{t('sharing.sectionIntro')}</p>
      <SharingChoicesPanel
        endpoint={recordSharing(patientId)}
        careTeam={careTeam}
        audience="professional"
        onChange={onChange}
        canChange={canChange}
      />
    </SectionCard>
  );
}
