import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleSetDetail } from '../../../src/contracts/rules-contracts.ts';
import { api } from '../api-client.ts';
import { AdminTabs } from '../components/admin-tabs.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { DryRunPanel } from '../components/rules/dry-run-panel.tsx';
import { RuleSetCard } from '../components/rules/rule-set-card.tsx';
import { RuleSetEditor } from '../components/rules/rule-set-editor.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

/** Administration of the coordination rules: sets, switches, the YAML editor and dry-runs. */
export function RulesAdminPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('rules.title'));
  const sets = useResource('rule-sets', (signal) => api.ruleSets(signal));
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <div className="page page-rules">
      <AdminTabs current="/admin/rules" />
      <div className="page-heading">
        <h1>{t('rules.title')}</h1>
        <p className="page-intro">{t('rules.intro')}</p>
      </div>
      {sets.status === 'loading' && <LoadingState />}
      {sets.status === 'error' && <ProblemMessage error={sets.error} onRetry={sets.reload} />}
      {sets.status === 'ready' && (
        <div className="stack">
          {sets.data.items.map((ruleSet) => (
            <RuleSetCard
              key={ruleSet.id}
              ruleSet={ruleSet}
              onChanged={sets.reload}
              onEdit={() => setEditing(editing === ruleSet.id ? null : ruleSet.id)}
            />
          ))}
          {editing !== null ? (
            <RuleSetWorkbench key={editing} ruleSetId={editing} onSaved={sets.reload} />
          ) : (
            sets.data.items[0] !== undefined && <DryRunPanel ruleSetId={sets.data.items[0].id} draft={null} />
          )}
        </div>
      )}
    </div>
  );
}

/** The editor of one set and the dry-run that can try its draft. */
function RuleSetWorkbench({ ruleSetId, onSaved }: { ruleSetId: string; onSaved: () => void }) {
  const detail = useResource(`rule-set:${ruleSetId}`, (signal) => api.ruleSet(ruleSetId, signal));
  const [draft, setDraft] = useState<{ base: RuleSetDetail; text: string } | null>(null);
  if (detail.status === 'loading') return <LoadingState />;
  if (detail.status === 'error') return <ProblemMessage error={detail.error} onRetry={detail.reload} />;
  if (detail.status !== 'ready') return null;
  const base = draft?.base ?? detail.data;
  const text = draft?.text ?? detail.data.source;
  return (
    <>
      <RuleSetEditor
        detail={base}
        draft={text}
        onDraft={(next) => setDraft({ base, text: next })}
        onSaved={(saved) => {
          setDraft({ base: saved, text: saved.source });
          onSaved();
        }}
        onReload={() => {
          setDraft(null);
          detail.reload();
        }}
      />
      <DryRunPanel ruleSetId={ruleSetId} draft={text} />
    </>
  );
}
