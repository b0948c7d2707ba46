import type {
  AllergyIntolerance,
  Bundle,
  BundleEntry,
  Condition,
  MedicationStatement,
  Observation,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { computeInsKey, INS_OIDS } from '../src/domain/identity/ins.ts';
import { fhirPatient } from '../tests/support/fhir-patients.ts';

/**
 * Fictional synthetic patient records as FHIR R4 transaction Bundles, for tests, the demo and the
 * benchmark: a Patient (FR Core, qualified identity, an INS under the INS-NIR *test* OID, never a real
 * one) and 15 clinical resources referencing it by `urn:uuid:` — 3 Conditions (ICD-10), 8 Observations
 * (LOINC, UCUM), 3 MedicationStatements (ATC), 1 AllergyIntolerance. The same index gives the same
 * Bundle; different indexes (below 1,000,000) give different INS. Every date is before 2026.
 */
export function syntheticPatientBundle(index: number): Bundle {
  const pick = <T>(list: readonly T[], salt = 0): T => list[(index * 7 + salt * 13) % list.length] as T;
  const sex = index % 2 === 0 ? 'female' : 'male';
  const year = 1940 + (index % 60);
  const month = 1 + (index % 12);
  const day = 1 + (index % 28);
  const birthDate = `${year}-${two(month)}-${two(day)}`;
  // NIR: sex, year, month, a department (21–90, clear of Corsica), then commune and order from the index.
  const nir13 = `${sex === 'female' ? 2 : 1}${two(year % 100)}${two(month)}${two(21 + (index % 70))}${String(index % 1_000_000).padStart(6, '0')}`;
  const patientUrl = urnOf(index, 0);
  const subject = { reference: patientUrl };

  const patient: Patient = fhirPatient(
    {
      name: [
        {
          use: 'official',
          family: pick(FAMILY_NAMES),
          given: [pick(sex === 'female' ? FEMALE_NAMES : MALE_NAMES, 1)],
        },
      ],
      gender: sex,
      birthDate,
    },
    { matricule: `${nir13}${computeInsKey(nir13)}`, oid: INS_OIDS['INS-NIR-TEST'] },
  );

  // Three steps through the problem (and medication) lists never land on one entry twice.
  const conditions = [0, 1, 2].map((n): Condition => {
    const [code, display] = pick(PROBLEMS, n * 5 + 1);
    return {
      resourceType: 'Condition',
      clinicalStatus: concept('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active'),
      verificationStatus: concept('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'confirmed'),
      category: [concept('http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item')],
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code, display }], text: display },
      subject,
      onsetDateTime: `${2010 + ((index + n) % 14)}-${two(1 + ((index + n) % 12))}-15`,
    };
  });
  const observations = RESULTS.map(([code, display, unit, low, high], n): Observation => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code, display }], text: display },
    subject,
    effectiveDateTime: `2025-${two(1 + ((index + n) % 12))}-${two(1 + ((index + n) % 28))}T09:30:00+01:00`,
    valueQuantity: {
      value: Math.round((low + ((high - low) * ((index * 31 + n * 17) % 100)) / 100) * 10) / 10,
      unit,
      system: 'http://unitsofmeasure.org',
      code: unit,
    },
  }));
  const medications = [0, 1, 2].map((n): MedicationStatement => {
    const [atc, name, dosage] = pick(MEDICATIONS, n * 3 + 2);
    return {
      resourceType: 'MedicationStatement',
      status: 'active',
      medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: atc }], text: name },
      subject,
      effectiveDateTime: `${2015 + ((index + n) % 10)}-${two(1 + (n % 12))}-01`,
      dosage: [{ text: dosage }],
    };
  });
  const [substance, reaction] = pick(ALLERGIES, 3);
  const allergy: AllergyIntolerance = {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: concept('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'active'),
    verificationStatus: concept(
      'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
      'confirmed',
    ),
    code: { text: substance },
    patient: subject,
    criticality: index % 3 === 0 ? 'high' : 'low',
    reaction: [{ manifestation: [{ text: reaction }] }],
  };

  const resources: Resource[] = [patient, ...conditions, ...observations, ...medications, allergy];
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource, n): BundleEntry => ({
      fullUrl: urnOf(index, n),
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };
}

