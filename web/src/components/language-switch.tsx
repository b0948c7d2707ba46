import { useTranslation } from 'react-i18next';
import { currentLanguage, isLanguage, setLanguage } from '../i18n.ts';

/** One button that toggles FR ⇄ EN; it names the other language in that language. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const target = t('lang.switchToCode');
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      data-current-language={currentLanguage()}
      lang={target}
      aria-label={t('lang.switchLabel')}
      title={t('lang.switchLabel')}
      onClick={() => setLanguage(isLanguage(target) ? target : 'fr')}
    >
      <span aria-hidden="true" className="lang-switch-code">
        {target.toUpperCase()}
      </span>
      <span className="lang-switch-name">{t('lang.switchTo')}</span>
    </button>
  );
}
