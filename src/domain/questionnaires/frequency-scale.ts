import type { LocalText } from './screening-instrument.ts';

/**
 * The 0–3 frequency scale shared by the PHQ-9 and the GAD-7 (over the last two weeks), and their common
 * difficulty question, in the wording of the PHQ Screeners forms (English original; French for France).
 */
export const FREQUENCY_SCALE: readonly [LocalText, LocalText, LocalText, LocalText] = [
  { fr: 'Jamais', en: 'Not at all' },
  { fr: 'Plusieurs jours', en: 'Several days' },
  { fr: 'Plus de la moitié du temps', en: 'More than half the days' },
  { fr: 'Presque tous les jours', en: 'Nearly every day' },
];

export const DIFFICULTY_QUESTION = {
  question: {
    fr:
      'Si vous avez coché au moins un des problèmes évoqués, à quel point ce(s) problème(s) a-t-il (ont-ils) ' +
      'rendu votre travail, vos tâches à la maison ou votre capacité à vous entendre avec les autres difficile(s) ?',
    en:
      'If you checked off any problems, how difficult have these problems made it for you to do your work, ' +
      'take care of things at home, or get along with other people?',
  },
  answers: [
    { fr: 'Pas du tout difficile(s)', en: 'Not difficult at all' },
    { fr: 'Assez difficile(s)', en: 'Somewhat difficult' },
    { fr: 'Très difficile(s)', en: 'Very difficult' },
    { fr: 'Extrêmement difficile(s)', en: 'Extremely difficult' },
  ],
} as const satisfies {
  question: LocalText;
  answers: readonly [LocalText, LocalText, LocalText, LocalText];
};
