import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CARE_TEAM_ROLES } from '../../domain/care-team/care-team-role.ts';
import type { CareTeamMember } from '../../domain/record/coordination-record.ts';
import { careTeamToFhir } from './care-team-mapper.ts';
import { assertValidR4 } from './mapper-test-support.ts';

const PATIENT = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';

const memberArbitrary: fc.Arbitrary<CareTeamMember> = fc.record({
  id: fc.uuid({ version: 4 }),
  practitionerId: fc.uuid({ version: 4 }),
  name: fc.constantFrom('Hélène Lefèvre', 'Jean-Noël Le Goff', 'Maëlle Rivière'),
  profession: fc.constantFrom('physician', 'nurse', 'pharmacist'),
  specialty: fc.option(fc.constantFrom('general_practice', 'cardiology')),
  organization: fc.option(fc.constant('Maison de santé pluriprofessionnelle des Ormeaux')),
  role: fc.constantFrom(...CARE_TEAM_ROLES),
  startedOn: fc
    .date({ min: new Date('2010-01-01'), max: new Date('2026-12-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  addedBy: fc.option(fc.constant('Hélène Lefèvre')),
});

describe('CareTeam mapper', () => {
  it('marks the médecin traitant with the primary-care-provider code, and dates each membership', () => {
    const gp: CareTeamMember = {
      id: 'a2b3c4d5-e6f7-4a8b-9c0d-1e2f3a4b5c6d',
      practitionerId: '4c5d6e7f-8091-4a2b-8c3d-4e5f6a7b8c9d',
      name: 'Hélène Lefèvre',
      profession: 'physician',
      specialty: 'general_practice',
      organization: 'Maison de santé pluriprofessionnelle des Ormeaux',
      role: 'medecin_traitant',
      startedOn: '2018-09-03',
      addedBy: null,
    };
    const nurse: CareTeamMember = { ...gp, id: 'b3c4d5e6-f7a8-4b9c-8d1e-2f3a4b5c6d7e', role: 'nurse' };
    const team = careTeamToFhir(PATIENT, [gp, nurse]);
    assertValidR4(team);
    assert.equal(team.subject?.reference, `Patient/${PATIENT}`);
    const [gpParticipant, nurseParticipant] = team.participant ?? [];
    assert.ok(gpParticipant && nurseParticipant);
    assert.deepEqual(gpParticipant.role, [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v2-0443',
            code: 'PP',
            display: 'Médecin traitant',
          },
        ],
        text: 'Médecin traitant',
      },
    ]);
    assert.deepEqual(gpParticipant.member, {
      reference: `Practitioner/${gp.practitionerId}`,
      display: 'Hélène Lefèvre',
    });
    assert.deepEqual(gpParticipant.period, { start: '2018-09-03' });
    assert.deepEqual(nurseParticipant.role, [{ text: 'Infirmier' }]);
  });

  it('emits a valid R4 CareTeam for any team, empty included', () => {
    fc.assert(
      fc.property(fc.array(memberArbitrary, { maxLength: 8 }), (members) => {
        const team = careTeamToFhir(PATIENT, members);
        assertValidR4(team);
        assert.equal(team.participant?.length ?? 0, members.length);
        const coded = team.participant?.filter((p) => p.role?.[0]?.coding?.[0]?.code === 'PP').length ?? 0;
        assert.equal(coded, members.filter((m) => m.role === 'medecin_traitant').length);
      }),
      { numRuns: 40 },
    );
  });
});
