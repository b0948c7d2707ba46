import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterView } from '../../../../src/contracts/discharge-contracts.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { dischargeApi } from './discharge-api.ts';
import { StayResourcePanel } from './stay-resource-panel.tsx';
import { LetterForm } from './letter-form.tsx';
import { LetterUpload } from './letter-upload.tsx';

const STATUS_BADGE: Readonly<Record<LetterView['status'], string>> = {
  missing: 'badge-danger',
  incomplete: 'badge-warning',
  unchecked: 'badge-info',
  complete: 'badge-success',
};

/**
 * The stay's lettre de liaison: received, missing or incomplete (with the parts the rule requires that
 * it lacks), its PDF, the GP's acknowledgement, and for whoever may write it the structured form or
 * a PDF upload. Mounted by the stay page with the stay's ids.
 */
export function LetterPanel({ patientId, stayId }: { patientId: string; stayId: string }) {
  const { t } = useTranslation();
  return (
    <StayResourcePanel
      name="letter"
      title={t('discharge.letter.title')}
      resourceKey={`letter:${patientId}:${stayId}`}
      load={(signal) => dischargeApi.letter(patientId, stayId, signal)}
    >
      {(view, reload) => <LetterBody patientId={patientId} stayId={stayId} view={view} onChanged={reload} />}
    </StayResourcePanel>
  );
}

function LetterBody({
  patientId,
  stayId,
  view,
  onChanged,
}: {
  patientId: string;
  stayId: string;
  view: LetterView;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const acknowledge = useAction();
  const [mode, setMode] = useState<'structured' | 'pdf'>('structured');
  const { letter } = view;
  return (
    <div className="stack">
      <p>
        <span
          className={`badge ${STATUS_BADGE[view.status]}`}
          data-testid="letter-status"
          data-status={view.status}
        >
          {t(`discharge.letter.status.${view.status}`)}
        </span>
      </p>
      {letter !== null && (
        <>
          <p className="item-meta">
            {t('discharge.letter.receivedOn', {
              date: formatDateTime(letter.receivedAt, language),
              version: letter.version,
            })}
          </p>
          {letter.missingParts.length > 0 && (
            <div className="notice notice-warning" data-testid="letter-missing-parts">
              <p>{t('discharge.letter.missingParts')}</p>
              <ul className="plain-list">
                {letter.missingParts.map((missing) => (
                  <li key={missing.part}>{language === 'fr' ? missing.fr : missing.en}</li>
                ))}
              </ul>
            </div>
          )}
          <p>
            <a
              className="button button-secondary"
              href={dischargeApi.letterPdfUrl(patientId, stayId)}
              target="_blank"
              rel="noopener"
              data-testid="letter-open-pdf"
            >
              {t('discharge.letter.openPdf')}
            </a>{' '}
            {view.canAcknowledge && (
              <button
                type="button"
                className="button button-primary"
                disabled={acknowledge.busy}
                data-testid="letter-acknowledge"
                onClick={() =>
                  void acknowledge
                    .run(() => dischargeApi.acknowledgeLetter(patientId, stayId))
                    .then((done) => done && onChanged())
                }
              >
                {t('discharge.letter.acknowledge')}
              </button>
            )}
          </p>
          {letter.acknowledgedAt !== null && (
            <p className="item-meta" data-testid="letter-acknowledged">
              {t('discharge.letter.acknowledgedOn', {
                date: formatDateTime(letter.acknowledgedAt, language),
              })}
            </p>
          )}
          {acknowledge.error !== null && <ProblemMessage error={acknowledge.error} />}
        </>
      )}
      {view.canWrite && (
        <details data-testid="letter-write" open={letter === null && !view.canAcknowledge}>
          <summary>{t('discharge.letter.write')}</summary>
          <div className="segmented" role="radiogroup" aria-label={t('discharge.letter.write')}>
            {(['structured', 'pdf'] as const).map((option) => (
              <label key={option} className="segmented-option">
                <input
                  type="radio"
                  name={`letter-mode-${stayId}`}
                  checked={mode === option}
                  onChange={() => setMode(option)}
                />{' '}
                {t(option === 'structured' ? 'discharge.letter.modeStructured' : 'discharge.letter.modePdf')}
              </label>
            ))}
          </div>
          {mode === 'structured' ? (
            <LetterForm
              patientId={patientId}
              stayId={stayId}
              stay={view.stay}
              initial={letter?.content ?? null}
              onSent={onChanged}
            />
          ) : (
            <LetterUpload patientId={patientId} stayId={stayId} onSent={onChanged} />
          )}
        </details>
      )}
    </div>
  );
}
