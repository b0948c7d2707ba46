import type { TFunction } from 'i18next';
import { useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth-contracts.ts';
import { api } from '../api-client.ts';
import { toApiError, type ApiError } from '../api-error.ts';
import { BrandMark } from '../components/brand-mark.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { SecondFactorForm } from './second-factor-form.tsx';

type LoginError = { kind: 'required' } | { kind: 'api'; error: ApiError };

/** Why an OpenID Connect log-in came back here (`/login?oidc=…`), as the callback says. */
function oidcOutcome(): 'not-linked' | 'failed' | null {
  const value = new URLSearchParams(window.location.search).get('oidc');
  return value === 'not-linked' || value === 'failed' ? value : null;
}

/** Sign-in for professionals and patients; the app decides where each goes next. */
export function LoginPage({
  onSignedIn,
  sessionExpired,
}: {
  onSignedIn: (me: Me) => void;
  sessionExpired: boolean;
}) {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<LoginError | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [oidc, setOidc] = useState(false);
  const oidcRefusal = oidcOutcome();

  useEffect(() => {
    const controller = new AbortController();
    api.authOptions(controller.signal).then(
      (options) => setOidc(options.oidc),
      () => setOidc(false), // without the options, the password form still works
    );
    return () => controller.abort();
  }, []);

  const submit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (login.trim() === '' || password === '') {
      setError({ kind: 'required' });
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const response = await api.login({ login: login.trim(), password });
      if ('me' in response) onSignedIn(response.me);
      else {
        setChallenge(response.challenge);
        setPassword('');
        setSubmitting(false);
      }
    } catch (caught) {
      setError({ kind: 'api', error: toApiError(caught) });
      setPassword('');
      setSubmitting(false);
    }
  };

  return (
    <div className="login-layout">
      <div className="login-topbar">
        <LanguageSwitch />
      </div>
      <main id="main" className="login-main">
        <div className="login-card card">
          <BrandMark />
          <h1 className="login-title">{t('login.title')}</h1>
          <p className="login-subtitle">{t('login.subtitle')}</p>
          {sessionExpired && error === null && (
            <p className="notice notice-info" role="status">
              {t('login.sessionExpired')}
            </p>
          )}
          {oidcRefusal !== null && challenge === null && (
            <p className="notice notice-error" role="alert" data-testid="oidc-refusal">
              {t(`security.oidc.${oidcRefusal}`)}
            </p>
          )}
          {challenge !== null ? (
            <SecondFactorForm
              challenge={challenge}
              onSignedIn={onSignedIn}
              onRestart={() => setChallenge(null)}
            />
          ) : (
            <form
              className="form"
              data-testid="login-form"
              noValidate
              onSubmit={(event) => void submit(event)}
              aria-describedby={error === null ? undefined : 'login-error'}
            >
              <div className="field">
                <label htmlFor="login-input">{t('login.login')}</label>
                <input
                  id="login-input"
                  data-testid="login-input"
                  name="username"
                  type="text"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  autoFocus
                  required
                  value={login}
                  aria-invalid={error !== null}
                  onChange={(event) => setLogin(event.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="password-input">{t('login.password')}</label>
                <input
                  id="password-input"
                  data-testid="password-input"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  aria-invalid={error !== null}
                  onChange={(event) => setPassword(event.target.value)}
                />
              </div>
              {error !== null && (
                <p id="login-error" className="notice notice-error" role="alert" data-testid="login-error">
                  {loginErrorText(error, t)}
                </p>
              )}
              <button
                type="submit"
                className="button button-primary button-block"
                data-testid="login-submit"
                disabled={submitting}
                aria-busy={submitting}
              >
                {submitting ? t('login.submitting') : t('login.submit')}
              </button>
            </form>
          )}
          {oidc && challenge === null && (
            <a className="button button-block" href={api.oidcStartUrl} data-testid="oidc-login">
              {t('security.oidc.button')}
            </a>
          )}
          <p className="login-hint" data-testid="demo-hint">
            {t('login.demoHint')}
          </p>
        </div>
      </main>
    </div>
  );
}

function loginErrorText(error: LoginError, t: TFunction): string {
  if (error.kind === 'required') return t('login.errors.required');
  const { status, retryAfterSeconds, detail } = error.error;
  if (status === 0) return t('login.errors.network');
  if (status === 401) return t('login.errors.invalidCredentials');
  if (status === 429) {
    return retryAfterSeconds === null
      ? t('login.errors.rateLimited')
      : t('login.errors.rateLimitedWait', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
  if (status === 400 && detail !== '') return detail;
  return t('login.errors.generic');
}
