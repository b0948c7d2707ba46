import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import {
  PasswordChangeRequest,
  RecoveryCodes,
  TotpConfirmation,
  TotpEnrolment,
} from '../../contracts/auth-contracts.ts';
import { NoContent } from '../../contracts/common-contracts.ts';
import type { AccountService } from '../../domain/accounts/account-service.ts';
import type { TwoFactorService } from '../../domain/accounts/two-factor-service.ts';
import { originOf, principalOf, tokenOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

export interface AccountSecurityRouteOptions {
  accounts: AccountService;
  twoFactor: TwoFactorService;
}

/** The signed-in account's own security: change the password, enrol an authenticator app. */
export const accountSecurityRoutes: FastifyPluginCallbackTypebox<AccountSecurityRouteOptions> = (
  app,
  { accounts, twoFactor },
  done,
) => {
  app.post(
    '/api/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my password (policy checked); my other sessions end',
        body: PasswordChangeRequest,
        response: { 204: NoContent, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await accounts.changePassword(
        principalOf(request).accountId,
        tokenOf(request) ?? null,
        request.body,
        originOf(request),
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/me/two-factor/enrolment',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment: a new secret, shown this once',
        response: { 200: TotpEnrolment, ...problemResponses(401, 403, 409) },
      },
      config: { audience: 'professional' },
    },
    (request) => twoFactor.begin(principalOf(request)),
  );

  app.post(
    '/api/me/two-factor/confirmation',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm TOTP enrolment with a first code; returns the recovery codes, shown this once',
        body: TotpConfirmation,
        response: { 200: RecoveryCodes, ...problemResponses(400, 401, 403, 409) },
      },
      config: { audience: 'professional' },
    },
    (request) => twoFactor.confirm(principalOf(request), request.body.code, originOf(request)),
  );
  done();
};
