import { DIFFICULTY_QUESTION, FREQUENCY_SCALE } from './frequency-scale.ts';
import type { ScreeningInstrument } from './screening-instrument.ts';

/**
 * PHQ-9, the Patient Health Questionnaire depression module. The nine items are the DSM-IV criteria for
 * a major depressive episode, each answered 0–3; the total (0–27) is read in bands of 5 (Kroenke 2001).
 * English: the published form. French: the French (France) translation distributed with the PHQ
 * Screeners, as we know its wording; check it against the official PDF before relying on it clinically.
 */
export const PHQ9: ScreeningInstrument = {
  id: 'PHQ-9',
  loinc: { panel: '44249-1', totalScore: '44261-6' },
  title: {
    fr: 'Questionnaire sur la santé du patient (PHQ-9)',
    en: 'Patient Health Questionnaire (PHQ-9)',
  },
  stem: {
    fr: 'Au cours des 2 dernières semaines, selon quelle fréquence avez-vous été gêné(e) par les problèmes suivants ?',
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  },
  items: [
    {
      fr: 'Peu d’intérêt ou de plaisir à faire les choses',
      en: 'Little interest or pleasure in doing things',
    },
    { fr: 'Être triste, déprimé(e) ou désespéré(e)', en: 'Feeling down, depressed, or hopeless' },
    {
      fr: 'Difficultés à s’endormir ou à rester endormi(e), ou dormir trop',
      en: 'Trouble falling or staying asleep, or sleeping too much',
    },
    { fr: 'Se sentir fatigué(e) ou manquer d’énergie', en: 'Feeling tired or having little energy' },
    { fr: 'Avoir peu d’appétit ou manger trop', en: 'Poor appetite or overeating' },
    {
      fr: 'Avoir une mauvaise opinion de soi-même, ou avoir le sentiment d’être nul(le), ou d’avoir déçu sa famille ou s’être déçu(e) soi-même',
      en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    },
    {
      fr: 'Avoir du mal à se concentrer, par exemple, pour lire le journal ou regarder la télévision',
      en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
    },
    {
      fr: 'Bouger ou parler si lentement que les autres auraient pu le remarquer. Ou au contraire, être si agité(e) que vous avez eu du mal à tenir en place par rapport à d’habitude',
      en: 'Moving or speaking so slowly that other people could have noticed. Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    },
    {
      fr: 'Penser qu’il vaudrait mieux mourir ou envisager de vous faire du mal d’une manière ou d’une autre',
      en: 'Thoughts that you would be better off dead, or of hurting yourself in some way',
    },
  ],
  answerScale: FREQUENCY_SCALE,
  difficulty: DIFFICULTY_QUESTION,
  // Kroenke, Spitzer & Williams 2001, "Interpretation of PHQ-9 scores": 5, 10, 15 and 20 are the cut-points.
  bands: [
    { band: 'minimal', min: 0, max: 4, label: { fr: 'Dépression absente ou minime', en: 'Minimal or none' } },
    { band: 'mild', min: 5, max: 9, label: { fr: 'Dépression légère', en: 'Mild depression' } },
    { band: 'moderate', min: 10, max: 14, label: { fr: 'Dépression modérée', en: 'Moderate depression' } },
    {
      band: 'moderately-severe',
      min: 15,
      max: 19,
      label: { fr: 'Dépression modérément sévère', en: 'Moderately severe depression' },
    },
    { band: 'severe', min: 20, max: 27, label: { fr: 'Dépression sévère', en: 'Severe depression' } },
  ],
  safetyItem: {
    number: 9,
    subject: { fr: 'idées de mort ou d’auto-agression', en: 'thoughts of death or self-harm' },
  },
  // Löwe et al. 2004: a change of 5 points is the clinically meaningful difference on the PHQ-9.
  meaningfulChange: 5,
  sources: [
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. ' +
      'J Gen Intern Med. 2001;16(9):606-613.',
    'Löwe B, Unützer J, Callahan CM, Perkins AJ, Kroenke K. Monitoring depression treatment outcomes with ' +
      'the Patient Health Questionnaire-9. Med Care. 2004;42(12):1194-1201.',
    'PHQ Screeners (Pfizer), English and French (France) forms; no permission is required to reproduce them.',
  ],
};
