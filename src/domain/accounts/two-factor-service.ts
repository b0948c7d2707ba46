import type { AuditTrail } from '../audit/audit-entry.ts';
import type { Principal } from '../access/principal.ts';
import type { RequestOrigin } from '../access/patient-access-service.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { NewId } from '../shared/new-id.ts';
import type {
  AccountStore,
  SecretBox,
  SessionTokens,
  TotpAlgorithm,
  TwoFactorStore,
} from './account-ports.ts';
import { normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './two-factor.ts';

/** The name authenticator apps show next to the code. */
export const TOTP_ISSUER = 'Relais';

/** TOTP enrolment: a secret made here, shown once, confirmed by a first code; recovery codes shown once. */
export function createTwoFactorService(deps: {
  accounts: AccountStore;
  store: TwoFactorStore;
  totp: TotpAlgorithm;
  secrets: SecretBox;
  tokens: SessionTokens;
  audit: AuditTrail;
  clock: Clock;
  newId: NewId;
}) {
  const { accounts, store, totp, secrets, tokens, audit, clock } = deps;
  const professionalAccount = async (principal: Principal) => {
    if (principal.kind !== 'professional')
      throw new DomainError('forbidden', 'two-factor sign-in is for professional accounts');
    const account = await accounts.findById(principal.accountId);
    if (account === undefined) throw new DomainError('unauthenticated', 'sign in first');
    if (account.totpEnabled)
      throw new DomainError('conflict', 'two-factor sign-in is already on for this account');
    return account;
  };
  const enable = async (accountId: string, step: number, at: Date, origin: RequestOrigin, how: string) => {
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => tokens.recoveryCode());
    await store.enable(
      accountId,
      step,
      recoveryCodes.map((code) => tokens.hashOf(normalizeRecoveryCode(code))),
      {
        id: deps.newId(),
        type: 'account.two-factor-enabled',
        patientId: null,
        actorAccountId: accountId,
        occurredAt: at,
        payload: { recoveryCodes: recoveryCodes.length, how },
      },
    );
    await audit.append([
      {
        at,
        accountId,
        actorKind: 'professional',
        actorRole: null,
        patientId: null,
        action: 'write',
        resource: 'two-factor',
        outcome: 'allowed',
        reason: `TOTP enrolled (${how})`,
        clientAddress: origin.clientAddress,
      },
    ]);
    return recoveryCodes;
  };
  return {
    /** Starts (or restarts) an enrolment. The secret is returned here only, and stored sealed. */
    async begin(principal: Principal): Promise<{ secret: string; uri: string }> {
      const account = await professionalAccount(principal);
      const secret = totp.newSecret();
      await store.savePendingSecret(account.id, secrets.seal(secret));
      return { secret, uri: totp.uri(secret, account.login) };
    },

    /**
     * Turns TOTP on once a first code matches; returns the recovery codes (only their hashes are kept).
     * Errors: `invalid-input` (no enrolment started, wrong code), `conflict` (already on).
     */
    async confirm(
      principal: Principal,
      code: string,
      origin: RequestOrigin,
    ): Promise<{ recoveryCodes: string[] }> {
      const account = await professionalAccount(principal);
      const pending = await store.pendingSecret(account.id);
      if (pending === undefined)
        throw new DomainError('invalid-input', 'start the enrolment first: no secret is waiting', [
          'no-enrolment',
        ]);
      const now = clock();
      const step = totp.stepOf(secrets.open(pending), code, now);
      if (step === null)
        throw new DomainError('invalid-input', 'the code does not match: check the time of your phone', [
          'wrong-code',
        ]);
      const recoveryCodes = await enable(account.id, step, now, origin, 'confirmed with a first code');
      return { recoveryCodes };
    },

    /**
     * Enrols an account without a first code (the demo's pre-enrolled administrator, provisioning by an
     * operator): the secret is returned once, for printing or handing over. Error: `conflict` (already on).
     */
    async provision(principal: Principal): Promise<{ secret: string; uri: string; recoveryCodes: string[] }> {
      const account = await professionalAccount(principal);
      const secret = totp.newSecret();
      await store.savePendingSecret(account.id, secrets.seal(secret));
      const recoveryCodes = await enable(account.id, 0, clock(), { clientAddress: null }, 'provisioned');
      return { secret, uri: totp.uri(secret, account.login), recoveryCodes };
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
