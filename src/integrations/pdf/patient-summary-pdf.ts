import { IDENTITY_STATUS_LABELS } from '../../domain/identity/identity-status.ts';
import { formatInsForDisplay } from '../../domain/identity/ins.ts';
import type { PatientSummary, SummaryRenderer } from '../../domain/patient-rights/patient-summary.ts';
import type { Language } from '../../domain/rules/localized-text.ts';
import { pdfBytes } from './pdf-bytes.ts';
import {
  CATEGORY_WORDS,
  PATHWAY_STATUS_WORDS,
  roleWords,
  SEX_WORDS,
  sharingChoiceWords,
  STATUS_MEANING,
  SUMMARY_SECTIONS,
  SUMMARY_WORDS,
} from './patient-summary-words.ts';

const INTL_LOCALE: Readonly<Record<Language, string>> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * Renders the patient's readable summary (GDPR right of access) to PDF in the summary's language: plain
 * words, one section per part of the record, the sharing choices in force and how to ask for a correction.
 */
export function createPdfSummaryRenderer(
  options: { readonly compress?: boolean; readonly timeZone?: string } = {},
): SummaryRenderer {
  return {
    render: (summary) =>
      pdfBytes(
        {
          compress: options.compress,
          info: { Title: SUMMARY_WORDS.title[summary.language], CreationDate: summary.generatedAt },
        },
        (doc) => writeSummary(doc, summary, options.timeZone ?? 'Europe/Paris'),
      ),
  };
}

