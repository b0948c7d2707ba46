import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { specialtyOrProfessionLabel } from '../../labels.ts';
import { searchDirectory, type DirectoryMatches } from '../../sharing-api.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';

/** Whom a choice names, picked from the directory: a professional, or a whole organisation. */
export type DirectoryTarget =
  | { readonly kind: 'practitioner'; readonly id: string; readonly label: string }
  | { readonly kind: 'organization'; readonly id: string; readonly label: string };

const MIN_LENGTH = 2;

/**
 * Searches the public directory by name and lets the user pick a professional (or, when
 * `withOrganizations`, an organisation). Members of the care team (`teamIds`) are marked as such, and
 * cannot be picked when `outsideTeamOnly` (a consent is for someone outside the team).
 */
export function DirectorySearch({
  withOrganizations,
  outsideTeamOnly,
  teamIds,
  onPick,
}: {
  withOrganizations: boolean;
  outsideTeamOnly: boolean;
  teamIds: ReadonlySet<string>;
  onPick: (target: DirectoryTarget) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<DirectoryMatches | null>(null);
  const action = useAction();
  const tooShort = query.trim().length < MIN_LENGTH;

  const search = (): void => {
    if (!tooShort) void action.run(async () => setMatches(await searchDirectory(query.trim())));
  };
  // The search sits inside the choice's form: Enter searches here instead of submitting that form.
  const searchOnEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    search();
  };
  const found =
    matches === null
      ? 0
      : matches.practitioners.length + (withOrganizations ? matches.organizations.length : 0);

  return (
    <div className="directory-search" data-testid="directory-search">
      <div className="directory-search-form" role="search">
        <div className="field">
          <label htmlFor={id}>{t('sharing.directory.label')}</label>
          <input
            id={id}
            type="search"
            data-testid="directory-query"
            maxLength={100}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={searchOnEnter}
          />
          <p className="field-hint">{t('sharing.directory.hint')}</p>
        </div>
        <button
          type="button"
          className="button button-secondary"
          data-testid="directory-submit"
          disabled={tooShort || action.busy}
          onClick={search}
        >
          {t('sharing.directory.search')}
        </button>
      </div>
      {action.error !== null && <ProblemMessage error={action.error} />}
      {matches !== null && found === 0 && <p className="portal-empty">{t('sharing.directory.none')}</p>}
      {matches !== null && found > 0 && (
        <ul className="plain-list directory-results" aria-label={t('sharing.directory.results')}>
          {matches.practitioners.map((p) => {
            const about = [
              specialtyOrProfessionLabel(p.profession, p.specialty),
              p.organization?.name ?? null,
            ]
              .filter((part) => part !== null && part !== '')
              .join(' · ');
            return (
              <li key={p.id} className="directory-result" data-testid="directory-practitioner">
                <span>
                  <strong>{p.name}</strong> <span className="muted">{about}</span>
                  {teamIds.has(p.id) && (
                    <span className="badge badge-neutral">{t('sharing.directory.inTeam')}</span>
                  )}
                </span>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  data-testid="pick-practitioner"
                  disabled={outsideTeamOnly && teamIds.has(p.id)}
                  onClick={() => onPick({ kind: 'practitioner', id: p.id, label: `${p.name} (${about})` })}
                >
                  {t('sharing.directory.pick')}
                </button>
              </li>
            );
          })}
          {withOrganizations &&
            matches.organizations.map((o) => (
              <li key={o.id} className="directory-result" data-testid="directory-organization">
                <span>
                  <strong>{o.name}</strong>{' '}
                  <span className="muted">{t(`sharing.directory.organizationKinds.${o.kind}`)}</span>
                </span>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  data-testid="pick-organization"
                  onClick={() => onPick({ kind: 'organization', id: o.id, label: o.name })}
                >
                  {t('sharing.directory.pick')}
                </button>
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
