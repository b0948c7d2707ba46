/**
 * The fictional vocabulary of the demo territory: names, places, and clinical profiles whose
 * conditions, treatments, results and follow-ups belong together. Every person is invented.
 */

// prettier-ignore
export const FAMILY_NAMES: readonly string[] = [
  'Martin', 'Bernard', 'Durand', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Roux', 'Fournier', 'Mercier',
  'Bonnet', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Faure', 'André', 'Gauthier', 'Garnier',
  'Chevalier', 'François', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu',
  'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont', 'Lemaire', 'Noël', 'Meyer', 'Dufour',
  'Meunier', 'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier',
  'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal',
  'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier',
  'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Le Goff', 'Guérin',
  'Boyer', 'Lebrun', 'Hubert', 'Carpentier', 'Ménard', 'Bertrand', 'Collet', 'Prévost', 'Bégué', 'Cordier',
  'Hoarau', 'Lefèbvre', 'Besnard', 'Poirier', 'Tessier', 'Le Gall', 'Chauvin', 'Pelletier', 'Daniel', 'Texier',
];

// prettier-ignore
export const FEMALE_GIVEN_NAMES: readonly string[] = [
  'Hélène', 'Marie', 'Jeanne', 'Françoise', 'Monique', 'Catherine', 'Nathalie', 'Isabelle', 'Sylvie', 'Martine',
  'Christine', 'Anne', 'Sophie', 'Valérie', 'Sandrine', 'Véronique', 'Brigitte', 'Nicole', 'Chantal', 'Danielle',
  'Josiane', 'Geneviève', 'Céline', 'Émilie', 'Aurélie', 'Élodie', 'Camille', 'Léa', 'Chloé', 'Manon',
  'Inès', 'Zoé', 'Océane', 'Mathilde', 'Clémence', 'Agnès', 'Bérénice', 'Noémie', 'Adèle', 'Joséphine',
  'Thérèse', 'Marguerite', 'Solène', 'Maëlle', 'Anaïs', 'Gaëlle', 'Héloïse', 'Lucie', 'Juliette', 'Pauline',
  'Odile', 'Colette', 'Paulette', 'Yvette', 'Renée', 'Jacqueline', 'Annie', 'Éliane', 'Ginette', 'Denise',
  'Laëtitia', 'Mélanie', 'Stéphanie', 'Margaux', 'Capucine',
];

// prettier-ignore
export const MALE_GIVEN_NAMES: readonly string[] = [
  'Jean', 'Pierre', 'Michel', 'André', 'Philippe', 'Alain', 'Bernard', 'Jacques', 'Daniel', 'Christian',
  'Patrick', 'Gérard', 'Frédéric', 'Éric', 'Stéphane', 'Laurent', 'Nicolas', 'Julien', 'Sébastien', 'Thierry',
  'François', 'Hervé', 'Jérôme', 'Olivier', 'Benoît', 'Rémi', 'Cédric', 'Mathieu', 'Antoine', 'Hugo',
  'Théo', 'Lucas', 'Louis', 'Gabriel', 'Raphaël', 'Noé', 'Maël', 'Jérémie', 'Grégoire', 'Loïc',
  'Gaëtan', 'Joël', 'Noël', 'René', 'Régis', 'Aimé', 'Lucien', 'Marcel', 'Roger', 'Henri',
  'Émile', 'Étienne', 'Hélier', 'Yannick', 'Guillaume', 'Vincent', 'Xavier', 'Maxime', 'Clément', 'Adrien',
  'Bastien', 'Anthony', 'Fabien', 'Timothée', 'Léon',
];

/** A commune of the fictional territory (INSEE-like codes in an unused range, so none is a real place). */
export interface Commune {
  readonly name: string;
  readonly inseeCode: string;
  readonly postalCode: string;
}

