import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Relais } from '../app.ts';
import { createPatient, createProfessional } from '../../tests/support/factories.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';
import { createSqlBreakGlassStore } from './sql-break-glass-store.ts';

for (const { dialect, skip } of testDialects()) {
  describe(`break-the-glass store on ${dialect}`, { skip }, () => {
    let relais: Relais;
    before(async () => {
      relais = await startTestRelais(dialect);
    });
    after(() => relais.close());

    test('of grants written at the same time for one professional and patient, one is kept', async () => {
      const gp = await createProfessional(relais);
      const outsider = await createProfessional(relais);
      const patientId = await createPatient(relais, [gp.practitionerId]);
      const accountId = (
        await relais.database.db
          .selectFrom('accounts')
          .select('id')
          .where('practitioner_id', '=', outsider.practitionerId)
          .executeTakeFirstOrThrow()
      ).id;
      const store = createSqlBreakGlassStore(relais.database.db);
      const grantedAt = new Date();
      const write = () =>
        store.grant(
          {
            id: randomUUID(),
            patientId,
            practitionerId: outsider.practitionerId,
            accountId,
            reason: 'Patient inconscient aux urgences',
            grantedAt,
            expiresAt: new Date(grantedAt.getTime() + 4 * 3_600_000),
          },
          {
            at: grantedAt,
            accountId,
            actorKind: 'professional',
            actorRole: null,
            patientId,
            action: 'break-glass',
            resource: 'record',
            outcome: 'allowed',
            reason: 'Patient inconscient aux urgences',
            clientAddress: null,
          },
          {
            id: randomUUID(),
            type: 'access.break-glass',
            patientId,
            actorAccountId: accountId,
            occurredAt: grantedAt,
            payload: {
              grantId: 'x',
              practitionerId: outsider.practitionerId,
              expiresAt: grantedAt.toISOString(),
            },
          },
        );
      const kept = await Promise.all([write(), write(), write(), write()]);
      assert.deepEqual(kept.sort(), [false, false, false, true]);
      const grants = await relais.database.db
        .selectFrom('break_glass_grants')
        .select('id')
        .where('patient_id', '=', patientId)
        .execute();
      assert.equal(grants.length, 1);
    });
  });
}