/** A fixed `urn:uuid:` per patient index and position, so a Bundle is the same each time. */
function urnOf(index: number, position: number): string {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');
  return `urn:uuid:${hex(index, 8)}-0000-4000-8000-${hex(position, 12)}`;
}

const two = (value: number) => String(value).padStart(2, '0');

function concept(system: string, code: string) {
  return { coding: [{ system, code }] };
}

const FAMILY_NAMES = [
  'Fictif',
  'Exemple',
  'Synthèse',
  'Modèle',
  'Essai',
  'Démo',
  'Prototype',
  'Maquette',
  'Simulé',
  'Factice',
] as const;
const FEMALE_NAMES = ['Alice', 'Béatrice', 'Camille', 'Delphine', 'Élise', 'Françoise', 'Gaëlle'] as const;
const MALE_NAMES = ['Antoine', 'Bruno', 'Cédric', 'Damien', 'Étienne', 'Fabrice', 'Gérald'] as const;

const PROBLEMS: readonly (readonly [string, string])[] = [
  ['E11.9', 'Diabète de type 2 sans complication'],
  ['I10', 'Hypertension essentielle'],
  ['E78.0', 'Hypercholestérolémie essentielle'],
  ['J45.9', 'Asthme, sans précision'],
  ['N18.3', 'Maladie rénale chronique, stade 3'],
  ['I48.9', 'Fibrillation auriculaire, sans précision'],
  ['I50.9', 'Insuffisance cardiaque, sans précision'],
  ['J44.9', 'Maladie pulmonaire obstructive chronique, sans précision'],
  ['M81.9', 'Ostéoporose, sans précision'],
  ['F32.9', 'Épisode dépressif, sans précision'],
  ['E66.9', 'Obésité, sans précision'],
];

const RESULTS: readonly (readonly [string, string, string, number, number])[] = [
  ['4548-4', 'Hémoglobine A1c', '%', 5, 10],
  ['2823-3', 'Potassium sérique', 'mmol/L', 3.2, 5.6],
  ['2951-2', 'Sodium sérique', 'mmol/L', 132, 146],
  ['14682-9', 'Créatinine sérique', 'umol/L', 50, 180],
  ['718-7', 'Hémoglobine', 'g/dL', 10, 17],
  ['2345-7', 'Glucose sérique', 'mg/dL', 70, 220],
  ['8480-6', 'Pression artérielle systolique', 'mm[Hg]', 100, 180],
  ['29463-7', 'Poids', 'kg', 45, 120],
];

const MEDICATIONS: readonly (readonly [string, string, string])[] = [
  ['A10BA02', 'Metformine 1000 mg', '1 comprimé matin et soir'],
  ['C09AA05', 'Ramipril 5 mg', '1 comprimé le matin'],
  ['C10AA05', 'Atorvastatine 20 mg', '1 comprimé le soir'],
  ['B01AC06', 'Acide acétylsalicylique 75 mg', '1 sachet le midi'],
  ['C07AB07', 'Bisoprolol 2,5 mg', '1 comprimé le matin'],
  ['R03AK06', 'Salmétérol/fluticasone 50/250', '1 inhalation matin et soir'],
  ['N06AB10', 'Escitalopram 10 mg', '1 comprimé le matin'],
  ['C03CA01', 'Furosémide 40 mg', '1 comprimé le matin'],
];

const ALLERGIES: readonly (readonly [string, string])[] = [
  ['Pénicilline', 'Urticaire'],
  ['Arachide', 'Œdème de Quincke'],
  ['Iode', 'Éruption cutanée'],
  ['Latex', 'Prurit'],
  ['Aspirine', 'Bronchospasme'],
];
