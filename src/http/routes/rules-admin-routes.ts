import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { NoContent } from '../../contracts/common-contracts.ts';
import {
  DryRunRequest,
  DryRunResult,
  RuleParams,
  RuleSetDetail,
  RuleSetList,
  RuleSetParams,
  SaveRuleSet,
  SwitchRule,
} from '../../contracts/rules-contracts.ts';
import type { RulesAdminService } from '../../domain/rules/rules-admin-service.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { originOf, principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';
import { presentDryRun, presentRuleSet, presentRuleSetDetail } from '../rules-presenter.ts';

/** Rule-set administration: list, read, edit (validated, versioned), switch rules, dry-run. Admins only. */
export const rulesAdminRoutes: FastifyPluginCallbackTypebox<{ rulesAdmin: RulesAdminService }> = (
  app,
  { rulesAdmin },
  done,
) => {
  const config = { audience: 'professional' } as const;
  const tags = ['rules'];

  app.get(
    '/api/admin/rules',
    {
      schema: {
        tags,
        summary: 'Rule sets with their rules and switches',
        response: { 200: RuleSetList, ...problemResponses(401, 403) },
      },
      config,
    },
    async (request) => ({ items: (await rulesAdmin.list(principalOf(request))).map(presentRuleSet) }),
  );

  app.get(
    '/api/admin/rules/:ruleSetId',
    {
      schema: {
        tags,
        summary: 'A rule set: its YAML text, rules and versions',
        params: RuleSetParams,
        response: { 200: RuleSetDetail, ...problemResponses(400, 401, 403, 404) },
      },
      config,
    },
    async (request) =>
      presentRuleSetDetail(await rulesAdmin.get(principalOf(request), request.params.ruleSetId)),
  );

  app.put(
    '/api/admin/rules/:ruleSetId',
    {
      schema: {
        tags,
        summary:
          'Save a new version of a rule set (or create one); refused whole when invalid, each problem with its line',
        params: RuleSetParams,
        body: SaveRuleSet,
        response: { 200: RuleSetDetail, ...problemResponses(400, 401, 403, 409) },
      },
      config,
    },
    async (request) => {
      const principal = principalOf(request);
      const { ruleSetId } = request.params;
      await rulesAdmin.save(principal, ruleSetId, request.body.source, request.body.baseVersion);
      return presentRuleSetDetail(await rulesAdmin.get(principal, ruleSetId));
    },
  );

  app.put(
    '/api/admin/rules/:ruleSetId/rules/:ruleId',
    {
      schema: {
        tags,
        summary: 'Switch a rule on or off',
        params: RuleParams,
        body: SwitchRule,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404) },
      },
      config,
    },
    async (request, reply) => {
      const { ruleSetId, ruleId } = request.params;
      await rulesAdmin.switchRule(principalOf(request), ruleSetId, ruleId, request.body.enabled);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/admin/rules/dry-run',
    {
      schema: {
        tags,
        summary:
          'What a rule set (stored, or a text being edited) would have done on past events; writes nothing',
        body: DryRunRequest,
        response: { 200: DryRunResult, ...problemResponses(400, 401, 403, 404) },
      },
      config,
    },
    async (request) => {
      const { ruleSetId, source, from, to } = request.body;
      const result = await rulesAdmin.dryRun(
        principalOf(request),
        { ruleSetId, source, from: instant(from, 'from'), to: instant(to, 'to') },
        originOf(request),
      );
      return presentDryRun(result);
    },
  );
  done();
};

function instant(text: string, field: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new DomainError('invalid-input', `${field} is not a date-time`);
  return date;
}
