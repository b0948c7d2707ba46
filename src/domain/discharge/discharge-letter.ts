/**
 * The lettre de liaison de sortie (LOINC 11490-0) and what CSP R1112-1-2 II requires it to hold
 * (décret 2016-995; /work/shared/reference/french-health-it.md A16): 1° the identities of the patient,
 * médecin traitant, referring practitioner (if any) and hospital doctor, with the dates and modes of
 * admission and discharge; 2° the reason for admission; 3° a medical summary of the stay naming
 * adverse events, multi-resistant organisms, blood products and implanted devices; 4° discharge
 * treatments and the treatments stopped during the stay with their reason, dosage and duration;
 * 5° results still pending; 6° the follow-up planned (care, appointments).
 *
 * A part left null is missing; a finding the hospital checked and found absent is `{ status: 'none' }`,
 * so "no adverse event" is told apart from "not said".
 */

export const DISCHARGE_LETTER_LOINC = '11490-0';

/** A finding the rule asks for: explicitly none, or what there was. */
export type Finding = { readonly status: 'none' } | { readonly status: 'present'; readonly details: string };

export interface DischargeTreatment {
  readonly name: string;
  readonly atcCode: string | null;
  readonly dosage: string;
  /** "3 mois", "à vie"…; the rule asks for it, so a line without one makes the letter incomplete. */
  readonly duration: string | null;
}

export interface StoppedTreatment {
  readonly name: string;
  readonly atcCode: string | null;
  readonly dosage: string | null;
  readonly reason: string | null;
}

export interface FollowUpAppointment {
  readonly date: string;
  readonly with: string;
  readonly place: string | null;
}

/** The structured letter, as the hospital fills it in. */
export interface StructuredLetter {
  readonly identities: {
    readonly patient: string | null;
    readonly medecinTraitant: string | null;
    /** "If any" in the rule: null is not a missing part. */
    readonly referringPractitioner: string | null;
    readonly hospitalDoctor: string | null;
  };
  readonly admission: { readonly date: string | null; readonly mode: string | null };
  readonly discharge: { readonly date: string | null; readonly mode: string | null };
  readonly reasonForAdmission: string | null;
  readonly summary: {
    readonly text: string | null;
    readonly adverseEvents: Finding | null;
    readonly multiResistantOrganisms: Finding | null;
    readonly bloodProducts: Finding | null;
    readonly implantedDevices: Finding | null;
  };
  /** Null: not said; empty: no treatment at discharge. */
  readonly dischargeTreatments: readonly DischargeTreatment[] | null;
  /** Null: not said; empty: nothing was stopped. */
  readonly stoppedTreatments: readonly StoppedTreatment[] | null;
  readonly pendingResults: Finding | null;
  readonly followUp: {
    readonly plannedCare: Finding | null;
    readonly appointments: readonly FollowUpAppointment[];
  };
}

/** Each part the rule requires, in the order of R1112-1-2 II. */
export const LETTER_PARTS = [
  'patient-identity',
  'medecin-traitant',
  'hospital-doctor',
  'admission-date',
  'admission-mode',
  'discharge-date',
  'discharge-mode',
  'reason-for-admission',
  'stay-summary',
  'adverse-events',
  'multi-resistant-organisms',
  'blood-products',
  'implanted-devices',
  'discharge-treatments',
  'treatment-durations',
  'stopped-treatments',
  'stopped-treatment-reasons',
  'pending-results',
  'follow-up',
] as const;
export type LetterPart = (typeof LETTER_PARTS)[number];

/** Each part in words, French first: the API and the PDF say what is missing in the reader's language. */
export const LETTER_PART_LABELS: Readonly<Record<LetterPart, { readonly fr: string; readonly en: string }>> =
  {
    'patient-identity': { fr: 'Identité du patient', en: 'Patient identity' },
    'medecin-traitant': { fr: 'Médecin traitant', en: 'General practitioner (médecin traitant)' },
    'hospital-doctor': { fr: 'Médecin hospitalier', en: 'Hospital doctor' },
    'admission-date': { fr: "Date d'entrée", en: 'Admission date' },
    'admission-mode': { fr: "Mode d'entrée", en: 'Admission mode' },
    'discharge-date': { fr: 'Date de sortie', en: 'Discharge date' },
    'discharge-mode': { fr: 'Mode de sortie', en: 'Discharge mode' },
    'reason-for-admission': { fr: "Motif d'hospitalisation", en: 'Reason for admission' },
    'stay-summary': { fr: 'Synthèse médicale du séjour', en: 'Medical summary of the stay' },
    'adverse-events': { fr: 'Événements indésirables', en: 'Adverse events' },
    'multi-resistant-organisms': {
      fr: 'Micro-organismes multirésistants',
      en: 'Multi-resistant organisms',
    },
    'blood-products': { fr: 'Produits sanguins', en: 'Blood products' },
    'implanted-devices': { fr: 'Dispositifs implantés', en: 'Implanted devices' },
    'discharge-treatments': { fr: 'Traitements de sortie', en: 'Discharge treatments' },
    'treatment-durations': { fr: 'Durée des traitements de sortie', en: 'Duration of discharge treatments' },
    'stopped-treatments': { fr: 'Traitements arrêtés', en: 'Treatments stopped' },
    'stopped-treatment-reasons': {
      fr: "Motif d'arrêt des traitements",
      en: 'Reasons treatments were stopped',
    },
    'pending-results': { fr: 'Résultats en attente', en: 'Pending results' },
    'follow-up': { fr: 'Suivi prévu', en: 'Planned follow-up' },
  };

