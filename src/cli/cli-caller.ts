import type { Relais } from '../app.ts';
import type { FhirCaller } from '../fhir/resource-module.ts';
import { createSqlAccountStore } from '../store/sql-account-store.ts';

/**
 * The caller a one-off command acts as: the account named by `--as`, without its password — whoever
 * runs the command already holds the database. Every access still goes through the gate and is audited
 * under that account, so an import or an export is as accountable as the same calls over the API.
 * Administration roles are left out: they open no patient data. Error: an unknown login.
 */
export async function callerOfLogin(
  relais: Relais,
  login: string,
  options: { professionalOnly: boolean },
): Promise<FhirCaller> {
  const account = await createSqlAccountStore(relais.database.db).findByLogin(login.trim().toLowerCase());
  if (account === undefined) throw new Error(`no account with the login '${login}'`);
  const { principal } = account;
  if (principal.kind !== 'professional') {
    if (options.professionalOnly) throw new Error(`'${login}' is not a professional account`);
    return { principal, origin: { clientAddress: null } };
  }
  return { principal: { ...principal, roles: [] }, origin: { clientAddress: null } };
}
