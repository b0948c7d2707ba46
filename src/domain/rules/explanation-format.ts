import type { EventType } from '../journal/domain-event.ts';
import type { Language, LocalizedText } from './localized-text.ts';
import type { Duration, NumericOperator } from './rule-set.ts';

/** The words of an explanation, built once per language. */
export type Words = (language: Language) => string;

export function inWords(words: Words): LocalizedText {
  return { fr: words('fr'), en: words('en') };
}

const NUMBER_FORMATS: Readonly<Record<Language, Intl.NumberFormat>> = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};
// Clinicians in France read dates in French time; en-GB keeps the day-month-year order.
const DATE_FORMATS: Readonly<Record<Language, Intl.DateTimeFormat>> = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeZone: 'Europe/Paris' }),
};

/** `8,4 %` in French, `8.4%` in English; other units after a space in both. */
export function quantity(value: number, unit: string | null, language: Language): string {
  const number = NUMBER_FORMATS[language].format(value);
  if (unit === null || unit === '') return number;
  return unit === '%' && language === 'en' ? `${number}%` : `${number} ${unit}`;
}

export function calendarDate(instant: Date, language: Language): string {
  return DATE_FORMATS[language].format(instant);
}

const UNIT_WORDS: Readonly<Record<Duration['unit'], Record<Language, [string, string]>>> = {
  h: { fr: ['heure', 'heures'], en: ['hour', 'hours'] },
  d: { fr: ['jour', 'jours'], en: ['day', 'days'] },
  w: { fr: ['semaine', 'semaines'], en: ['week', 'weeks'] },
};

/** `3 jours`, `1 week`. */
export function durationWords(duration: Duration, language: Language): string {
  const [one, many] = UNIT_WORDS[duration.unit][language];
  return `${duration.amount} ${duration.amount === 1 ? one : many}`;
}

const OPERATOR_WORDS: Readonly<Record<NumericOperator, LocalizedText>> = {
  above: { fr: 'au-dessus de', en: 'above' },
  'at-least': { fr: 'au moins', en: 'at least' },
  below: { fr: 'en dessous de', en: 'below' },
  'at-most': { fr: 'au plus', en: 'at most' },
};

export function operatorWords(op: NumericOperator, language: Language): string {
  return OPERATOR_WORDS[op][language];
}

export function compare(value: number, op: NumericOperator, threshold: number): boolean {
  switch (op) {
    case 'above':
      return value > threshold;
    case 'at-least':
      return value >= threshold;
    case 'below':
      return value < threshold;
    case 'at-most':
      return value <= threshold;
  }
}

interface EventWords {
  readonly one: string;
  readonly many: string;
}

/** Each event type as a noun phrase, singular and plural; a type without words shows as itself. */
const EVENT_WORDS: Readonly<Partial<Record<EventType, Record<Language, EventWords>>>> = {
  'patient.registered': {
    fr: { one: 'enregistrement du patient', many: 'enregistrements du patient' },
    en: { one: 'patient registration', many: 'patient registrations' },
  },
  'care-team.member-added': {
    fr: { one: "ajout à l'équipe de soins", many: "ajouts à l'équipe de soins" },
    en: { one: 'care-team addition', many: 'care-team additions' },
  },
  'condition.recorded': {
    fr: { one: 'problème enregistré', many: 'problèmes enregistrés' },
    en: { one: 'condition recorded', many: 'conditions recorded' },
  },
  'medication.recorded': {
    fr: { one: 'traitement enregistré', many: 'traitements enregistrés' },
    en: { one: 'medication recorded', many: 'medications recorded' },
  },
  'allergy.recorded': {
    fr: { one: 'allergie enregistrée', many: 'allergies enregistrées' },
    en: { one: 'allergy recorded', many: 'allergies recorded' },
  },
  'result.recorded': {
    fr: { one: 'résultat enregistré', many: 'résultats enregistrés' },
    en: { one: 'result recorded', many: 'results recorded' },
  },
  'document.added': {
    fr: { one: 'document ajouté', many: 'documents ajoutés' },
    en: { one: 'document added', many: 'documents added' },
  },
  'appointment.booked': {
    fr: { one: 'rendez-vous pris', many: 'rendez-vous pris' },
    en: { one: 'appointment booked', many: 'appointments booked' },
  },
  'task.created': {
    fr: { one: 'tâche créée', many: 'tâches créées' },
    en: { one: 'task created', many: 'tasks created' },
  },
  'task.completed': {
    fr: { one: 'tâche terminée', many: 'tâches terminées' },
    en: { one: 'task completed', many: 'tasks completed' },
  },
  'appointment.missed': {
    fr: { one: 'rendez-vous manqué', many: 'rendez-vous manqués' },
    en: { one: 'missed appointment', many: 'missed appointments' },
  },
  'stay.discharged': {
    fr: { one: "sortie d'hospitalisation", many: "sorties d'hospitalisation" },
    en: { one: 'hospital discharge', many: 'hospital discharges' },
  },
  'target.set': {
    fr: { one: 'cible fixée', many: 'cibles fixées' },
    en: { one: 'target set', many: 'targets set' },
  },
  'rule.fired': {
    fr: { one: 'règle déclenchée', many: 'règles déclenchées' },
    en: { one: 'rule fired', many: 'rules fired' },
  },
  'patient-alert.dismissed': {
    fr: { one: 'alerte close', many: 'alertes closes' },
    en: { one: 'alert dismissed', many: 'alerts dismissed' },
  },
  'rule-set.saved': {
    fr: { one: 'jeu de règles enregistré', many: 'jeux de règles enregistrés' },
    en: { one: 'rule set saved', many: 'rule sets saved' },
  },
  'rule.switched': {
    fr: { one: 'règle activée ou désactivée', many: 'règles activées ou désactivées' },
    en: { one: 'rule switched', many: 'rules switched' },
  },
};

// French agrees "aucun/aucune" with the noun's gender.
const FEMININE_IN_FRENCH: ReadonlySet<EventType> = new Set([
  'task.created',
  'task.completed',
  'allergy.recorded',
  'stay.discharged',
  'target.set',
  'rule.fired',
  'patient-alert.dismissed',
  'rule.switched',
]);

/** `2 rendez-vous manqués`, `1 missed appointment`, `aucune sortie d'hospitalisation` (count 0). */
export function eventWords(type: EventType, count: number, language: Language): string {
  const words = wordsOf(type, language);
  if (count === 0) {
    if (language === 'en') return `no ${words.one}`;
    return `${FEMININE_IN_FRENCH.has(type) ? 'aucune' : 'aucun'} ${words.one}`;
  }
  return `${count} ${count === 1 ? words.one : words.many}`;
}

export function eventName(type: EventType, language: Language): string {
  return wordsOf(type, language).one;
}

function wordsOf(type: EventType, language: Language): EventWords {
  return EVENT_WORDS[type]?.[language] ?? { one: type, many: type };
}
