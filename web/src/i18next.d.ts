import type fr from './locales/fr.json';

// Typed keys: `t('search.title')` is checked against the French catalogue, the reference one.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}