const blank = (text: string | null): boolean => text === null || text.trim() === '';
const findingMissing = (finding: Finding | null): boolean =>
  finding === null || (finding.status === 'present' && blank(finding.details));

/** The parts a structured letter lacks, in the rule's order; empty when complete. */
export function missingPartsOf(letter: StructuredLetter): LetterPart[] {
  const { identities, summary, followUp } = letter;
  const missing: Record<LetterPart, boolean> = {
    'patient-identity': blank(identities.patient),
    'medecin-traitant': blank(identities.medecinTraitant),
    'hospital-doctor': blank(identities.hospitalDoctor),
    'admission-date': blank(letter.admission.date),
    'admission-mode': blank(letter.admission.mode),
    'discharge-date': blank(letter.discharge.date),
    'discharge-mode': blank(letter.discharge.mode),
    'reason-for-admission': blank(letter.reasonForAdmission),
    'stay-summary': blank(summary.text),
    'adverse-events': findingMissing(summary.adverseEvents),
    'multi-resistant-organisms': findingMissing(summary.multiResistantOrganisms),
    'blood-products': findingMissing(summary.bloodProducts),
    'implanted-devices': findingMissing(summary.implantedDevices),
    'discharge-treatments': letter.dischargeTreatments === null,
    'treatment-durations': (letter.dischargeTreatments ?? []).some((line) => blank(line.duration)),
    'stopped-treatments': letter.stoppedTreatments === null,
    'stopped-treatment-reasons': (letter.stoppedTreatments ?? []).some((line) => blank(line.reason)),
    'pending-results': findingMissing(letter.pendingResults),
    'follow-up': findingMissing(followUp.plannedCare) && followUp.appointments.length === 0,
  };
  return LETTER_PARTS.filter((part) => missing[part]);
}

/** How complete a stay's letter is: an uploaded PDF is received but its content is not checked. */
export type LetterStatus = 'missing' | 'complete' | 'incomplete' | 'unchecked';

export function letterStatus(
  letter: { readonly kind: 'pdf' | 'structured'; readonly missingParts: readonly string[] } | null,
): LetterStatus {
  if (letter === null) return 'missing';
  if (letter.kind === 'pdf') return 'unchecked';
  return letter.missingParts.length === 0 ? 'complete' : 'incomplete';
}

// WHO ATC/DDD index: anatomical group letter, 2 digits, 2 letters, 2 digits (as clinical-entry.ts checks).
const ATC_CODE = /^[A-Z]\d{2}[A-Z]{2}\d{2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isAtcCode(code: string): boolean {
  return ATC_CODE.test(code);
}

/**
 * What a schema cannot check in a structured letter, each problem naming its field. A missing part is
 * not a problem (the letter is kept and marked incomplete); a malformed one is.
 */
export function letterProblems(letter: StructuredLetter): string[] {
  const problems: string[] = [];
  const checkDate = (field: string, value: string | null): void => {
    if (value !== null && (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value))))
      problems.push(`${field} must be a date (YYYY-MM-DD)`);
  };
  checkDate('admission.date', letter.admission.date);
  checkDate('discharge.date', letter.discharge.date);
  if (
    problems.length === 0 &&
    letter.admission.date !== null &&
    letter.discharge.date !== null &&
    letter.discharge.date < letter.admission.date
  ) {
    problems.push('discharge.date is before admission.date');
  }
  const checkAtc = (field: string, code: string | null): void => {
    if (code !== null && !isAtcCode(code)) problems.push(`${field} "${code}" is not an ATC code`);
  };
  letter.dischargeTreatments?.forEach((line, i) =>
    checkAtc(`dischargeTreatments/${i}/atcCode`, line.atcCode),
  );
  letter.stoppedTreatments?.forEach((line, i) => checkAtc(`stoppedTreatments/${i}/atcCode`, line.atcCode));
  letter.followUp.appointments.forEach((appointment, i) =>
    checkDate(`followUp/appointments/${i}/date`, appointment.date),
  );
  return problems;
}

/** A PDF file starts with "%PDF-" (ISO 32000-1, 7.5.2): anything else is refused as a letter. */
export function looksLikePdf(content: Uint8Array): boolean {
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d];
  return content.byteLength > magic.length && magic.every((byte, i) => content[i] === byte);
}