export const COMMUNES: readonly Commune[] = [
  { name: 'Val-Relais', inseeCode: '45901', postalCode: '45900' },
  { name: 'Saint-Aubin-des-Prés', inseeCode: '45902', postalCode: '45910' },
  { name: 'Les Ormeaux', inseeCode: '45903', postalCode: '45910' },
  { name: 'Bourg-Fontaine', inseeCode: '45904', postalCode: '45920' },
  { name: 'Villiers-sur-Loue', inseeCode: '45905', postalCode: '45920' },
  { name: 'Montclair-le-Vieux', inseeCode: '45906', postalCode: '45930' },
  { name: 'La Chênaie', inseeCode: '45907', postalCode: '45930' },
  { name: 'Sainte-Hélène-du-Lac', inseeCode: '45908', postalCode: '45940' },
  { name: 'Rochebrune', inseeCode: '45909', postalCode: '45940' },
  { name: "Pont-d'Aiguières", inseeCode: '45910', postalCode: '45950' },
  { name: 'Beaulieu-les-Vignes', inseeCode: '45911', postalCode: '45950' },
  { name: 'Castelnau-la-Forêt', inseeCode: '45912', postalCode: '45960' },
  { name: 'Saint-Médard-en-Val', inseeCode: '45913', postalCode: '45960' },
  { name: 'Les Essarts-Blancs', inseeCode: '45914', postalCode: '45970' },
  { name: 'Fontenelle-sur-Relais', inseeCode: '45915', postalCode: '45970' },
];

// prettier-ignore
export const STREETS: readonly string[] = [
  'rue des Tilleuls', 'avenue de la Gare', "place de l'Église", 'chemin des Vignes', 'rue Pasteur',
  'rue Victor-Hugo', 'allée des Acacias', 'boulevard Jean-Jaurès', 'impasse du Moulin', 'route de Rochebrune',
  'rue de la République', 'rue des Écoles', 'rue du Château-d’Eau', 'quai des Mariniers', 'rue des Lilas',
];

/**
 * Birth départements used in demo NIRs (metropolitan codes, no Corsica, so the key needs no 2A/2B
 * rule). The commune part of the NIR is derived from the patient's index (see demo-territory.ts).
 */
// prettier-ignore
export const BIRTH_DEPARTEMENTS: readonly string[] = [
  '45', '75', '69', '13', '59', '33', '44', '35', '67', '31', '21', '37', '41', '18', '28',
  '36', '76', '14', '29', '56', '63', '87', '86', '79', '17', '24', '47', '64', '34', '06',
];
/** Commune numbers 001–600 exist in most départements. */
export const BIRTH_COMMUNES_PER_DEPARTEMENT = 600;

/** Hospital services of the demo hospital; each matches a specialists' specialty. */
export const HOSPITAL_SPECIALTIES = [
  'cardiology',
  'endocrinology',
  'oncology',
  'pneumology',
  'geriatrics',
  'emergency',
  'nephrology',
  'psychiatry',
] as const;
export type HospitalSpecialty = (typeof HOSPITAL_SPECIALTIES)[number];

export const SERVICE_NAMES: Readonly<Record<HospitalSpecialty, string>> = {
  cardiology: 'Cardiologie',
  endocrinology: 'Endocrinologie, diabétologie et nutrition',
  oncology: 'Oncologie médicale',
  pneumology: 'Pneumologie',
  geriatrics: 'Gériatrie et court séjour gériatrique',
  emergency: 'Urgences',
  nephrology: 'Néphrologie',
  psychiatry: 'Psychiatrie adulte',
};

/** A kind of lab result or measurement, with the values a patient with the profile tends to have. */
export interface ResultTemplate {
  readonly loincCode: string;
  readonly display: string;
  /** UCUM unit. */
  readonly unit: string | null;
  /** Reference range bounds; null when open on that side (or no range at all). */
  readonly low: number | null;
  readonly high: number | null;
  readonly typical: readonly [number, number];
  readonly decimals: number;
}

