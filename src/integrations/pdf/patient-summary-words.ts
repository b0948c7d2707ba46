import type { DataCategory } from '../../domain/access/data-category.ts';
import type { PatientSummary, SharingChoiceInForce } from '../../domain/patient-rights/patient-summary.ts';
import type { Language } from '../../domain/rules/localized-text.ts';

type Words = Readonly<Record<Language, string>>;

/** The summary's sections, in order, in each language. */
export const SUMMARY_SECTIONS = {
  identity: { fr: 'Identité', en: 'Identity' },
  careTeam: { fr: 'Équipe de soins', en: 'Care team' },
  problems: { fr: 'Problèmes de santé', en: 'Health problems' },
  medications: { fr: 'Traitements', en: 'Medications' },
  allergies: { fr: 'Allergies', en: 'Allergies' },
  results: { fr: 'Derniers résultats', en: 'Latest results' },
  documents: { fr: 'Documents', en: 'Documents' },
  appointments: { fr: 'Prochains rendez-vous', en: 'Upcoming appointments' },
  pathways: { fr: 'Parcours de soins', en: 'Care pathways' },
  sharing: { fr: 'Vos choix de partage', en: 'Your sharing choices' },
  correction: { fr: 'Demander une correction', en: 'How to ask for a correction' },
} as const satisfies Record<string, Words>;

