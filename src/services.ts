import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createAccountService } from './domain/accounts/account-service.ts';
import { createPatientAccess } from './domain/access/patient-access-service.ts';
import { createDirectoryService } from './domain/directory/directory-service.ts';
import { createRecordService } from './domain/record/record-service.ts';
import type { Clock } from './domain/shared/clock.ts';
import { createTaskGate } from './domain/tasks/task-gate.ts';
import { createTaskService } from './domain/tasks/task-service.ts';
import { createWorklistService } from './domain/tasks/worklist-service.ts';
import { argon2PasswordHasher } from './integrations/argon2-password-hasher.ts';
import { randomSessionTokens } from './integrations/random-session-tokens.ts';
import type { Database } from './store/database-schema.ts';
import { createSqlAccessFacts } from './store/sql-access-facts.ts';
import { createSqlAccountStore } from './store/sql-account-store.ts';
import { createSqlAuditTrail } from './store/sql-audit-trail.ts';
import { createSqlDirectoryStore } from './store/sql-directory-store.ts';
import { createSqlPatientFinder } from './store/sql-patient-finder.ts';
import { createSqlRecordReader } from './store/sql-record-reader.ts';
import { createSqlRecordWriter } from './store/sql-record-writer.ts';
import { createSqlTaskFacts } from './store/sql-task-facts.ts';
import { createSqlTaskReader } from './store/sql-task-reader.ts';
import { createSqlTaskStore } from './store/sql-task-store.ts';

/** Wires the use cases to their SQL stores and integrations: the one place that knows both sides. */
export function createServices(db: Kysely<Database>, clock: Clock) {
  const audit = createSqlAuditTrail(db);
  const accountStore = createSqlAccountStore(db);
  const newId = randomUUID;
  const access = createPatientAccess({ facts: createSqlAccessFacts(db), audit, clock });
  const taskStore = createSqlTaskStore(db);
  const taskFacts = createSqlTaskFacts(db);
  const taskGate = createTaskGate({ store: taskStore, facts: taskFacts, audit, clock });
  return {
    accounts: createAccountService({
      accounts: accountStore,
      sessions: accountStore,
      tokens: randomSessionTokens,
      hasher: argon2PasswordHasher,
      audit,
      clock,
    }),
    record: createRecordService({
      access,
      audit,
      reader: createSqlRecordReader(db),
      finder: createSqlPatientFinder(db),
      writer: createSqlRecordWriter(db),
      clock,
      newId,
    }),
    tasks: createTaskService({ access, gate: taskGate, store: taskStore, facts: taskFacts, clock, newId }),
    worklist: createWorklistService({
      access,
      gate: taskGate,
      audit,
      facts: taskFacts,
      reader: createSqlTaskReader(db),
      clock,
    }),
    directory: createDirectoryService({
      store: createSqlDirectoryStore(db),
      hasher: argon2PasswordHasher,
      newId,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