// prettier-ignore
export const RESULTS = {
  hba1c: { loincCode: '4548-4', display: 'Hémoglobine glyquée (HbA1c)', unit: '%', low: 4, high: 6, typical: [6.2, 9.8], decimals: 1 },
  creatinine: { loincCode: '2160-0', display: 'Créatinine', unit: 'mg/L', low: 6, high: 12, typical: [6.5, 11.5], decimals: 1 },
  creatinineCkd: { loincCode: '2160-0', display: 'Créatinine', unit: 'mg/L', low: 6, high: 12, typical: [13, 24], decimals: 1 },
  ldl: { loincCode: '13457-7', display: 'LDL-cholestérol (calculé)', unit: 'g/L', low: null, high: 1.3, typical: [0.6, 1.9], decimals: 2 },
  ntprobnp: { loincCode: '33762-6', display: 'NT-proBNP', unit: 'pg/mL', low: null, high: 125, typical: [300, 6500], decimals: 0 },
  weight: { loincCode: '29463-7', display: 'Poids', unit: 'kg', low: null, high: null, typical: [52, 108], decimals: 1 },
  weightFrail: { loincCode: '29463-7', display: 'Poids', unit: 'kg', low: null, high: null, typical: [41, 68], decimals: 1 },
  potassium: { loincCode: '2823-3', display: 'Potassium (kaliémie)', unit: 'mmol/L', low: 3.5, high: 5, typical: [3.7, 4.8], decimals: 1 },
  potassiumHf: { loincCode: '2823-3', display: 'Potassium (kaliémie)', unit: 'mmol/L', low: 3.5, high: 5, typical: [3.2, 5.6], decimals: 1 },
  fev1: { loincCode: '20150-9', display: 'VEMS (volume expiratoire maximal en 1 s)', unit: 'L', low: null, high: null, typical: [0.8, 2.4], decimals: 2 },
  spo2: { loincCode: '59408-5', display: 'Saturation en oxygène (oxymétrie de pouls)', unit: '%', low: 95, high: 100, typical: [88, 97], decimals: 0 },
  systolic: { loincCode: '8480-6', display: 'Pression artérielle systolique', unit: 'mm[Hg]', low: null, high: 140, typical: [124, 172], decimals: 0 },
  diastolic: { loincCode: '8462-4', display: 'Pression artérielle diastolique', unit: 'mm[Hg]', low: null, high: 90, typical: [68, 102], decimals: 0 },
  egfr: { loincCode: '62238-1', display: 'DFG estimé (CKD-EPI)', unit: 'mL/min/{1.73_m2}', low: 60, high: null, typical: [31, 58], decimals: 0 },
  hemoglobin: { loincCode: '718-7', display: 'Hémoglobine', unit: 'g/dL', low: 12, high: 16, typical: [10.8, 14.6], decimals: 1 },
  leukocytes: { loincCode: '6690-2', display: 'Leucocytes', unit: '10*3/uL', low: 4, high: 10, typical: [3.2, 9.5], decimals: 1 },
  albumin: { loincCode: '1751-7', display: 'Albumine', unit: 'g/L', low: 35, high: 50, typical: [29, 42], decimals: 0 },
  phq9: { loincCode: '44261-6', display: 'Score PHQ-9 (dépression)', unit: '{score}', low: null, high: 4, typical: [5, 19], decimals: 0 },
} as const satisfies Record<string, ResultTemplate>;

/** Results drawn for everyone, whatever their conditions (renal function and kalaemia are routine). */
export const ROUTINE_RESULTS: readonly ResultTemplate[] = [RESULTS.creatinine, RESULTS.potassium];

export interface MedicationTemplate {
  readonly atcCode: string;
  readonly name: string;
  readonly dosage: string;
  /** How often a patient with the condition takes it. */
  readonly probability: number;
}

export interface FollowUpTemplate {
  readonly kind: 'consultation' | 'exam' | 'teleconsultation' | 'home_visit';
  /** Who sees the patient: their specialist for the condition, their GP, or their nurse. */
  readonly with: 'specialist' | 'gp' | 'nurse';
  readonly reason: string;
  readonly instructions: string;
  readonly minutes: number;
}

