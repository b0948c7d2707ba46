import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconciliationView } from '../../../../src/contracts/discharge-contracts.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { dischargeApi } from './discharge-api.ts';
import { StayResourcePanel } from './stay-resource-panel.tsx';
import { ReconciliationDischargeLines, type TypedLine } from './reconciliation-discharge-lines.tsx';

type Line = ReconciliationView['lines'][number];

const CLASS_BADGE: Readonly<Record<Line['class'], string>> = {
  continued: 'badge-success',
  changed: 'badge-warning',
  stopped: 'badge-danger',
  new: 'badge-info',
};

/**
 * The medication reconciliation of a stay: the pre-admission list and the discharge prescription side
 * by side, each line's class as a coloured badge, a reason per line; the GP saves a draft or confirms,
 * which updates the record's medication list.
 */
export function ReconciliationPanel({ patientId, stayId }: { patientId: string; stayId: string }) {
  const { t } = useTranslation();
  return (
    <StayResourcePanel
      name="reconciliation"
      title={t('discharge.reconciliation.title')}
      resourceKey={`reconciliation:${patientId}:${stayId}`}
      load={(signal) => dischargeApi.reconciliation(patientId, stayId, signal)}
    >
      {(view, reload) => (
        <ReconciliationBody
          // A new version (saved elsewhere, confirmed) starts the edits afresh.
          key={view.version}
          patientId={patientId}
          stayId={stayId}
          view={view}
          onChanged={reload}
        />
      )}
    </StayResourcePanel>
  );
}

function ReconciliationBody({
  patientId,
  stayId,
  view,
  onChanged,
}: {
  patientId: string;
  stayId: string;
  view: ReconciliationView;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [reasons, setReasons] = useState<ReadonlyMap<string, string>>(new Map());
  const [typed, setTyped] = useState<TypedLine[] | null>(null);
  const action = useAction();
  const confirmed = view.status === 'confirmed';
  const body = () => ({
    version: view.version,
    reasons: [...reasons].map(([key, reason]) => ({ key, reason: reason.trim() === '' ? null : reason })),
    ...(typed === null ? {} : { dischargeLines: typed }),
  });
  const save = () =>
    void action
      .run(() => dischargeApi.saveReconciliation(patientId, stayId, body()))
      .then((ok) => ok && onChanged());
  const confirm = () =>
    void action
      .run(() => dischargeApi.confirmReconciliation(patientId, stayId, body()))
      .then((ok) => ok && onChanged());
  return (
    <div className="stack">
      <p className="muted">{t('discharge.reconciliation.intro')}</p>
      <p data-testid="reconciliation-source">
        {t(`discharge.reconciliation.source.${view.dischargeSource}`)}
      </p>
      {confirmed && view.confirmedAt !== null && (
        <p className="notice notice-success" data-testid="reconciliation-confirmed">
          {t('discharge.reconciliation.confirmedOn', { date: formatDateTime(view.confirmedAt, language) })}
        </p>
      )}
      {view.lines.length === 0 ? (
        <p className="empty-text">{t('discharge.reconciliation.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="reconciliation-table">
            <thead>
              <tr>
                <th scope="col">{t('discharge.reconciliation.before')}</th>
                <th scope="col">{t('discharge.reconciliation.after')}</th>
                <th scope="col">{t('discharge.reconciliation.classHeader')}</th>
                <th scope="col">{t('discharge.reconciliation.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {view.lines.map((line) => (
                <tr key={line.key} data-testid="reconciliation-line" data-class={line.class}>
                  <td>
                    <MedicationCell medication={line.before} />
                  </td>
                  <td>
                    <MedicationCell medication={line.after} />
                    {line.matchedBy !== null && (
                      <span className="cell-sub">
                        {t(`discharge.reconciliation.matchedBy.${line.matchedBy}`)}
                      </span>
                    )}
                  </td>
                  <td>
                    <span className={`badge ${CLASS_BADGE[line.class]}`}>
                      {t(`discharge.reconciliation.class.${line.class}`)}
                    </span>
                  </td>
                  <td>
                    {confirmed ? (
                      (line.reason ?? t('discharge.reconciliation.none'))
                    ) : (
                      <input
                        aria-label={`${t('discharge.reconciliation.reason')} — ${(line.before ?? line.after)?.name ?? ''}`}
                        maxLength={500}
                        value={reasons.get(line.key) ?? line.reason ?? ''}
                        onChange={(event) => setReasons(new Map(reasons).set(line.key, event.target.value))}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!confirmed && view.dischargeSource !== 'letter' && (
        <ReconciliationDischargeLines
          initial={view.lines.flatMap((line) => (line.after === null ? [] : [line.after]))}
          onChange={setTyped}
        />
      )}
      {action.error !== null && <ProblemMessage error={action.error} />}
      {!confirmed && (
        <div className="form-actions">
          <button type="button" className="button button-secondary" disabled={action.busy} onClick={save}>
            {t('discharge.reconciliation.save')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={action.busy}
            onClick={confirm}
            data-testid="reconciliation-confirm"
          >
            {t('discharge.reconciliation.confirm')}
          </button>
        </div>
      )}
    </div>
  );
}

function MedicationCell({
  medication,
}: {
  medication: { name: string; dosage: string; atcCode: string | null } | null;
}) {
  const { t } = useTranslation();
  if (medication === null) return <span className="muted">{t('discharge.reconciliation.none')}</span>;
  return (
    <>
      <span className="cell-strong">{medication.name}</span>
      <span className="cell-sub">
        {medication.dosage}
        {medication.atcCode !== null && ` · ATC ${medication.atcCode}`}
      </span>
    </>
  );
}