function writeSummary(doc: PDFKit.PDFDocument, summary: PatientSummary, timeZone: string): void {
  const lang = summary.language;
  const { identity } = summary.record;
  const words = (entry: Readonly<Record<Language, string>>) => entry[lang];
  const day = (iso: string) =>
    new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${iso.slice(0, 10)}T00:00:00Z`),
    );
  const dateOf = (at: Date | string) =>
    new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'long', timeZone }).format(new Date(at));
  const colon = lang === 'fr' ? ' : ' : ': ';
  // Intl may put a narrow no-break space in times, which the standard fonts (WinAnsi) lack.
  const instant = (at: Date | string) =>
    new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'long', timeStyle: 'short', timeZone })
      .format(new Date(at))
      .replaceAll('\u202f', ' ');
  const heading = (entry: Readonly<Record<Language, string>>) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(words(entry)).moveDown(0.2);
    doc.font('Helvetica').fontSize(10);
  };
  const field = (label: Readonly<Record<Language, string>>, value: string | null) => {
    if (value === null || value.trim() === '') return;
    doc.font('Helvetica-Bold').text(`${words(label)}${colon}`, { continued: true });
    doc.font('Helvetica').text(value);
  };
  const list = (items: readonly string[]) => {
    if (items.length === 0) doc.text(words(SUMMARY_WORDS.none));
    else doc.list([...items], { bulletRadius: 1.5 });
  };

  doc.font('Helvetica-Bold').fontSize(16).text(words(SUMMARY_WORDS.title));
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(`${words(SUMMARY_WORDS.madeOn)} ${instant(summary.generatedAt)}`)
    .text(words(SUMMARY_WORDS.rightOfAccess));
  if (summary.hiddenCategories.length > 0) {
    const categories = summary.hiddenCategories.map((category) => CATEGORY_WORDS[category][lang]);
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10);
    doc.text(`${words(SUMMARY_WORDS.hidden)} ${categories.join(', ')}`);
  }

  heading(SUMMARY_SECTIONS.identity);
  const familyName = (identity.usedFamilyName ?? identity.birthFamilyName).toLocaleUpperCase(
    INTL_LOCALE[lang],
  );
  doc.font('Helvetica-Bold').text(`${familyName} ${identity.usedGivenName ?? identity.firstGivenName}`);
  doc.font('Helvetica');
  field(SUMMARY_WORDS.birthName, identity.birthFamilyName);
  field(SUMMARY_WORDS.usedName, identity.usedFamilyName);
  field(SUMMARY_WORDS.givenNames, identity.givenNames);
  field(SUMMARY_WORDS.usedGivenName, identity.usedGivenName);
  field(SUMMARY_WORDS.bornOn, day(identity.birthDate));
  field(SUMMARY_WORDS.sex, words(SEX_WORDS[identity.sex]));
  field(SUMMARY_WORDS.birthPlace, identity.birthPlaceCode);
  field(
    SUMMARY_WORDS.ins,
    identity.ins !== null
      ? `${formatInsForDisplay(identity.ins.matricule)} (${identity.ins.kind})`
      : identity.insWithheldReason !== null
        ? words(SUMMARY_WORDS.insWithheld)
        : words(SUMMARY_WORDS.noIns),
  );
  field(
    SUMMARY_WORDS.status,
    `${words(IDENTITY_STATUS_LABELS[identity.identityStatus])} : ${words(STATUS_MEANING[identity.identityStatus])}`.replace(
      ' : ',
      colon,
    ),
  );
  field(SUMMARY_WORDS.phone, identity.phone);
  field(SUMMARY_WORDS.email, identity.email);
  field(SUMMARY_WORDS.address, identity.address);

  heading(SUMMARY_SECTIONS.careTeam);
  list(
    summary.record.careTeam.map((member) =>
      [roleWords(member.role, lang), member.name, member.organization]
        .filter((part) => part !== null)
        .join(' · '),
    ),
  );

  heading(SUMMARY_SECTIONS.problems);
  list(
    summary.record.conditions.map(
      (condition) =>
        `${condition.display}${condition.onsetDate === null ? '' : `, ${words(SUMMARY_WORDS.since)} ${day(condition.onsetDate)}`}${condition.clinicalStatus === 'resolved' ? ` (${words(SUMMARY_WORDS.resolved)})` : ''}`,
    ),
  );

  heading(SUMMARY_SECTIONS.medications);
  list(
    summary.record.medications.map(
      (medication) =>
        `${medication.name}${colon}${medication.dosage} (${words(medication.status === 'active' ? SUMMARY_WORDS.current : SUMMARY_WORDS.stopped)})`,
    ),
  );

  heading(SUMMARY_SECTIONS.allergies);
  list(
    summary.record.allergies.map(
      (allergy) => `${allergy.substance}${allergy.reaction === null ? '' : `${colon}${allergy.reaction}`}`,
    ),
  );

  heading(SUMMARY_SECTIONS.results);
  list(
    summary.record.latestResults.map((result) => {
      const value =
        result.valueNumeric !== null
          ? new Intl.NumberFormat(INTL_LOCALE[lang]).format(result.valueNumeric)
          : (result.valueText ?? '');
      return `${result.display}${colon}${value}${result.unit === null ? '' : ` ${result.unit}`} (${dateOf(result.effectiveAt)})`;
    }),
  );

  heading(SUMMARY_SECTIONS.documents);
  list(summary.record.documents.map((document) => `${document.title} (${dateOf(document.createdAt)})`));

  heading(SUMMARY_SECTIONS.appointments);
  list(
    summary.record.upcomingAppointments.map((appointment) =>
      [instant(appointment.startsAt), appointment.reason, appointment.with, appointment.place]
        .filter((part) => part !== null)
        .join(' · '),
    ),
  );

  heading(SUMMARY_SECTIONS.pathways);
  list(
    summary.pathways.map(
      (pathway) =>
        `${words(pathway.title)} (${words(PATHWAY_STATUS_WORDS[pathway.status])}, ${words(SUMMARY_WORDS.since)} ${day(pathway.startedOn)})`,
    ),
  );
  if (summary.nextSteps.length > 0) {
    doc.moveDown(0.3).font('Helvetica-Bold').text(words(SUMMARY_WORDS.nextSteps)).font('Helvetica');
    list(summary.nextSteps.map((step) => `${words(step.pathwayTitle)}${colon}${words(step.sentence)}`));
  }

  heading(SUMMARY_SECTIONS.sharing);
  if (summary.sharingChoices.length === 0) doc.text(words(SUMMARY_WORDS.noSharingChoice));
  else
    list(
      summary.sharingChoices.map(
        (choice) =>
          `${sharingChoiceWords(choice, lang)} (${dateOf(choice.recordedAt)}${choice.onBehalf ? `, ${words(SUMMARY_WORDS.onBehalf)}` : ''})`,
      ),
    );

  heading(SUMMARY_SECTIONS.correction);
  doc.text(words(SUMMARY_WORDS.correction));
}
