import type { TFunction } from 'i18next';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpEnrolment } from '../../../src/contracts/auth-contracts.ts';
import { api } from '../api-client.ts';
import type { ApiError } from '../api-error.ts';
import { QrCode } from '../components/qr-code.tsx';
import { useSession } from '../session-context.ts';
import { useAction } from '../use-action.ts';
import { useDocumentTitle } from '../use-document-title.ts';

/** The signed-in account's security: change the password; professionals enrol an authenticator app. */
export function AccountSecurityPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  useDocumentTitle(t('security.title'));
  return (
    <div className="page">
      <h1>{t('security.title')}</h1>
      {me.twoFactor.enrolmentRequired && (
        <p className="notice notice-warning" role="alert" data-testid="totp-required">
          {t('security.totp.required')}
        </p>
      )}
      {me.kind === 'professional' && <TotpSection />}
      <PasswordSection />
    </div>
  );
}

function TotpSection() {
  const { t } = useTranslation();
  const { me, refresh } = useSession();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<readonly string[] | null>(null);
  const { busy, error, run } = useAction();

  const start = () =>
    void run(async () => {
      setEnrolment(await api.startTotpEnrolment());
    });
  const confirm = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    await run(async () => {
      setRecoveryCodes((await api.confirmTotpEnrolment(code.trim())).recoveryCodes);
      setEnrolment(null);
      await refresh();
    });
  };

  return (
    <section className="card" aria-labelledby="totp-title" data-testid="totp-section">
      <h2 id="totp-title">{t('security.totp.title')}</h2>
      {recoveryCodes !== null && (
        <div className="notice notice-success" data-testid="recovery-codes">
          <p>{t('security.totp.recoveryCodesIntro')}</p>
          <ul>
            {recoveryCodes.map((recovery) => (
              <li key={recovery}>
                <code>{recovery}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {me.twoFactor.enabled ? (
        <p data-testid="totp-on">{t('security.totp.on')}</p>
      ) : enrolment === null ? (
        <>
          <p>{t('security.totp.off')}</p>
          <button
            type="button"
            className="button button-primary"
            data-testid="totp-start"
            disabled={busy}
            onClick={start}
          >
            {t('security.totp.start')}
          </button>
        </>
      ) : (
        <form className="form" noValidate onSubmit={(event) => void confirm(event)}>
          <p>{t('security.totp.scan')}</p>
          <QrCode text={enrolment.uri} label={t('security.totp.qrLabel')} testId="totp-qr" />
          <p>
            {t('security.totp.secret')} <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <p>
            {t('security.totp.uri')} <code data-testid="totp-uri">{enrolment.uri}</code>
          </p>
          <div className="field">
            <label htmlFor="totp-confirm-input">{t('security.totp.firstCode')}</label>
            <input
              id="totp-confirm-input"
              data-testid="totp-confirm-input"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" data-testid="totp-confirm" disabled={busy}>
            {t('security.totp.confirm')}
          </button>
        </form>
      )}
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {problemText(error, t)}
        </p>
      )}
    </section>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();

  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const changed = await run(() => api.changePassword({ currentPassword, newPassword }));
    if (changed) {
      setCurrent('');
      setNew('');
      setDone(true);
    }
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('security.password.title')}</h2>
      <p>{t('security.password.rules')}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} data-testid="password-form">
        <div className="field">
          <label htmlFor="current-password">{t('security.password.current')}</label>
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="new-password">{t('security.password.new')}</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNew(event.target.value)}
          />
        </div>
        {error !== null && (
          <p className="notice notice-error" role="alert" data-testid="password-error">
            {problemText(error, t)}
          </p>
        )}
        {done && (
          <p className="notice notice-success" role="status" data-testid="password-changed">
            {t('security.password.changed')}
          </p>
        )}
        <button type="submit" className="button button-primary" data-testid="password-submit" disabled={busy}>
          {t('security.password.submit')}
        </button>
      </form>
    </section>
  );
}

/** The problem codes the security endpoints send, in words; anything else as the server said it. */
const KNOWN_PROBLEMS = [
  'password-too-short',
  'password-too-long',
  'password-contains-login',
  'password-common',
  'password-unchanged',
  'current-password-wrong',
  'wrong-code',
  'no-enrolment',
] as const;

function problemText(error: ApiError, t: TFunction): string {
  const known = error.errors.filter((code): code is (typeof KNOWN_PROBLEMS)[number] =>
    (KNOWN_PROBLEMS as readonly string[]).includes(code),
  );
  if (known.length === 0) return error.detail || t('login.errors.generic');
  return known.map((code) => t(`security.problems.${code}`)).join(' ');
}