export const SUMMARY_WORDS = {
  title: { fr: 'Résumé du dossier de coordination', en: 'Summary of the coordination record' },
  madeOn: { fr: 'Établi par Relais le', en: 'Made by Relais on' },
  rightOfAccess: {
    fr: 'Vos données de santé, en clair (droit d’accès, RGPD article 15). Le fichier JSON de l’export contient tout le détail.',
    en: 'Your health data in plain words (right of access, GDPR article 15). The JSON export file holds every detail.',
  },
  none: { fr: 'Rien d’enregistré', en: 'Nothing recorded' },
  noIns: { fr: 'Aucun', en: 'None' },
  bornOn: { fr: 'Né(e) le', en: 'Born on' },
  birthName: { fr: 'Nom de naissance', en: 'Birth name' },
  usedName: { fr: 'Nom d’usage', en: 'Used name' },
  givenNames: { fr: 'Prénoms', en: 'Given names' },
  usedGivenName: { fr: 'Prénom d’usage', en: 'Used given name' },
  sex: { fr: 'Sexe', en: 'Sex' },
  birthPlace: { fr: 'Lieu de naissance (code INSEE)', en: 'Birth place (INSEE code)' },
  ins: { fr: 'INS (identifiant national de santé)', en: 'INS (national health identifier)' },
  insWithheld: {
    fr: 'enregistré, communiqué seulement pour une identité qualifiée',
    en: 'on file, shared only once the identity is qualified',
  },
  status: { fr: 'Statut de l’identité', en: 'Identity status' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  email: { fr: 'Courriel', en: 'E-mail' },
  address: { fr: 'Adresse', en: 'Address' },
  current: { fr: 'En cours', en: 'Current' },
  stopped: { fr: 'Arrêté', en: 'Stopped' },
  resolved: { fr: 'résolu', en: 'resolved' },
  since: { fr: 'depuis le', en: 'since' },
  nextSteps: { fr: 'Prochaines étapes', en: 'Next steps' },
  hidden: {
    fr: 'Ce résumé ne contient pas les données de ces catégories, que le patient a réservées à des professionnels nommés :',
    en: 'This summary leaves out the data of these categories, which the patient restricted to named professionals:',
  },
  onBehalf: { fr: 'enregistré par un professionnel pour vous', en: 'recorded by a professional for you' },
  noSharingChoice: {
    fr: 'Aucun : vos données sont partagées avec votre équipe de soins, comme la loi le prévoit.',
    en: 'None: your data is shared with your care team, as the law provides.',
  },
  correction: {
    fr: 'Une information est fausse ou incomplète ? Vous pouvez en demander la correction (droit de rectification, RGPD article 16) : dans votre portail Relais, page « Mes données », bouton « Demander une rectification », ou auprès de votre médecin traitant. Votre demande est transmise à votre équipe de soins, qui doit vous répondre dans un délai d’un mois. Les valeurs corrigées sont conservées dans l’historique de votre dossier.',
    en: 'Is something wrong or incomplete? You may ask for it to be corrected (right to rectification, GDPR article 16): in your Relais portal, page "My data", button "Ask for a correction", or through your GP. Your request goes to your care team, who must answer within one month. The corrected values are kept in the history of your record.',
  },
} as const satisfies Record<string, Words>;

export const SEX_WORDS = {
  male: { fr: 'Masculin', en: 'Male' },
  female: { fr: 'Féminin', en: 'Female' },
  unknown: { fr: 'Inconnu', en: 'Unknown' },
} as const satisfies Record<PatientSummary['record']['identity']['sex'], Words>;

/** What each identity status means, for a patient. */
export const STATUS_MEANING = {
  PROV: { fr: 'pas encore vérifiée', en: 'not checked yet' },
  RECUP: {
    fr: 'retrouvée auprès de l’Assurance maladie par le téléservice INSi',
    en: 'retrieved from the national health insurance through the INSi teleservice',
  },
  VALI: { fr: 'vérifiée sur une pièce d’identité', en: 'checked against an identity document' },
  QUAL: {
    fr: 'vérifiée sur une pièce d’identité et auprès de l’Assurance maladie',
    en: 'checked against an identity document and with the national health insurance',
  },
} as const satisfies Record<PatientSummary['record']['identity']['identityStatus'], Words>;

const ROLE_WORDS: Readonly<Record<string, Words>> = {
  medecin_traitant: { fr: 'Médecin traitant', en: 'GP (médecin traitant)' },
  specialist: { fr: 'Spécialiste', en: 'Specialist' },
  nurse: { fr: 'Infirmier·e', en: 'Nurse' },
  pharmacist: { fr: 'Pharmacien·ne', en: 'Pharmacist' },
  physiotherapist: { fr: 'Kinésithérapeute', en: 'Physiotherapist' },
  dietitian: { fr: 'Diététicien·ne', en: 'Dietitian' },
  social_worker: { fr: 'Assistant·e social·e', en: 'Social worker' },
  psychologist: { fr: 'Psychologue', en: 'Psychologist' },
  coordinator: { fr: 'Coordinateur·rice', en: 'Care coordinator' },
};

export function roleWords(role: string, language: Language): string {
  return ROLE_WORDS[role]?.[language] ?? role;
}

export const CATEGORY_WORDS = {
  'mental-health': { fr: 'santé mentale', en: 'mental health' },
  'sexual-health': { fr: 'santé sexuelle', en: 'sexual health' },
  addiction: { fr: 'addictions', en: 'addiction' },
} as const satisfies Record<DataCategory, Words>;

export const PATHWAY_STATUS_WORDS = {
  active: { fr: 'en cours', en: 'active' },
  paused: { fr: 'en pause', en: 'paused' },
  ended: { fr: 'terminé', en: 'ended' },
} as const satisfies Record<PatientSummary['pathways'][number]['status'], Words>;

/** A sharing choice in one sentence. */
export function sharingChoiceWords(choice: SharingChoiceInForce, language: Language): string {
  const fr = language === 'fr';
  const whom = choice.practitioner ?? choice.organization ?? '';
  switch (choice.kind) {
    case 'objection':
      return fr ? `Opposition au partage avec ${whom}` : `Objection to sharing with ${whom}`;
    case 'consent':
      return fr
        ? `Accord pour partager avec ${whom}, hors de l’équipe de soins`
        : `Consent to share with ${whom}, outside the care team`;
    case 'restriction': {
      const category = choice.category === null ? '' : CATEGORY_WORDS[choice.category][language];
      const allowed = choice.allowedPractitioners.join(', ') || (fr ? 'personne' : 'nobody');
      return fr
        ? `Données de ${category} réservées à : ${allowed}`
        : `${category} data restricted to: ${allowed}`;
    }
  }
}
