import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMPLETE_LETTER } from '../../../tests/support/discharge-letters.ts';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { createPdfLetterRenderer, LETTER_SECTION_HEADINGS } from './discharge-letter-pdf.ts';

describe('the lettre de liaison rendered to PDF', () => {
  const at = new Date('2026-01-12T16:00:00Z');

  test('is a PDF whose text holds every section the rule requires, and the letter itself', async () => {
    const bytes = await createPdfLetterRenderer().render(COMPLETE_LETTER, {
      facility: '750000001',
      generatedAt: at,
    });
    assert.equal(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
    assert.match(Buffer.from(bytes).toString('latin1').trimEnd(), /%%EOF$/);
    const text = pdfText(bytes);
    for (const heading of LETTER_SECTION_HEADINGS)
      assert.ok(text.includes(heading), `missing heading "${heading}"`);
    assert.ok(text.includes('Lettre de liaison de sortie'));
    assert.ok(text.includes('Décompensation cardiaque'), 'the reason for admission, accents kept');
    assert.ok(text.includes('Furosémide 40 mg (ATC C03CA01) : 1 cp le matin, durée 3 mois'));
    assert.ok(text.includes('Ibuprofène 400 mg : arrêté pour Insuffisance rénale'));
    assert.ok(!text.includes('Lettre incomplète'), 'a complete letter has no warning');
  });

  test('an incomplete letter says what it lacks at the top and "Non renseigné" in place', async () => {
    const bytes = await createPdfLetterRenderer({ compress: false }).render(
      { ...COMPLETE_LETTER, reasonForAdmission: null, pendingResults: null },
      { facility: '750000001', generatedAt: at },
    );
    const text = pdfText(bytes);
    assert.ok(
      text.includes("Lettre incomplète : Motif d'hospitalisation, Résultats en attente"),
      text.slice(0, 400),
    );
    assert.ok(text.includes('Non renseigné'));
  });
});
