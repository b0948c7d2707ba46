import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleSetDetail } from '../../../../src/contracts/rules-contracts.ts';
import { api } from '../../api-client.ts';
import { toApiError, type ApiError } from '../../api-error.ts';
import { ProblemMessage } from '../problem-message.tsx';

// `starter.yaml:12:7: message`, as the server reports each problem.
const PROBLEM = /^[^:]+:(\d+):(\d+): (.*)$/;

/**
 * The YAML text of a rule set, saved as a new version; the server refuses an invalid text whole and
 * names each problem's line, which this editor links to.
 */
export function RuleSetEditor({
  detail,
  draft,
  onDraft,
  onSaved,
  onReload,
}: {
  detail: RuleSetDetail;
  draft: string;
  onDraft: (text: string) => void;
  onSaved: (saved: RuleSetDetail) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  const save = async () => {
    setSaving(true);
    setFailure(null);
    setSavedVersion(null);
    try {
      const saved = await api.saveRuleSet(detail.id, { source: draft, baseVersion: detail.version });
      setSavedVersion(saved.version);
      onSaved(saved);
    } catch (error) {
      setFailure(toApiError(error));
    } finally {
      setSaving(false);
    }
  };

  /** Puts the caret at the start of a line and scrolls it into view. */
  const goToLine = (line: number) => {
    const textarea = area.current;
    if (textarea === null) return;
    const offset = draft
      .split('\n')
      .slice(0, line - 1)
      .reduce((sum, text) => sum + text.length + 1, 0);
    textarea.focus();
    textarea.setSelectionRange(offset, offset);
    const lineHeight = textarea.scrollHeight / Math.max(1, draft.split('\n').length);
    textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };

  const problems = failure?.status === 400 ? failure.errors : [];
  return (
    <section className="card section-card" aria-labelledby="editor-title" data-testid="rule-editor">
      <h2 id="editor-title" className="card-title">
        {t('rules.editor.title', { id: detail.id })}
      </h2>
      {savedVersion !== null && (
        <p className="notice notice-info" role="status" data-testid="rule-saved">
          {t('rules.editor.saved', { version: savedVersion })}
        </p>
      )}
      {problems.length > 0 && (
        <div className="notice notice-danger" role="alert" data-testid="rule-problems">
          <p>{t('rules.editor.problems', { count: problems.length })}</p>
          <ul className="problem-lines">
            {problems.map((problem) => {
              const match = PROBLEM.exec(problem);
              const line = match === null ? null : Number(match[1]);
              return (
                <li key={problem}>
                  {line === null ? (
                    problem
                  ) : (
                    <button type="button" className="link-button" onClick={() => goToLine(line)}>
                      {t('rules.editor.goToLine', { line })}
                    </button>
                  )}{' '}
                  {match?.[3] ?? ''}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {failure !== null && failure.status === 409 && (
        <ProblemMessage error={failure} message={t('rules.editor.conflict')} onRetry={onReload} />
      )}
      {failure !== null && failure.status !== 400 && failure.status !== 409 && (
        <ProblemMessage error={failure} />
      )}
      <label className="field-label" htmlFor="rule-source">
        {t('rules.editor.label')}
      </label>
      <textarea
        id="rule-source"
        ref={area}
        className="code-editor"
        spellCheck={false}
        rows={28}
        value={draft}
        onChange={(event) => onDraft(event.target.value)}
        data-testid="rule-source"
      />
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={saving} onClick={() => void save()}>
          {saving ? t('rules.editor.saving') : t('rules.editor.save')}
        </button>
      </div>
    </section>
  );
}
