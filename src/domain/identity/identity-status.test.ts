import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  IDENTITY_STATUSES,
  IDENTITY_STATUS_LABELS,
  identityStatusFrom,
  isIdentityStatus,
  mayShareIns,
} from './identity-status.ts';

test('IDENTITY_STATUSES lists exactly the 4 RNIV statuses', () => {
  assert.deepEqual([...IDENTITY_STATUSES], ['PROV', 'RECUP', 'VALI', 'QUAL']);
});

test('isIdentityStatus is exact and case-sensitive', () => {
  for (const s of IDENTITY_STATUSES) assert.equal(isIdentityStatus(s), true);
  for (const s of ['qual', 'DOUT', 'FICT', '', 'QUALI', ' PROV']) assert.equal(isIdentityStatus(s), false, s);
});

test('identityStatusFrom follows the EXI SI 07 2×2 crossing', () => {
  assert.equal(identityStatusFrom({ insiQueried: false, highTrustDocumentChecked: false }), 'PROV');
  assert.equal(identityStatusFrom({ insiQueried: true, highTrustDocumentChecked: false }), 'RECUP');
  assert.equal(identityStatusFrom({ insiQueried: false, highTrustDocumentChecked: true }), 'VALI');
  assert.equal(identityStatusFrom({ insiQueried: true, highTrustDocumentChecked: true }), 'QUAL');
});

test('identityStatusFrom keeps doubtful or fictitious identities PROV (EXI SI 09)', () => {
  assert.equal(
    identityStatusFrom({ insiQueried: true, highTrustDocumentChecked: true, doubtful: true }),
    'PROV',
  );
  assert.equal(
    identityStatusFrom({ insiQueried: true, highTrustDocumentChecked: true, fictitious: true }),
    'PROV',
  );
  assert.equal(
    identityStatusFrom({ insiQueried: false, highTrustDocumentChecked: true, doubtful: true }),
    'PROV',
  );
  assert.equal(
    identityStatusFrom({
      insiQueried: true,
      highTrustDocumentChecked: true,
      doubtful: false,
      fictitious: false,
    }),
    'QUAL',
  );
});

test('mayShareIns is true only for QUAL', () => {
  assert.deepEqual(
    IDENTITY_STATUSES.filter((s) => mayShareIns(s)),
    ['QUAL'],
  );
});

test('labels exist in French (FR Core displays) and English for every status', () => {
  assert.deepEqual(IDENTITY_STATUS_LABELS.PROV, { fr: 'Identité provisoire', en: 'Provisional identity' });
  assert.equal(IDENTITY_STATUS_LABELS.RECUP.fr, 'Identité récupérée');
  assert.equal(IDENTITY_STATUS_LABELS.VALI.fr, 'Identité validée');
  assert.equal(IDENTITY_STATUS_LABELS.QUAL.fr, 'Identité qualifiée');
  for (const s of IDENTITY_STATUSES) {
    assert.ok(IDENTITY_STATUS_LABELS[s].fr.length > 0);
    assert.ok(IDENTITY_STATUS_LABELS[s].en.length > 0);
  }
});

test('property: the INS may be shared iff INSi + document and neither doubtful nor fictitious', () => {
  fc.assert(
    fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (insi, doc, doubtful, fictitious) => {
      const status = identityStatusFrom({
        insiQueried: insi,
        highTrustDocumentChecked: doc,
        doubtful,
        fictitious,
      });
      assert.ok(isIdentityStatus(status));
      assert.equal(mayShareIns(status), insi && doc && !doubtful && !fictitious);
      if (doubtful || fictitious) assert.equal(status, 'PROV');
    }),
  );
});
