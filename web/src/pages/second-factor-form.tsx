import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth-contracts.ts';
import { api } from '../api-client.ts';
import { useAction } from '../use-action.ts';

/** The second log-in step: the authenticator app's code, or one of the recovery codes. */
export function SecondFactorForm({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: string;
  onSignedIn: (me: Me) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const code = value.trim();
    if (code === '') return;
    const signedIn: { me?: Me } = {};
    await run(async () => {
      const body = useRecovery ? { challenge, recoveryCode: code } : { challenge, code };
      signedIn.me = (await api.loginSecondFactor(body)).me;
    });
    if (signedIn.me !== undefined) onSignedIn(signedIn.me);
    else setValue('');
  };

  const expired = error?.status === 401 && /expired/.test(error.detail);
  return (
    <form
      className="form"
      data-testid="second-factor-form"
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <p className="notice notice-info">{t('security.secondFactor.intro')}</p>
      <div className="field">
        <label htmlFor="totp-input">
          {useRecovery ? t('security.secondFactor.recoveryCode') : t('security.secondFactor.code')}
        </label>
        <input
          id="totp-input"
          data-testid="totp-input"
          name="one-time-code"
          type="text"
          inputMode={useRecovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          autoFocus
          value={value}
          aria-invalid={error !== null}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
      {error !== null && (
        <p className="notice notice-error" role="alert" data-testid="second-factor-error">
          {expired
            ? t('security.secondFactor.expired')
            : error.status === 429
              ? t('login.errors.rateLimited')
              : t('security.secondFactor.wrong')}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary button-block"
        data-testid="totp-submit"
        disabled={busy}
        aria-busy={busy}
      >
        {t('security.secondFactor.submit')}
      </button>
      <button type="button" className="button button-quiet" onClick={() => setUseRecovery((on) => !on)}>
        {useRecovery ? t('security.secondFactor.useCode') : t('security.secondFactor.useRecovery')}
      </button>
      {expired && (
        <button type="button" className="button button-quiet" onClick={onRestart}>
          {t('security.secondFactor.restart')}
        </button>
      )}
    </form>
  );
}
