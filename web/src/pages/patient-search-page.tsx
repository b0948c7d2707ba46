import { useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSearchHit } from '../api-types.ts';
import { api } from '../api-client.ts';
import { IdentityStatusBadge } from '../components/identity-status-badge.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';
import { rememberSearchPath } from './last-search.ts';

/** Finds a patient by name words, DD/MM/YYYY birth date or INS; the query lives in the URL (?q=). */
export function PatientSearchPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('search.title'));
  const { search, href } = useLocation();
  const query = (search.get('q') ?? '').trim();
  const [draft, setDraft] = useState(query);
  useEffect(() => setDraft(query), [query]); // back/forward changes the query
  useEffect(() => rememberSearchPath(href), [href]);

  // The server wants 2 letters at least; say so here rather than send a request that cannot succeed.
  const tooShort = query !== '' && query.length < 2;
  const results = useResource(query === '' || tooShort ? null : `search:${query}`, (signal) =>
    api.searchPatients(query, signal),
  );

  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const q = draft.trim();
    if (q === query) results.reload();
    else navigate(q === '' ? '/patients' : `/patients?${new URLSearchParams({ q }).toString()}`);
  };

  return (
    <div className="page page-search">
      <div className="page-heading">
        <h1>{t('search.title')}</h1>
        <p className="page-intro">{t('search.intro')}</p>
      </div>

      <form className="search-form card" role="search" onSubmit={submit}>
        <label htmlFor="search-input" className="search-label">
          {t('search.label')}
        </label>
        <div className="search-row">
          <div className="search-input-wrap">
            <svg className="search-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <circle cx="8.5" cy="8.5" r="5.5" />
              <path d="M13 13l4 4" />
            </svg>
            <input
              id="search-input"
              data-testid="search-input"
              type="search"
              name="q"
              autoComplete="off"
              spellCheck={false}
              autoFocus
              maxLength={100}
              placeholder={t('search.placeholder')}
              aria-describedby="search-hint"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" data-testid="search-submit">
            {t('search.submit')}
          </button>
        </div>
        <p id="search-hint" className="field-hint">
          {t('search.hint')}
        </p>
      </form>

      {tooShort && (
        <p className="notice notice-info" role="status" data-testid="search-too-short">
          {t('search.tooShort')}
        </p>
      )}
      {results.status === 'idle' && !tooShort && (
        <div className="empty-panel">
          <p className="empty-panel-title">{t('search.emptyTitle')}</p>
          <p>{t('search.placeholder')}</p>
        </div>
      )}
      {results.status === 'loading' && <LoadingState label={t('search.searching')} />}
      {results.status === 'error' && (
        <ProblemMessage
          error={results.error}
          testId="search-error"
          {...(results.error.status >= 500 || results.error.isNetwork ? { onRetry: results.reload } : {})}
        />
      )}
      {results.status === 'ready' && <SearchResults query={query} hits={results.data.items} />}
    </div>
  );
}

function SearchResults({ query, hits }: { query: string; hits: readonly PatientSearchHit[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (hits.length === 0) {
    return (
      <div className="empty-panel" data-testid="search-no-results" role="status">
        <p className="empty-panel-title">{t('search.noResults', { q: query })}</p>
        <p>{t('search.noResultsHint')}</p>
      </div>
    );
  }
  return (
    <section className="card results-card" aria-labelledby="search-results-title">
      <h2 id="search-results-title" className="card-title">
        {t('search.count', { count: hits.length })}
      </h2>
      <p className="visually-hidden" role="status">
        {t('search.count', { count: hits.length })}
      </p>
      <div className="table-scroll">
        <table className="table table-interactive" data-testid="search-results">
          <caption className="visually-hidden">{t('search.resultsCaption', { q: query })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('search.columns.birthFamilyName')}</th>
              <th scope="col">{t('search.columns.usedFamilyName')}</th>
              <th scope="col">{t('search.columns.firstGivenName')}</th>
              <th scope="col">{t('search.columns.sex')}</th>
              <th scope="col">{t('search.columns.birthDate')}</th>
              <th scope="col">{t('search.columns.identityStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((hit) => {
              const to = `/patients/${encodeURIComponent(hit.patientId)}`;
              const name = `${hit.usedFamilyName ?? hit.birthFamilyName} ${hit.firstGivenName}`;
              return (
                <tr
                  key={hit.patientId}
                  data-testid="search-result-row"
                  data-patient-id={hit.patientId}
                  onClick={(event) => {
                    // The name cell is a real link (keyboard, ctrl-click); the rest of the row helps the mouse.
                    if (!(event.target instanceof HTMLElement && event.target.closest('a'))) navigate(to);
                  }}
                >
                  <td className="cell-strong">
                    <Link to={to} aria-label={t('search.openRecord', { name })}>
                      {hit.birthFamilyName}
                    </Link>
                  </td>
                  <td>{hit.usedFamilyName ?? <span className="muted">—</span>}</td>
                  <td>{hit.firstGivenName}</td>
                  <td>{t(`sex.${hit.sex}`)}</td>
                  <td className="cell-nowrap">{formatDate(hit.birthDate, language)}</td>
                  <td>
                    <IdentityStatusBadge status={hit.identityStatus} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
