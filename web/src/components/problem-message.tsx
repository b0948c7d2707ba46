import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api-error.ts';
import { problemTitle } from '../labels.ts';

/**
 * An API error in words: a translated title by the problem's code, the server's detail (or a message
 * the page chose for this case) and each listed error; a retry button when retrying can help.
 */
export function ProblemMessage({
  error,
  message,
  onRetry,
  testId = 'error',
}: {
  error: ApiError;
  message?: string;
  onRetry?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const detail = message ?? (error.isNetwork ? t('problem.networkDetail') : error.detail);
  // Servers often repeat the single validation error in the detail: list only what it does not say.
  const extraErrors = error.errors.filter((item) => !error.detail.includes(item));
  return (
    <div className="problem" role="alert" data-testid={testId} data-problem-code={error.code}>
      <p className="problem-title">{problemTitle(error)}</p>
      {detail !== '' && <p className="problem-detail">{detail}</p>}
      {message !== undefined && error.detail !== '' && error.detail !== message && (
        <p className="problem-detail problem-server-detail">{error.detail}</p>
      )}
      {extraErrors.length > 0 && (
        <ul className="problem-errors" aria-label={t('problem.details')}>
          {extraErrors.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
      {onRetry !== undefined && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
