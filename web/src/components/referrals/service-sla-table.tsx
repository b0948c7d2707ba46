import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceSla, ServiceSlaRequest } from '../../../../src/contracts/referral-contracts.ts';
import { api } from '../../api-client.ts';
import { toApiError, type ApiError } from '../../api-error.ts';
import { ProblemMessage } from '../problem-message.tsx';

type Entry = ServiceSla['entries'][number];
type Override = ServiceSlaRequest['overrides'][number];

const STAGES: readonly Entry['stage'][] = [
  'accept',
  'answer',
  'schedule',
  'report',
  'acknowledge',
  'escalate',
];
const keyOf = (entry: Pick<Entry, 'kind' | 'urgency' | 'stage'>) =>
  `${entry.kind}.${entry.urgency}.${entry.stage}`;

/**
 * A service's delays, one row per kind and urgency, one column per stage. A default cell is marked as
 * such; changing it makes it the service's own; "back to the defaults" drops every change.
 */
export function ServiceSlaTable({ sla, onSaved }: { sla: ServiceSla; onSaved: (saved: ServiceSla) => void }) {
  const { t } = useTranslation();
  const [edits, setEdits] = useState<ReadonlyMap<string, number>>(new Map());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const byKey = new Map(sla.entries.map((entry) => [keyOf(entry), entry]));
  const rows = [...new Map(sla.entries.map((entry) => [`${entry.kind}.${entry.urgency}`, entry])).values()];

  const save = async (overrides: readonly Override[]): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      onSaved(await api.saveServiceSla(sla.organizationId, { overrides: [...overrides] }));
      setEdits(new Map());
    } catch (error) {
      setFailure(toApiError(error));
    } finally {
      setBusy(false);
    }
  };
  const overrides = (): Override[] =>
    sla.entries.flatMap((entry) => {
      const edited = edits.get(keyOf(entry));
      if (edited === undefined && entry.isDefault) return [];
      return [
        {
          kind: entry.kind,
          urgency: entry.urgency,
          stage: entry.stage,
          workingDays: edited ?? entry.workingDays,
        },
      ];
    });

  return (
    <section className="section-card" data-testid="service-sla">
      <p className="hint">{t('referralSla.legend')}</p>
      <div className="table-scroll">
        <table className="table sla-table">
          <thead>
            <tr>
              <th scope="col">{t('referralSla.request')}</th>
              {STAGES.map((stage) => (
                <th key={stage} scope="col">
                  {t(`referralSla.stage.${stage}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.kind}.${row.urgency}`}>
                <th scope="row">
                  {t(`referrals.kinds.${row.kind}`)} · {t(`referrals.urgency.${row.urgency}`)}
                </th>
                {STAGES.map((stage) => {
                  const entry = byKey.get(keyOf({ ...row, stage }));
                  // A télé-expertise has no appointment: its schedule delay never applies.
                  const applies = !(row.kind === 'tele-expertise' && stage === 'schedule');
                  if (entry === undefined || !applies)
                    return (
                      <td key={stage} aria-label={t('referralSla.notApplicable')}>
                        —
                      </td>
                    );
                  const edited = edits.get(keyOf(entry));
                  const isDefault = edited === undefined && entry.isDefault;
                  const label = `${t(`referrals.kinds.${row.kind}`)}, ${t(`referrals.urgency.${row.urgency}`)}, ${t(`referralSla.stage.${stage}`)}`;
                  return (
                    <td key={stage} className={isDefault ? 'sla-default' : 'sla-own'}>
                      <input
                        type="number"
                        min={0}
                        max={250}
                        aria-label={label}
                        value={edited ?? entry.workingDays}
                        data-testid={`sla-${keyOf(entry)}`}
                        onChange={(event) => {
                          const next = new Map(edits);
                          next.set(keyOf(entry), Number(event.target.value));
                          setEdits(next);
                        }}
                      />
                      {isDefault && <span className="sla-default-mark">{t('referralSla.default')}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failure !== null && <ProblemMessage error={failure} />}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          data-testid="sla-save"
          onClick={() => void save(overrides())}
        >
          {t('referralSla.save')}
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => void save([])}>
          {t('referralSla.reset')}
        </button>
      </div>
    </section>
  );
}
