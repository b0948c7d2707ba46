import {
  LETTER_PART_LABELS,
  missingPartsOf,
  type Finding,
  type StructuredLetter,
} from '../../domain/discharge/discharge-letter.ts';
import type { LetterRenderer } from '../../domain/discharge/discharge-ports.ts';
import { pdfBytes } from './pdf-bytes.ts';

/** The letter's sections, numbered as CSP R1112-1-2 II lists what it must hold. */
export const LETTER_SECTION_HEADINGS = [
  '1. Identification et dates du séjour',
  "2. Motif d'hospitalisation",
  '3. Synthèse médicale du séjour',
  '4. Traitements de sortie',
  '4 bis. Traitements arrêtés pendant le séjour',
  '5. Résultats en attente',
  '6. Suivi prévu',
] as const;

const NOT_GIVEN = 'Non renseigné';
const NONE = 'Aucun';

/**
 * Renders a structured lettre de liaison to PDF. A missing part is printed as "Non renseigné" and listed
 * at the top, so a reader of the PDF alone sees what the letter lacks.
 */
export function createPdfLetterRenderer(options: { readonly compress?: boolean } = {}): LetterRenderer {
  return {
    render: (letter, context) =>
      pdfBytes(
        {
          compress: options.compress,
          info: {
            Title: 'Lettre de liaison de sortie',
            Subject: 'LOINC 11490-0',
            CreationDate: context.generatedAt,
          },
        },
        (doc) => writeLetter(doc, letter, context),
      ),
  };
}

function writeLetter(
  doc: PDFKit.PDFDocument,
  letter: StructuredLetter,
  context: { readonly facility: string; readonly generatedAt: Date },
): void {
  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text).moveDown(0.2);
    doc.font('Helvetica').fontSize(10);
  };
  const field = (label: string, value: string | null) => {
    doc.font('Helvetica-Bold').text(`${label} : `, { continued: true });
    doc.font('Helvetica').text(value === null || value.trim() === '' ? NOT_GIVEN : value);
  };
  const finding = (label: string, value: Finding | null) =>
    field(label, value === null ? null : value.status === 'none' ? NONE : value.details);
  const list = (items: readonly string[] | null) => {
    if (items === null) doc.text(NOT_GIVEN);
    else if (items.length === 0) doc.text(NONE);
    else doc.list([...items], { bulletRadius: 1.5 });
  };

  doc.font('Helvetica-Bold').fontSize(16).text('Lettre de liaison de sortie');
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(
      `Établissement ${context.facility} · établie le ${context.generatedAt.toISOString().slice(0, 10)} · CSP art. R1112-1-2`,
    );
  const missing = missingPartsOf(letter);
  if (missing.length > 0) {
    doc
      .moveDown(0.5)
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`Lettre incomplète : ${missing.map((part) => LETTER_PART_LABELS[part].fr).join(', ')}`);
  }

  const [identification, reason, summary, treatments, stopped, pending, followUp] = LETTER_SECTION_HEADINGS;
  heading(identification);
  field('Patient', letter.identities.patient);
  field('Médecin traitant', letter.identities.medecinTraitant);
  field('Médecin adresseur', letter.identities.referringPractitioner ?? 'Sans objet');
  field('Médecin hospitalier', letter.identities.hospitalDoctor);
  field('Entrée (date, mode)', joined(letter.admission.date, letter.admission.mode));
  field('Sortie (date, mode)', joined(letter.discharge.date, letter.discharge.mode));

  heading(reason);
  doc.text(letter.reasonForAdmission ?? NOT_GIVEN);

  heading(summary);
  doc.text(letter.summary.text ?? NOT_GIVEN).moveDown(0.3);
  finding('Événements indésirables', letter.summary.adverseEvents);
  finding('Micro-organismes multirésistants ou émergents', letter.summary.multiResistantOrganisms);
  finding('Produits sanguins ou dérivés administrés', letter.summary.bloodProducts);
  finding('Dispositifs implantables posés', letter.summary.implantedDevices);

  heading(treatments);
  list(
    letter.dischargeTreatments?.map(
      (line) =>
        `${line.name}${line.atcCode === null ? '' : ` (ATC ${line.atcCode})`} : ${line.dosage}, durée ${line.duration ?? NOT_GIVEN.toLowerCase()}`,
    ) ?? null,
  );

  heading(stopped);
  list(
    letter.stoppedTreatments?.map(
      (line) =>
        `${line.name}${line.dosage === null ? '' : ` (${line.dosage})`} : arrêté pour ${line.reason ?? 'motif non renseigné'}`,
    ) ?? null,
  );

  heading(pending);
  finding('Examens ou informations en attente', letter.pendingResults);

  heading(followUp);
  finding('Soins prévus', letter.followUp.plannedCare);
  if (letter.followUp.appointments.length > 0) {
    list(
      letter.followUp.appointments.map(
        (appointment) =>
          `${appointment.date} : ${appointment.with}${appointment.place === null ? '' : `, ${appointment.place}`}`,
      ),
    );
  }
}

function joined(date: string | null, mode: string | null): string {
  return `${date ?? NOT_GIVEN}, ${mode ?? NOT_GIVEN.toLowerCase()}`;
}
