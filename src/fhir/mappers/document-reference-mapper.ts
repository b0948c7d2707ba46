import type { CodeableConcept, DocumentReference } from '@medplum/fhirtypes';
import type { DocumentSummary } from '../../domain/record/coordination-record.ts';
import { concept, lookup, reference, sensitivityLabel, SYSTEM } from './fhir-mapping.ts';

/**
 * The document types Relais writes or expects, in the words of JDV_J07-XdsTypeCode-CISIS
 * (french-health-it.md A13). Another LOINC type keeps its code, without words.
 */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  '11490-0': "Lettre de liaison à la sortie d'un établissement de soins",
  '34112-3': "Compte rendu d'hospitalisation",
  '11488-4': 'Compte rendu ou fiche de consultation ou de visite',
  '60591-5': 'Synthèse médicale',
  '18761-7': 'Note de transfert',
  '96349-6': "Lettre d'adressage",
  '15507-7': 'Compte rendu de passage aux urgences',
  '18776-5': 'Plan personnalisé de soins',
};

function typeConcept(typeCode: string): CodeableConcept {
  return concept(SYSTEM.loinc, typeCode, lookup(TYPE_WORDS, typeCode));
}

/**
 * A document of the record as a current DocumentReference: its LOINC type, when it was added, its
 * sensitive category as a security label, and its content as a reference to the Binary that serves
 * the bytes (same id as the document).
 */
export function documentReferenceToFhir(patientId: string, document: DocumentSummary): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: document.id,
    status: 'current',
    type: typeConcept(document.typeCode),
    subject: reference('Patient', patientId),
    date: document.createdAt,
    description: document.title,
    ...(document.category === null
      ? {}
      : { securityLabel: [{ coding: [sensitivityLabel(document.category)] }] }),
    content: [
      {
        attachment: {
          contentType: document.mimeType,
          url: `Binary/${document.id}`,
          size: document.sizeBytes,
          title: document.title,
          creation: document.createdAt,
        },
      },
    ],
  };
}
