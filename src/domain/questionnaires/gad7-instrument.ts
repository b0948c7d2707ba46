import { DIFFICULTY_QUESTION, FREQUENCY_SCALE } from './frequency-scale.ts';
import type { ScreeningInstrument } from './screening-instrument.ts';

/**
 * GAD-7, the generalised anxiety disorder scale: seven items answered 0–3, total 0–21, read in the
 * bands of Spitzer et al. 2006. English: the published form. French: the French (France) translation
 * distributed with the PHQ Screeners, as we know its wording; check it against the official PDF before
 * relying on it clinically.
 */
export const GAD7: ScreeningInstrument = {
  id: 'GAD-7',
  loinc: { panel: '69737-5', totalScore: '70274-6' },
  title: {
    fr: 'Questionnaire sur l’anxiété généralisée (GAD-7)',
    en: 'Generalized Anxiety Disorder scale (GAD-7)',
  },
  stem: {
    fr: 'Au cours des 14 derniers jours, à quelle fréquence avez-vous été dérangé(e) par les problèmes suivants ?',
    en: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  },
  items: [
    {
      fr: 'Un sentiment de nervosité, d’anxiété ou de tension',
      en: 'Feeling nervous, anxious, or on edge',
    },
    {
      fr: 'Une incapacité à arrêter de s’inquiéter ou à contrôler ses inquiétudes',
      en: 'Not being able to stop or control worrying',
    },
    {
      fr: 'Une inquiétude excessive à propos de différentes choses',
      en: 'Worrying too much about different things',
    },
    { fr: 'Des difficultés à se détendre', en: 'Trouble relaxing' },
    {
      fr: 'Une agitation telle qu’il est difficile de tenir en place',
      en: 'Being so restless that it is hard to sit still',
    },
    {
      fr: 'Une tendance à être facilement contrarié(e) ou irritable',
      en: 'Becoming easily annoyed or irritable',
    },
    {
      fr: 'Un sentiment de peur comme si quelque chose de terrible risquait de se produire',
      en: 'Feeling afraid, as if something awful might happen',
    },
  ],
  answerScale: FREQUENCY_SCALE,
  difficulty: DIFFICULTY_QUESTION,
  // Spitzer et al. 2006: 5, 10 and 15 are the cut-points for mild, moderate and severe anxiety.
  bands: [
    { band: 'minimal', min: 0, max: 4, label: { fr: 'Anxiété minime', en: 'Minimal anxiety' } },
    { band: 'mild', min: 5, max: 9, label: { fr: 'Anxiété légère', en: 'Mild anxiety' } },
    { band: 'moderate', min: 10, max: 14, label: { fr: 'Anxiété modérée', en: 'Moderate anxiety' } },
    { band: 'severe', min: 15, max: 21, label: { fr: 'Anxiété sévère', en: 'Severe anxiety' } },
  ],
  safetyItem: null,
  // Toussaint et al. 2020: 4 points is the minimal clinically important difference on the GAD-7.
  meaningfulChange: 4,
  sources: [
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety ' +
      'disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092-1097.',
    'Toussaint A, Hüsing P, Gumz A, et al. Sensitivity to change and minimal clinically important difference ' +
      'of the 7-item Generalized Anxiety Disorder Questionnaire (GAD-7). J Affect Disord. 2020;265:395-401.',
    'PHQ Screeners (Pfizer), English and French (France) forms; no permission is required to reproduce them.',
  ],
};
