import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { DocumentSummary } from '../../domain/record/coordination-record.ts';
import { documentReferenceToFhir } from './document-reference-mapper.ts';
import { assertValidR4 } from './mapper-test-support.ts';

const PATIENT = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';

const letter: DocumentSummary = {
  id: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f',
  typeCode: '11490-0',
  title: 'Lettre de liaison à la sortie — Cardiologie',
  mimeType: 'application/pdf',
  sizeBytes: 48213,
  createdAt: '2026-11-30T16:05:00.000Z',
  category: null,
};

describe('DocumentReference mapper', () => {
  it('writes a document with its LOINC type (in the words of JDV_J07) and its content as a Binary', () => {
    const resource = documentReferenceToFhir(PATIENT, letter);
    assertValidR4(resource);
    assert.deepEqual(resource.type?.coding, [
      {
        system: 'http://loinc.org',
        code: '11490-0',
        display: "Lettre de liaison à la sortie d'un établissement de soins",
      },
    ]);
    assert.deepEqual(resource.content[0]?.attachment, {
      contentType: 'application/pdf',
      url: `Binary/${letter.id}`,
      size: 48213,
      title: letter.title,
      creation: letter.createdAt,
    });
    assert.equal(resource.date, letter.createdAt);
    assert.equal(resource.securityLabel, undefined);
  });

  it('labels a document of a sensitive category', () => {
    const resource = documentReferenceToFhir(PATIENT, { ...letter, category: 'mental-health' });
    assertValidR4(resource);
    assert.equal(resource.securityLabel?.[0]?.coding?.[0]?.code, 'PSY');
  });

  it('emits a valid R4 DocumentReference for any document', () => {
    const documentArbitrary: fc.Arbitrary<DocumentSummary> = fc.record({
      id: fc.uuid({ version: 4 }),
      typeCode: fc.constantFrom('11490-0', '34112-3', '11488-4', '96349-6', '2951-2'),
      title: fc.constantFrom('Compte rendu de consultation', 'Compte rendu d’hospitalisation'),
      mimeType: fc.constantFrom('application/pdf', 'text/plain', 'image/png', 'image/jpeg'),
      sizeBytes: fc.integer({ min: 1, max: 10 * 1024 * 1024 }),
      createdAt: fc
        .date({ min: new Date('2015-01-01'), max: new Date('2026-12-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      category: fc.option(fc.constantFrom('mental-health', 'sexual-health', 'addiction')),
    });
    fc.assert(
      fc.property(documentArbitrary, (document) => assertValidR4(documentReferenceToFhir(PATIENT, document))),
      { numRuns: 40 },
    );
  });
});
