import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceSla } from '../../../src/contracts/referral-contracts.ts';
import { api } from '../api-client.ts';
import { AdminTabs } from '../components/admin-tabs.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ServiceSlaTable } from '../components/referrals/service-sla-table.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

/** Administration of the referral delays: Relais's defaults, changed per hospital service. */
export function ReferralSlaAdminPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('referralSla.title'));
  const services = useResource('services', (signal) => api.services(signal));
  const [serviceId, setServiceId] = useState<string | null>(null);

  return (
    <div className="page page-referral-sla">
      <AdminTabs current="/admin/referral-sla" />
      <div className="page-heading">
        <h1>{t('referralSla.title')}</h1>
        <p className="page-intro">{t('referralSla.intro')}</p>
      </div>
      {services.status === 'loading' && <LoadingState />}
      {services.status === 'error' && <ProblemMessage error={services.error} onRetry={services.reload} />}
      {services.status === 'ready' && (
        <div className="stack">
          <label className="field">
            <span className="field-label">{t('referralSla.service')}</span>
            <select
              value={serviceId ?? ''}
              data-testid="sla-service"
              onChange={(event) => setServiceId(event.target.value === '' ? null : event.target.value)}
            >
              <option value="">{t('referralSla.chooseService')}</option>
              {services.data.items.map((service) => (
                <option key={service.id} value={service.id}>
                  {service.name}
                </option>
              ))}
            </select>
          </label>
          {serviceId !== null && <ServiceSlaEditor key={serviceId} organizationId={serviceId} />}
        </div>
      )}
    </div>
  );
}

/** One service's delays, loaded, edited and saved. */
function ServiceSlaEditor({ organizationId }: { organizationId: string }) {
  const sla = useResource(`service-sla:${organizationId}`, (signal) =>
    api.serviceSla(organizationId, signal),
  );
  const [saved, setSaved] = useState<ServiceSla | null>(null);
  if (sla.status === 'loading') return <LoadingState />;
  if (sla.status === 'error') return <ProblemMessage error={sla.error} onRetry={sla.reload} />;
  if (sla.status !== 'ready') return null;
  return <ServiceSlaTable sla={saved ?? sla.data} onSaved={setSaved} />;
}
