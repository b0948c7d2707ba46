import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';

/** The interface languages; French is the default and the reference catalogue. */
export type Language = 'fr' | 'en';

const STORAGE_KEY = 'relais.language';

// The English catalogue must have every key of the French one: this assignment fails to compile otherwise.
const english: typeof fr = en;

/** BCP 47 tags for Intl formatting: en-GB keeps day-month-year dates, as clinicians in France expect. */
export const INTL_LOCALE: Readonly<Record<Language, string>> = { fr: 'fr-FR', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return value === 'fr' || value === 'en';
}

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage disabled (private mode, policy): fall back to French
  }
}

/** True when the user chose a language on this device (then it wins over the account's locale). */
export function hasStoredLanguage(): boolean {
  return storedLanguage() !== null;
}

void i18next.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: english } },
  lng: storedLanguage() ?? 'fr',
  fallbackLng: 'fr',
  supportedLngs: ['fr', 'en'],
  defaultNS: 'translation',
  // React escapes what it renders; escaping here too would show "&amp;" in names.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

function syncDocumentLanguage(language: string): void {
  document.documentElement.lang = isLanguage(language) ? language : 'fr';
}
syncDocumentLanguage(i18next.language);
i18next.on('languageChanged', syncDocumentLanguage);

/** The current interface language. */
export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'fr';
}

/** Switches the interface language, remembers it on this device and updates `<html lang>`. */
export function setLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered; the switch still applies to this page
  }
  void i18next.changeLanguage(language);
}

/**
 * Translates a key built from API data (a role, an event type, an error code); `fallback` when the
 * catalogue has no such key, so an unknown value shows as itself instead of as a dotted key.
 */
export function translateOr(key: string, fallback: string, values?: Record<string, string | number>): string {
  if (!i18next.exists(key)) return fallback;
  const loose = i18next.t as unknown as (key: string, options?: Record<string, string | number>) => string;
  return loose(key, values);
}

export default i18next;