/** Care-team roles (other than GP, pharmacist, specialist) a condition often brings in. */
export type SupportRole = 'nurse' | 'dietitian' | 'physiotherapist' | 'social_worker' | 'psychologist';

export type ProfileKey =
  'diabetes' | 'heart_failure' | 'copd' | 'breast_cancer' | 'hypertension' | 'frailty' | 'ckd' | 'depression';

/** A chronic condition and what comes with it, so a patient's record tells one coherent story. */
export interface ClinicalProfile {
  readonly key: ProfileKey;
  readonly code: string;
  readonly display: string;
  readonly specialty: HospitalSpecialty;
  readonly minAge: number;
  readonly sex: 'female' | null;
  /** Relative frequency as a first condition. */
  readonly weight: number;
  /** Conditions that often come with this one. */
  readonly associated: readonly ProfileKey[];
  readonly medications: readonly MedicationTemplate[];
  readonly results: readonly ResultTemplate[];
  readonly support: readonly (readonly [SupportRole, number])[];
  readonly followUps: readonly FollowUpTemplate[];
  /** One line for reports: what was found and decided. */
  readonly reportConclusion: string;
}

const BRING_RESULTS =
  'Apporter vos derniers résultats de biologie, votre ordonnance en cours et votre carte Vitale.';

