import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchQueueItemView } from '../../../../src/contracts/adt-contracts.ts';
import { api } from '../../api-client.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';

type Identity = {
  readonly birthFamilyName: string | null;
  readonly firstGivenName: string | null;
  readonly usedFamilyName: string | null;
  readonly birthDate: string | null;
  readonly sex: 'male' | 'female' | 'unknown';
};

const TRAITS = ['birthFamilyName', 'firstGivenName', 'usedFamilyName', 'birthDate', 'sex'] as const;

/**
 * One pending item: the hospital's identity beside each candidate's, trait by trait, so that a human
 * sees where they differ; link to one candidate, or set the item aside with a reason.
 */
export function MatchQueueCard({ item, onResolved }: { item: MatchQueueItemView; onResolved: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const action = useAction();
  const [reason, setReason] = useState('');
  const hospital = item.hospitalIdentity;

  const shown = (identity: Identity, trait: (typeof TRAITS)[number]): string => {
    const value = identity[trait];
    if (value === null) return '—';
    if (trait === 'birthDate') return formatDate(value, language);
    if (trait === 'sex') return t(`hl7Queue.sex.${identity.sex}`);
    return value;
  };
  const differs = (candidate: Identity, trait: (typeof TRAITS)[number]) =>
    hospital[trait] !== null &&
    shown(candidate, trait).toLowerCase() !== shown(hospital, trait).toLowerCase();

  return (
    <section
      className="card section-card"
      data-testid="match-queue-item"
      aria-label={t('hl7Queue.itemLabel')}
    >
      <h2 className="card-title">
        {t(`hl7Queue.reasons.${item.reason}`)}
        <span className="badge badge-neutral">{item.event}</span>
      </h2>
      <p className="item-meta">
        {t('hl7Queue.meta', {
          facility: item.facility,
          date: formatDateTime(item.createdAt, language),
          count: item.heldMessages,
        })}
      </p>
      <p className="item-meta">
        {t('hl7Queue.localIds')}{' '}
        {item.localIds.map((id) => `${id.id} (${id.authority === '' ? '—' : id.authority})`).join(', ')}
      </p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('hl7Queue.trait')}</th>
              <th scope="col">{t('hl7Queue.hospital')}</th>
              {item.candidates.map((candidate, index) => (
                <th scope="col" key={candidate.patientId}>
                  {t('hl7Queue.candidate', { number: index + 1 })}
                  {candidate.hasIns && <span className="badge badge-info">INS</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {TRAITS.map((trait) => (
              <tr key={trait}>
                <th scope="row" className="cell-label">
                  {t(`hl7Queue.traits.${trait}`)}
                </th>
                <td className="cell-strong">{shown(hospital, trait)}</td>
                {item.candidates.map((candidate) => (
                  <td
                    key={candidate.patientId}
                    className={differs(candidate, trait) ? 'row-flagged' : undefined}
                  >
                    {shown(candidate, trait)}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <td />
              <td />
              {item.candidates.map((candidate, index) => (
                <td key={candidate.patientId}>
                  <button
                    type="button"
                    className="button button-primary button-small"
                    disabled={action.busy}
                    data-testid="match-queue-link"
                    onClick={() =>
                      void action
                        .run(() => api.linkMatchQueueItem(item.id, candidate.patientId))
                        .then((ok) => ok && onResolved())
                    }
                  >
                    {t('hl7Queue.link', { number: index + 1 })}
                  </button>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <form
        className="task-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(() => api.dismissMatchQueueItem(item.id, reason)).then((ok) => ok && onResolved());
        }}
      >
        <div className="field">
          <label htmlFor={`${item.id}-reason`}>{t('hl7Queue.dismissReason')}</label>
          <input
            id={`${item.id}-reason`}
            type="text"
            value={reason}
            maxLength={500}
            required
            data-testid="match-queue-reason"
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-secondary"
            disabled={action.busy || reason.trim() === ''}
            data-testid="match-queue-dismiss"
          >
            {t('hl7Queue.dismiss')}
          </button>
        </div>
      </form>
      {action.error !== null && <ProblemMessage error={action.error} />}
    </section>
  );
}
