import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareTeamMember } from '../../api-types.ts';
import { roleLabel } from '../../labels.ts';
import {
  DATA_CATEGORIES,
  type DataCategory,
  type NewSharingChoice,
  type SharingEndpoint,
} from '../../sharing-api.ts';
import { useAction } from '../../use-action.ts';
import { sortCareTeam } from '../record/care-team-section.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { DirectorySearch, type DirectoryTarget } from './directory-search.tsx';
import type { SharingAudience } from './sharing-choice-item.tsx';

type Kind = NewSharingChoice['kind'];
const KINDS: readonly Kind[] = ['objection', 'restriction', 'consent'];

/**
 * Records one new choice: pick what it does (each kind explained), then whom or what it is about — a
 * member of the team or someone found in the directory, a category and who keeps seeing it.
 */
export function NewSharingChoiceForm({
  endpoint,
  careTeam,
  audience,
  onRecorded,
}: {
  endpoint: SharingEndpoint;
  careTeam: readonly CareTeamMember[];
  audience: SharingAudience;
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<Kind | null>(null);
  const [target, setTarget] = useState<DirectoryTarget | null>(null);
  const [category, setCategory] = useState<DataCategory | null>(null);
  const [allowed, setAllowed] = useState<readonly string[]>([]);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const team = sortCareTeam(careTeam);
  const teamIds = new Set(team.map((member) => member.practitionerId));

  const choose = (next: Kind): void => {
    setKind(next);
    setTarget(null);
    setCategory(null);
    setAllowed([]);
    setSaved(false);
  };
  const body = bodyOf(kind, target, category, allowed);
  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (body === null) return;
    void action
      .run(() => endpoint.record(body))
      .then((ok) => {
        if (!ok) return;
        setKind(null);
        setSaved(true);
        onRecorded();
      });
  };

  return (
    <form className="sharing-form" onSubmit={submit} noValidate data-testid="new-sharing-choice">
      <fieldset className="form-fieldset">
        <legend>{t('sharing.form.what')}</legend>
        {KINDS.map((k) => (
          <label key={k} className="sharing-kind-option">
            <input
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              data-testid={`sharing-kind-${k}`}
              onChange={() => choose(k)}
            />
            <span>
              <strong>{t(`sharing.kinds.${k}.title`)}</strong>
              <span className="sharing-explanation">{t(`sharing.kinds.${k}.explanation`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {(kind === 'objection' || kind === 'consent') && (
        <fieldset className="form-fieldset">
          <legend>{t(`sharing.form.whom.${kind}`)}</legend>
          {target !== null ? (
            <p className="sharing-picked" data-testid="sharing-target">
              {target.label}{' '}
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => setTarget(null)}
              >
                {t('sharing.form.change')}
              </button>
            </p>
          ) : (
            <>
              {kind === 'objection' && team.length > 0 && (
                <div className="field">
                  <label htmlFor={`${id}-member`}>{t('sharing.form.fromTeam')}</label>
                  <select
                    id={`${id}-member`}
                    data-testid="sharing-team-member"
                    value=""
                    onChange={(event) => {
                      const member = team.find((m) => m.practitionerId === event.target.value);
                      if (member !== undefined)
                        setTarget({
                          kind: 'practitioner',
                          id: member.practitionerId,
                          label: `${member.name} (${roleLabel(member.role)})`,
                        });
                    }}
                  >
                    <option value="">{t('sharing.form.chooseOne')}</option>
                    {team.map((member) => (
                      <option key={member.id} value={member.practitionerId}>
                        {member.name} — {roleLabel(member.role)}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <p className="field-hint">
                {t(kind === 'objection' ? 'sharing.form.searchObjection' : 'sharing.form.searchConsent')}
              </p>
              <DirectorySearch
                withOrganizations={kind === 'objection'}
                outsideTeamOnly={kind === 'consent'}
                teamIds={teamIds}
                onPick={setTarget}
              />
            </>
          )}
        </fieldset>
      )}

      {kind === 'restriction' && (
        <>
          <fieldset className="form-fieldset">
            <legend>{t('sharing.form.category')}</legend>
            {DATA_CATEGORIES.map((c) => (
              <label key={c} className="sharing-kind-option">
                <input
                  type="radio"
                  name={`${id}-category`}
                  value={c}
                  checked={category === c}
                  data-testid={`sharing-category-${c}`}
                  onChange={() => setCategory(c)}
                />
                <span>
                  <strong>{t(`sharing.categories.${c}.label`)}</strong>
                  <span className="sharing-explanation">{t(`sharing.categories.${c}.examples`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset className="form-fieldset">
            <legend>{t('sharing.form.allowed')}</legend>
            {team.length === 0 && <p className="portal-empty">{t('sharing.form.noTeam')}</p>}
            {team.map((member) => (
              <label key={member.id} className="checkbox-label sharing-member-option">
                <input
                  type="checkbox"
                  data-testid={`sharing-allowed-${member.practitionerId}`}
                  checked={allowed.includes(member.practitionerId)}
                  onChange={(event) =>
                    setAllowed((current) =>
                      event.target.checked
                        ? [...current, member.practitionerId]
                        : current.filter((id) => id !== member.practitionerId),
                    )
                  }
                />
                {member.name} — {roleLabel(member.role)}
              </label>
            ))}
          </fieldset>
        </>
      )}

      {kind !== null && (
        <>
          {audience === 'professional' && (
            <p className="notice notice-info">{t('sharing.form.onBehalfNotice')}</p>
          )}
          <button
            type="submit"
            className="button button-primary button-large"
            data-testid="sharing-submit"
            disabled={body === null || action.busy}
          >
            {t(`sharing.kinds.${kind}.submit`)}
          </button>
        </>
      )}
      {action.error !== null && <ProblemMessage error={action.error} testId="sharing-error" />}
      {saved && (
        <p className="notice notice-success" role="status" data-testid="sharing-saved">
          {t('sharing.form.saved')}
        </p>
      )}
    </form>
  );
}

/** The request the form's state makes, or null while something is missing. */
function bodyOf(
  kind: Kind | null,
  target: DirectoryTarget | null,
  category: DataCategory | null,
  allowed: readonly string[],
): NewSharingChoice | null {
  switch (kind) {
    case null:
      return null;
    case 'objection':
      if (target === null) return null;
      return target.kind === 'practitioner'
        ? { kind, practitionerId: target.id }
        : { kind, organizationId: target.id };
    case 'consent':
      return target?.kind === 'practitioner' ? { kind, practitionerId: target.id } : null;
    case 'restriction':
      return category === null || allowed.length === 0
        ? null
        : { kind, category, allowedPractitionerIds: [...allowed] };
  }
}
