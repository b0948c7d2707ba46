import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api-client.ts';
import { toApiError, type ApiError } from '../api-error.ts';
import type {
  CoordinationRecord,
  NewReferralRequest,
  ReferralDraft,
  ReferralKind,
  ReferralUrgency,
} from '../api-types.ts';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ChecklistField } from '../components/referrals/checklist-field.tsx';
import { LiaisonLetter } from '../components/referrals/liaison-letter.tsx';
import {
  ReferralPreferencesFields,
  NO_PREFERENCES,
} from '../components/referrals/referral-preferences-fields.tsx';
import { ReferralTargetPicker } from '../components/referrals/referral-target-picker.tsx';
import { RequestedExamsField } from '../components/referrals/requested-exams-field.tsx';
import { TextAreaField } from '../components/referrals/text-area-field.tsx';
import { formatDateTime, formatResultValue } from '../format.ts';
import { currentLanguage } from '../i18n.ts';
import { documentTypeLabel } from '../labels.ts';
import { notifyReferralsChanged } from '../referral-events.ts';
import { Link, navigate } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

const KINDS: readonly ReferralKind[] = ['referral', 'tele-expertise'];
const URGENCIES: readonly ReferralUrgency[] = ['routine', 'soon', 'urgent'];

/** Writing a referral or a télé-expertise request for a patient of my care team. */
export function NewReferralPage({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const record = useResource(`record:${patientId}`, (signal) => api.record(patientId, signal));
  const draft = useResource(`referral-draft:${patientId}`, (signal) => api.referralDraft(patientId, signal));
  const name = record.status === 'ready' ? patientName(record.data) : null;
  useDocumentTitle(name === null ? t('referrals.form.title') : t('referrals.form.pageTitle', { name }));
  const failed = record.status === 'error' ? record.error : draft.status === 'error' ? draft.error : null;

  return (
    <div className="page page-new-referral">
      <p className="back-link">
        <Link to={`/patients/${encodeURIComponent(patientId)}`}>
          <span aria-hidden="true">← </span>
          {t('referrals.backToRecord')}
        </Link>
      </p>
      <div className="page-heading">
        <h1>{name === null ? t('referrals.form.title') : t('referrals.form.pageTitle', { name })}</h1>
        <p className="page-intro">{t('referrals.form.intro')}</p>
      </div>
      {failed !== null && <ProblemMessage error={failed} testId="referral-form-load-error" />}
      {failed === null && (record.status === 'loading' || draft.status === 'loading') && <LoadingState />}
      {record.status === 'ready' && draft.status === 'ready' && (
        <ReferralForm patientId={patientId} draft={draft.data} />
      )}
    </div>
  );
}

function patientName(record: CoordinationRecord): string {
  const { identity } = record;
  return `${(identity.usedFamilyName ?? identity.birthFamilyName).toUpperCase()} ${identity.usedGivenName ?? identity.firstGivenName}`;
}

function ReferralForm({ patientId, draft }: { patientId: string; draft: ReferralDraft }) {
  const { t } = useTranslation();
  const id = useId();
  const language = currentLanguage();
  const [kind, setKind] = useState<ReferralKind>('referral');
  const [urgency, setUrgency] = useState<ReferralUrgency>('routine');
  const [target, setTarget] = useState<NewReferralRequest['target'] | null>(null);
  const [reason, setReason] = useState('');
  const [question, setQuestion] = useState('');
  const [results, setResults] = useState<ReadonlySet<string>>(new Set());
  const [documents, setDocuments] = useState<ReadonlySet<string>>(new Set());
  const [exams, setExams] = useState<ReadonlyMap<string, string>>(new Map());
  const [preferences, setPreferences] = useState(NO_PREFERENCES);
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const codes = [...exams.keys()].sort();
  const check = useResource(
    codes.length === 0 ? null : `exam-check:${patientId}:${codes.join(',')}`,
    (signal) => api.examCheck(patientId, codes, signal),
  );
  const repeats = check.status === 'ready' && codes.length > 0 ? check.data.repeats : [];
  const repeatsWithoutReason = repeats.filter((repeat) => (exams.get(repeat.code) ?? '').trim() === '');
  const complete =
    target !== null && reason.trim() !== '' && question.trim() !== '' && repeatsWithoutReason.length === 0;

  const toggle = (set: ReadonlySet<string>, item: string, checked: boolean): ReadonlySet<string> => {
    const next = new Set(set);
    if (checked) next.add(item);
    else next.delete(item);
    return next;
  };

  const submit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setShowErrors(true);
    if (!complete) return;
    setBusy(true);
    setError(null);
    const repeated = new Set(repeats.map((repeat) => repeat.code));
    try {
      const sent = await api.sendReferral(patientId, {
        kind,
        urgency,
        target,
        reason: reason.trim(),
        clinicalQuestion: question.trim(),
        // A télé-expertise has no appointment: nothing to prefer.
        preferences: kind === 'referral' ? preferences : NO_PREFERENCES,
        attachedResultIds: [...results],
        attachedDocumentIds: [...documents],
        requestedExams: codes.map((code) => ({
          code,
          display: draft.exams.find((exam) => exam.code === code)?.label ?? code,
          repeatReason: repeated.has(code) ? (exams.get(code)?.trim() ?? null) : null,
        })),
      });
      notifyReferralsChanged();
      navigate(`/referrals/${encodeURIComponent(sent.id)}`);
    } catch (thrown) {
      setError(toApiError(thrown));
      setBusy(false);
    }
  };

  return (
    <form
      className="card section-card form referral-form"
      data-testid="referral-form"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <p className="field-hint">{t('referrals.form.requiredHint')}</p>
      <fieldset className="form-fieldset">
        <legend>{t('referrals.form.kind')}</legend>
        <div className="choice-row">
          {KINDS.map((k) => (
            <label key={k} className="choice-card">
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={kind === k}
                data-testid={`referral-kind-${k}`}
                onChange={() => setKind(k)}
              />
              <span>
                <strong>{t(`referrals.kinds.${k}`)}</strong>
                <span className="field-hint">{t(`referrals.form.kindHints.${k}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <ReferralTargetPicker onChange={setTarget} invalid={showErrors} />
      <div className="field">
        <label htmlFor={`${id}-urgency`}>{t('referrals.form.urgency')}</label>
        <select
          id={`${id}-urgency`}
          data-testid="referral-urgency-choice"
          value={urgency}
          onChange={(event) => setUrgency(event.target.value as ReferralUrgency)}
        >
          {URGENCIES.map((u) => (
            <option key={u} value={u}>
              {t(`referrals.urgency.${u}`)}
            </option>
          ))}
        </select>
      </div>
      <TextAreaField
        label={t('referrals.form.reason')}
        hint={t('referrals.form.reasonHint')}
        value={reason}
        maxLength={2000}
        required
        showErrors={showErrors}
        missingText={t('referrals.form.errors.reason')}
        testId="referral-reason"
        onChange={setReason}
      />
      <TextAreaField
        label={t('referrals.form.question')}
        hint={t('referrals.form.questionHint')}
        value={question}
        maxLength={4000}
        required
        showErrors={showErrors}
        missingText={t('referrals.form.errors.question')}
        testId="referral-question"
        onChange={setQuestion}
      />
      <ChecklistField
        legend={t('referrals.form.results')}
        hint={t('referrals.form.attachHint')}
        emptyText={t('referrals.form.noResults')}
        testId="referral-results"
        selected={results}
        onToggle={(item, checked) => setResults(toggle(results, item, checked))}
        items={draft.recentResults.map((result) => ({
          id: result.id,
          label: t('referrals.form.resultItem', {
            exam: result.display,
            value: formatResultValue(result, language),
            date: formatDateTime(result.effectiveAt, language),
          }),
        }))}
      />
      <ChecklistField
        legend={t('referrals.form.documents')}
        emptyText={t('referrals.form.noDocuments')}
        testId="referral-documents"
        selected={documents}
        onToggle={(item, checked) => setDocuments(toggle(documents, item, checked))}
        items={draft.recentDocuments.map((document) => ({
          id: document.id,
          label: t('referrals.form.documentItem', {
            title: document.title,
            type: documentTypeLabel(document.typeCode),
            date: formatDateTime(document.createdAt, language),
          }),
        }))}
      />
      <RequestedExamsField
        exams={draft.exams}
        chosen={exams}
        repeats={repeats}
        showErrors={showErrors}
        onToggle={(exam, checked) => {
          const next = new Map(exams);
          if (checked) next.set(exam.code, '');
          else next.delete(exam.code);
          setExams(next);
        }}
        onReason={(code, text) => setExams(new Map(exams).set(code, text))}
      />
      {check.status === 'error' && <ProblemMessage error={check.error} testId="exam-check-error" />}
      {kind === 'referral' && <ReferralPreferencesFields value={preferences} onChange={setPreferences} />}
      {target?.kind === 'service' && (
        <LiaisonLetter
          reasons={reason}
          treatments={draft.liaisonLetter.treatments}
          allergies={draft.liaisonLetter.allergies}
          preview
        />
      )}
      {showErrors && !complete && (
        <p className="notice notice-danger" role="alert" data-testid="referral-form-incomplete">
          {t('referrals.form.errors.incomplete')}
        </p>
      )}
      {error !== null && <ProblemMessage error={error} testId="referral-form-error" />}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="referral-submit"
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? t('referrals.form.sending') : t(`referrals.form.send.${kind}`)}
        </button>
        <Link to={`/patients/${encodeURIComponent(patientId)}`} className="button button-quiet">
          {t('referrals.form.cancel')}
        </Link>
      </div>
    </form>
  );
}
