/** Fictional directory entries for the mappers' tests (no real professional or structure). */
import fc from 'fast-check';
import type { Organization, Practitioner } from '../../domain/directory/directory.ts';

const uuid = fc.uuid({ version: 4 });

export const practitionerArbitrary: fc.Arbitrary<Practitioner> = fc.record({
  id: uuid,
  rpps: fc.stringMatching(/^1\d{10}$/),
  familyName: fc.constantFrom('Lefèvre', 'Le Goff', 'Rivière', "N'Diaye", 'Müller-Durand'),
  givenName: fc.constantFrom('Hélène', 'Jean-Noël', 'Maëlle', 'Éric'),
  // Known professions, with and without a nomenclature code, and one the mapper has no words for.
  profession: fc.constantFrom('physician', 'nurse', 'psychologist', 'coordinator', 'midwife'),
  specialty: fc.option(fc.constantFrom('general_practice', 'cardiology', 'endocrinology', 'geriatrics')),
  organizationId: fc.option(uuid),
});

export const organizationArbitrary: fc.Arbitrary<Organization> = fc.record({
  id: uuid,
  kind: fc.constantFrom('hospital', 'hospital_service', 'practice'),
  name: fc.constantFrom(
    'Centre hospitalier de Val-Relais',
    'Maison de santé pluriprofessionnelle des Ormeaux',
  ),
  finess: fc.option(fc.stringMatching(/^45\d{7}$/)),
  parentId: fc.option(uuid),
  specialty: fc.option(fc.constantFrom('cardiology', 'nephrology')),
});