export const PROFILES: readonly ClinicalProfile[] = [
  {
    key: 'diabetes',
    code: 'E11.9',
    display: 'Diabète de type 2, sans complication',
    specialty: 'endocrinology',
    minAge: 30,
    sex: null,
    weight: 10,
    associated: ['hypertension', 'ckd', 'heart_failure', 'depression'],
    medications: [
      {
        atcCode: 'A10BA02',
        name: 'Metformine 1000 mg, comprimé',
        dosage: '1 comprimé matin et soir au cours des repas',
        probability: 0.95,
      },
      {
        atcCode: 'A10BH01',
        name: 'Sitagliptine 100 mg, comprimé',
        dosage: '1 comprimé le matin',
        probability: 0.3,
      },
      {
        atcCode: 'A10AE04',
        name: 'Insuline glargine 100 U/mL, stylo',
        dosage: '18 unités le soir, à adapter selon les glycémies',
        probability: 0.2,
      },
      {
        atcCode: 'C10AA05',
        name: 'Atorvastatine 20 mg, comprimé',
        dosage: '1 comprimé le soir',
        probability: 0.6,
      },
    ],
    results: [RESULTS.hba1c, RESULTS.ldl, RESULTS.creatinine, RESULTS.weight],
    support: [
      ['dietitian', 0.4],
      ['nurse', 0.3],
    ],
    followUps: [
      {
        kind: 'consultation',
        with: 'specialist',
        reason: 'Consultation de suivi du diabète',
        instructions: `${BRING_RESULTS} Pensez à votre carnet de glycémies.`,
        minutes: 30,
      },
      {
        kind: 'exam',
        with: 'specialist',
        reason: 'Bilan annuel du diabète en hôpital de jour',
        instructions:
          'Venir à jeun depuis minuit (eau autorisée). Prévoir la journée ; apporter vos médicaments habituels.',
        minutes: 240,
      },
      {
        kind: 'consultation',
        with: 'gp',
        reason: 'Renouvellement du traitement et contrôle de l’HbA1c',
        instructions: 'Faire la prise de sang (HbA1c) une semaine avant la consultation.',
        minutes: 20,
      },
    ],
    reportConclusion:
      'Équilibre glycémique à améliorer ; renforcement des règles hygiéno-diététiques et adaptation du traitement.',
  },
  {
    key: 'heart_failure',
    code: 'I50.9',
    display: 'Insuffisance cardiaque, sans précision',
    specialty: 'cardiology',
    minAge: 50,
    sex: null,
    weight: 6,
    associated: ['hypertension', 'diabetes', 'ckd', 'frailty'],
    medications: [
      {
        atcCode: 'C03CA01',
        name: 'Furosémide 40 mg, comprimé',
        dosage: '1 comprimé le matin',
        probability: 0.9,
      },
      {
        atcCode: 'C07AB07',
        name: 'Bisoprolol 2,5 mg, comprimé',
        dosage: '1 comprimé le matin',
        probability: 0.85,
      },
      { atcCode: 'C09AA05', name: 'Ramipril 5 mg, gélule', dosage: '1 gélule le soir', probability: 0.6 },
      {
        atcCode: 'C03DA01',
        name: 'Spironolactone 25 mg, comprimé',
        dosage: '1 comprimé le matin',
        probability: 0.4,
      },
    ],
    results: [RESULTS.ntprobnp, RESULTS.weight, RESULTS.potassiumHf, RESULTS.creatinine],
    support: [
      ['nurse', 0.8],
      ['dietitian', 0.2],
    ],
    followUps: [
      {
        kind: 'consultation',
        with: 'specialist',
        reason: 'Consultation de cardiologie après hospitalisation pour décompensation',
        instructions: `${BRING_RESULTS} Apportez aussi votre carnet de suivi du poids.`,
        minutes: 30,
      },
      {
        kind: 'exam',
        with: 'specialist',
        reason: 'Échographie cardiaque de contrôle',
        instructions:
          'Aucune préparation. Se présenter 15 minutes avant au secrétariat de cardiologie, niveau 2.',
        minutes: 45,
      },
      {
        kind: 'home_visit',
        with: 'nurse',
        reason: 'Passage infirmier : pesée et surveillance des œdèmes',
        instructions: 'Se peser le matin à jeun avant le passage et noter le poids dans le carnet.',
        minutes: 30,
      },
    ],
    reportConclusion:
      'Insuffisance cardiaque stabilisée ; pesée quotidienne, alerte si prise de plus de 2 kg en 3 jours.',
  },
  {
    key: 'copd',
    code: 'J44.9',
    display: 'Bronchopneumopathie chronique obstructive, sans précision',
    specialty: 'pneumology',
    minAge: 40,
    sex: null,
    weight: 5,
    associated: ['heart_failure', 'hypertension', 'depression'],
    medications: [
      {
        atcCode: 'R03BB04',
        name: 'Tiotropium 18 µg, poudre pour inhalation',
        dosage: '1 inhalation par jour',
        probability: 0.9,
      },
      {
        atcCode: 'R03AC02',
        name: 'Salbutamol 100 µg/dose, suspension pour inhalation',
        dosage: '1 à 2 bouffées si essoufflement',
        probability: 0.7,
      },
    ],
    results: [RESULTS.fev1, RESULTS.spo2],
    support: [
      ['physiotherapist', 0.5],
      ['nurse', 0.3],
    ],
    followUps: [
      {
        kind: 'exam',
        with: 'specialist',
        reason: 'Explorations fonctionnelles respiratoires (spirométrie)',
        instructions:
          'Ne pas fumer dans les 24 heures et ne pas prendre le salbutamol 6 heures avant l’examen.',
        minutes: 45,
      },
      {
        kind: 'consultation',
        with: 'specialist',
        reason: 'Consultation de pneumologie : suivi de la BPCO',
        instructions: 'Apportez vos inhalateurs pour vérifier la technique de prise.',
        minutes: 30,
      },
    ],
    reportConclusion:
      'BPCO stable ; poursuite du bronchodilatateur et de la réhabilitation respiratoire, vaccinations à jour.',
  },
  {
    key: 'breast_cancer',
    code: 'C50.9',
    display: 'Tumeur maligne du sein, sans précision',
    specialty: 'oncology',
    minAge: 35,
    sex: 'female',
    weight: 3,
    associated: ['depression', 'hypertension'],
    medications: [
      {
        atcCode: 'L02BG04',
        name: 'Létrozole 2,5 mg, comprimé',
        dosage: '1 comprimé par jour',
        probability: 0.9,
      },
    ],
    results: [RESULTS.hemoglobin, RESULTS.leukocytes, RESULTS.ldl],
    support: [
      ['psychologist', 0.3],
      ['social_worker', 0.2],
      ['nurse', 0.3],
    ],
    followUps: [
      {
        kind: 'consultation',
        with: 'specialist',
        reason: 'Consultation d’oncologie : suivi de l’hormonothérapie',
        instructions: `${BRING_RESULTS} Apportez le compte rendu de la dernière mammographie.`,
        minutes: 30,
      },
      {
        kind: 'exam',
        with: 'specialist',
        reason: 'Mammographie et échographie de surveillance',
        instructions:
          'Ne pas mettre de déodorant ni de crème le jour de l’examen. Apporter les clichés antérieurs.',
        minutes: 30,
      },
    ],
    reportConclusion:
      'Pas de signe d’évolution ; hormonothérapie adjuvante poursuivie, surveillance osseuse programmée.',
  },
  {
    key: 'hypertension',
    code: 'I10',
    display: 'Hypertension essentielle (primitive)',
    specialty: 'cardiology',
    minAge: 30,
    sex: null,
    weight: 9,
    associated: ['diabetes', 'ckd', 'heart_failure'],
    medications: [
      { atcCode: 'C08CA01', name: 'Amlodipine 5 mg, gélule', dosage: '1 gélule le matin', probability: 0.8 },
      {
        atcCode: 'C09AA04',
        name: 'Périndopril 4 mg, comprimé',
        dosage: '1 comprimé le matin',
        probability: 0.5,
      },
      {
        atcCode: 'C03AA03',
        name: 'Hydrochlorothiazide 12,5 mg, comprimé',
        dosage: '1 comprimé le matin',
        probability: 0.2,
      },
    ],
    results: [RESULTS.systolic, RESULTS.diastolic, RESULTS.creatinine],
    support: [['nurse', 0.2]],
    followUps: [
      {
        kind: 'consultation',
        with: 'gp',
        reason: 'Contrôle tensionnel et renouvellement d’ordonnance',
        instructions:
          'Apportez vos relevés d’automesure tensionnelle (3 mesures matin et soir, 3 jours de suite).',
        minutes: 20,
      },
      {
        kind: 'teleconsultation',
        with: 'specialist',
        reason: 'Téléconsultation de cardiologie : hypertension résistante',
        instructions: 'Vous recevrez un lien par SMS 10 minutes avant ; prévoyez vos relevés tensionnels.',
        minutes: 20,
      },
    ],
    reportConclusion:
      'Pression artérielle insuffisamment contrôlée ; majoration du traitement et automesure à poursuivre.',
  },
  {
    key: 'frailty',
    code: 'R54',
    display: 'Sénilité (fragilité du sujet âgé)',
    specialty: 'geriatrics',
    minAge: 75,
    sex: null,
    weight: 4,
    associated: ['heart_failure', 'ckd', 'depression', 'hypertension'],
    medications: [
      {
        atcCode: 'A11CC05',
        name: 'Cholécalciférol 100 000 UI, solution buvable',
        dosage: '1 ampoule tous les 3 mois',
        probability: 0.6,
      },
    ],
    results: [RESULTS.weightFrail, RESULTS.albumin, RESULTS.hemoglobin],
    support: [
      ['nurse', 0.9],
      ['social_worker', 0.5],
      ['physiotherapist', 0.4],
    ],
    followUps: [
      {
        kind: 'exam',
        with: 'specialist',
        reason: 'Évaluation gériatrique standardisée en hôpital de jour',
        instructions:
          'Venir accompagné(e) si possible d’un proche. Apporter la liste des médicaments et vos lunettes.',
        minutes: 180,
      },
      {
        kind: 'home_visit',
        with: 'gp',
        reason: 'Visite à domicile : réévaluation de l’autonomie',
        instructions: 'Préparez vos boîtes de médicaments pour la revue de l’ordonnance.',
        minutes: 30,
      },
    ],
    reportConclusion:
      'Fragilité avec risque de chute ; kinésithérapie, aides à domicile et révision de l’ordonnance proposées.',
  },
  {
    key: 'ckd',
    code: 'N18.3',
    display: 'Maladie rénale chronique, stade 3',
    specialty: 'nephrology',
    minAge: 45,
    sex: null,
    weight: 3,
    associated: ['diabetes', 'hypertension', 'heart_failure'],
    medications: [
      {
        atcCode: 'A10BK01',
        name: 'Dapagliflozine 10 mg, comprimé',
        dosage: '1 comprimé le matin',
        probability: 0.5,
      },
    ],
    results: [RESULTS.egfr, RESULTS.creatinineCkd, RESULTS.potassium],
    support: [['dietitian', 0.3]],
    followUps: [
      {
        kind: 'consultation',
        with: 'specialist',
        reason: 'Consultation de néphrologie : suivi de la maladie rénale',
        instructions:
          'Faire la prise de sang (créatinine, kaliémie) et le recueil urinaire dans les 15 jours précédents.',
        minutes: 30,
      },
    ],
    reportConclusion:
      'Fonction rénale stable ; éviter les AINS, adapter les posologies au DFG, contrôle biologique dans 3 mois.',
  },
  {
    key: 'depression',
    code: 'F32.1',
    display: 'Épisode dépressif moyen',
    specialty: 'psychiatry',
    minAge: 18,
    sex: null,
    weight: 4,
    associated: ['diabetes', 'copd'],
    medications: [
      { atcCode: 'N06AB06', name: 'Sertraline 50 mg, gélule', dosage: '1 gélule le matin', probability: 0.8 },
    ],
    results: [RESULTS.phq9],
    support: [['psychologist', 0.6]],
    followUps: [
      {
        kind: 'teleconsultation',
        with: 'specialist',
        reason: 'Téléconsultation de psychiatrie : suivi du traitement',
        instructions: 'Installez-vous au calme ; le lien de connexion vous sera envoyé par SMS.',
        minutes: 30,
      },
      {
        kind: 'consultation',
        with: 'gp',
        reason: 'Réévaluation du traitement antidépresseur',
        instructions:
          'Notez les effets indésirables éventuels et la qualité de votre sommeil depuis le début du traitement.',
        minutes: 20,
      },
    ],
    reportConclusion:
      'Amélioration partielle de l’humeur ; poursuite de la sertraline et du suivi psychologique.',
  },
];

