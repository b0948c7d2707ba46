import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AdtTraits } from '../hl7/adt-event.ts';
import { decideMerge } from './adt-merge.ts';
import { decideMatch, traitCandidateQuery, type MatchCandidate } from './patient-matching.ts';

const TRAITS: AdtTraits = {
  birthFamilyName: 'LEFÈVRE',
  firstGivenName: 'Hélène',
  givenNames: 'Hélène Marie',
  usedFamilyName: null,
  birthDate: '1980-05-12',
  sex: 'female',
  birthPlaceCode: null,
  identityReliability: [],
};

const candidate = (patientId: string, overrides: Partial<MatchCandidate> = {}): MatchCandidate => ({
  patientId,
  insMatricule: null,
  birthFamilyName: 'Lefèvre',
  firstGivenName: 'Helene',
  usedFamilyName: null,
  birthDate: '1980-05-12',
  sex: 'female',
  ...overrides,
});

const none = { byIns: [], byLocalId: [], traitCandidates: [] };

describe('patient matching', () => {
  test('an INS naming one patient is certain, even when traits would hesitate', () => {
    const decision = decideMatch(
      { ins: ['280059912345678'], traits: TRAITS },
      { ...none, byIns: ['p1'], traitCandidates: [candidate('p1'), candidate('p2')] },
    );
    assert.deepEqual(decision, { kind: 'certain', patientId: 'p1', by: 'ins' });
  });

  test('an INS and a local id naming two patients go to a human', () => {
    const decision = decideMatch(
      { ins: ['x'], traits: TRAITS },
      { ...none, byIns: ['p1'], byLocalId: ['p2'] },
    );
    assert.deepEqual(decision, {
      kind: 'uncertain',
      reason: 'ins-and-local-id-disagree',
      candidates: ['p1', 'p2'],
    });
  });

  test('a linked local id is certain; two local ids on two patients are not', () => {
    assert.deepEqual(decideMatch({ ins: [], traits: TRAITS }, { ...none, byLocalId: ['p3'] }), {
      kind: 'certain',
      patientId: 'p3',
      by: 'local-id',
    });
    assert.equal(
      decideMatch({ ins: [], traits: TRAITS }, { ...none, byLocalId: ['p3', 'p4'] }).kind,
      'uncertain',
    );
  });

  test('traits: one candidate with every strict trait equal (accents and case aside) is certain', () => {
    const decision = decideMatch(
      { ins: [], traits: TRAITS },
      { ...none, traitCandidates: [candidate('p1')] },
    );
    assert.deepEqual(decision, { kind: 'certain', patientId: 'p1', by: 'traits' });
  });

  test('traits: a twin with another given name does not block the one who matches', () => {
    const decision = decideMatch(
      { ins: [], traits: TRAITS },
      { ...none, traitCandidates: [candidate('p1'), candidate('twin', { firstGivenName: 'Claire' })] },
    );
    assert.deepEqual(decision, { kind: 'certain', patientId: 'p1', by: 'traits' });
  });

  test('traits: two strict matches, or only a partial one, go to a human', () => {
    assert.deepEqual(
      decideMatch(
        { ins: [], traits: TRAITS },
        { ...none, traitCandidates: [candidate('p1'), candidate('p2')] },
      ),
      { kind: 'uncertain', reason: 'several-patients-share-the-traits', candidates: ['p1', 'p2'] },
    );
    assert.deepEqual(
      decideMatch(
        { ins: [], traits: TRAITS },
        { ...none, traitCandidates: [candidate('p1', { firstGivenName: 'Hélèna' })] },
      ),
      { kind: 'uncertain', reason: 'partial-traits-match', candidates: ['p1'] },
    );
    assert.equal(
      decideMatch(
        { ins: [], traits: TRAITS },
        { ...none, traitCandidates: [candidate('p1', { sex: 'male' })] },
      ).kind,
      'uncertain',
    );
  });

  test('a candidate whose INS differs from the message INS is someone else', () => {
    const decision = decideMatch(
      { ins: ['280059912345678'], traits: TRAITS },
      { ...none, traitCandidates: [candidate('p1', { insMatricule: '180059912345678' })] },
    );
    assert.deepEqual(decision, { kind: 'none' });
  });

  test('no candidate, or traits too incomplete to look up, is not a Relais patient', () => {
    assert.deepEqual(decideMatch({ ins: [], traits: TRAITS }, none), { kind: 'none' });
    assert.equal(traitCandidateQuery({ ...TRAITS, birthDate: null }), null);
    assert.deepEqual(traitCandidateQuery(TRAITS), {
      familyKey: 'lefevre',
      givenKey: 'helene',
      birthDate: '1980-05-12',
    });
  });
});

describe('A40 merge', () => {
  test('one Relais patient behind either identifier: relink to it', () => {
    assert.deepEqual(decideMerge({ surviving: [], retired: ['p1'] }), { kind: 'relink', patientId: 'p1' });
    assert.deepEqual(decideMerge({ surviving: ['p1'], retired: ['p1'] }), {
      kind: 'relink',
      patientId: 'p1',
    });
  });
  test('two Relais patients: a human decides; none: unknown', () => {
    assert.deepEqual(decideMerge({ surviving: ['p2'], retired: ['p1'] }), {
      kind: 'conflict',
      candidates: ['p2', 'p1'],
    });
    assert.deepEqual(decideMerge({ surviving: [], retired: [] }), { kind: 'unknown' });
  });
});