export interface AllergyTemplate {
  readonly substance: string;
  readonly reaction: string | null;
  readonly criticality: 'low' | 'high' | 'unable-to-assess';
}

export const ALLERGIES: readonly AllergyTemplate[] = [
  { substance: 'Pénicillines (amoxicilline)', reaction: 'Urticaire généralisée', criticality: 'high' },
  { substance: 'Produits de contraste iodés', reaction: 'Œdème de Quincke', criticality: 'high' },
  { substance: 'Latex', reaction: 'Eczéma de contact', criticality: 'low' },
  {
    substance: 'Anti-inflammatoires non stéroïdiens (ibuprofène)',
    reaction: 'Bronchospasme',
    criticality: 'high',
  },
  {
    substance: 'Sulfamides antibactériens',
    reaction: 'Éruption cutanée maculo-papuleuse',
    criticality: 'low',
  },
  { substance: 'Codéine', reaction: 'Nausées et vomissements', criticality: 'low' },
  { substance: 'Arachide', reaction: 'Réaction anaphylactique', criticality: 'high' },
  { substance: 'Acide acétylsalicylique', reaction: null, criticality: 'unable-to-assess' },
  { substance: 'Sparadrap (colophane)', reaction: 'Irritation cutanée', criticality: 'low' },
];

/** Document types (LOINC, JDV_J07-XdsTypeCode-CISIS) the demo writes, with their French titles. */
export const DOCUMENT_TYPES = {
  consultation: { typeCode: '11488-4', title: 'Compte rendu de consultation' },
  hospitalReport: { typeCode: '34112-3', title: 'Compte rendu d’hospitalisation' },
  dischargeLetter: { typeCode: '11490-0', title: 'Lettre de liaison à la sortie' },
} as const;
export type DocumentTypeKey = keyof typeof DOCUMENT_TYPES;
