import type { Node } from 'yaml';
import { isCareTeamRole, type CareTeamRole } from '../care-team/care-team-role.ts';
import type { EventType } from '../journal/domain-event.ts';
import { readCondition, readEventType } from './condition-parser.ts';
import { isReferralSpecialty, REFERRAL_SPECIALTIES } from './referral-specialties.ts';
import { TASK_PRIORITIES, type TaskPriority } from '../tasks/task.ts';
import type { Action, Rule, RuleSet } from './rule-set.ts';
import { createYamlReader, type RuleSetProblem, type YamlReader } from './yaml-reader.ts';

/** A rule set read from its text, or every problem found in it (the set is then refused whole). */
export type RuleSetParse =
  | { readonly ok: true; readonly ruleSet: RuleSet }
  | { readonly ok: false; readonly problems: readonly RuleSetProblem[] };

const ID = { regex: /^[a-z][a-z0-9-]{0,59}$/, expected: 'an id in lower-case words joined by dashes' };
const TEMPLATE_ID = { regex: /^[a-z0-9][a-z0-9.-]{0,79}$/, expected: 'a pathway template id' };
const ACTION_KINDS = ['create-task', 'raise-alert', 'suggest-referral', 'enrol-in-pathway', 'notify'];

/**
 * Reads and validates a rule set written in YAML (see data/rules/starter.yaml). `file` names the text
 * in the problems, each of which carries its line and column.
 */
export function parseRuleSet(text: string, file: string): RuleSetParse {
  const reader = createYamlReader(text, file);
  const ruleSet = reader.root === null ? undefined : readRuleSet(reader, reader.root);
  if (ruleSet === undefined || reader.problems.length > 0) {
    const problems =
      reader.problems.length > 0
        ? reader.problems
        : [{ file, line: 1, column: 1, message: 'empty rule set' }];
    return { ok: false, problems };
  }
  return { ok: true, ruleSet };
}

function readRuleSet(reader: YamlReader, root: Node): RuleSet | undefined {
  const fields = reader.fields(root, 'the rule set', { required: ['id', 'label', 'rules'] });
  if (fields === undefined) return undefined;
  const id = reader.text(fields.get('id'), 'id', ID);
  const label = reader.localized(fields.get('label'), 'label');
  const items = reader.list(fields.get('rules'), 'rules');
  const rules = items?.map((item, index) => readRule(reader, item, index));
  if (items !== undefined) {
    const seen = new Set<string>();
    for (const [index, rule] of (rules ?? []).entries()) {
      if (rule === undefined) continue;
      if (seen.has(rule.id))
        reader.report(items[index], `rules[${index}]: the id "${rule.id}" is used twice`);
      seen.add(rule.id);
    }
  }
  if (
    id === undefined ||
    label === undefined ||
    rules === undefined ||
    !rules.every((r) => r !== undefined)
  ) {
    return undefined;
  }
  return { id, label, rules };
}

function readRule(reader: YamlReader, node: Node | null, index: number): Rule | undefined {
  const fields = reader.fields(node, `rules[${index}]`, {
    required: ['id', 'version', 'label', 'on', 'then'],
    optional: ['when', 'cooldown', 'source'],
  });
  if (fields === undefined) return undefined;
  const id = reader.text(fields.get('id'), `rules[${index}].id`, ID);
  const where = `rule ${id ?? `#${index + 1}`}`;
  const version = reader.integer(fields.get('version'), `${where}: version`, 1, 1_000_000);
  const label = reader.localized(fields.get('label'), `${where}: label`);
  const onItems = reader.list(fields.get('on'), `${where}: on`);
  const on = onItems?.map((item, i) => readEventType(reader, item, `${where}: on[${i}]`));
  const when = fields.has('when')
    ? readCondition(reader, fields.get('when') ?? null, `${where}: when`)
    : { kind: 'all' as const, of: [] };
  const thenItems = reader.list(fields.get('then'), `${where}: then`);
  const then = thenItems?.map((item, i) => readAction(reader, item, `${where}: then[${i}]`));
  const cooldown = fields.has('cooldown')
    ? reader.duration(fields.get('cooldown'), `${where}: cooldown`)
    : null;
  const source = fields.has('source') ? reader.text(fields.get('source'), `${where}: source`) : null;
  if (
    id === undefined ||
    version === undefined ||
    label === undefined ||
    on === undefined ||
    !on.every((type): type is EventType => type !== undefined) ||
    when === undefined ||
    then === undefined ||
    !then.every((action) => action !== undefined) ||
    cooldown === undefined ||
    source === undefined
  ) {
    return undefined;
  }
  return { id, version, label, on, when, then, cooldown, source };
}

function readAction(reader: YamlReader, node: Node | null, where: string): Action | undefined {
  const tagged = reader.tagged(node, where);
  if (tagged === undefined) return undefined;
  const at = `${where}.${tagged.tag}`;
  switch (tagged.tag) {
    case 'create-task': {
      const fields = reader.fields(tagged.value, at, { required: ['role', 'title', 'priority', 'due-in'] });
      if (fields === undefined) return undefined;
      const role = readRole(reader, fields.get('role'), `${at}.role`);
      const title = reader.localized(fields.get('title'), `${at}.title`);
      const priority = readPriority(reader, fields.get('priority'), `${at}.priority`);
      const dueIn = reader.duration(fields.get('due-in'), `${at}.due-in`);
      if (role === undefined || title === undefined || priority === undefined || dueIn === undefined)
        return undefined;
      return { kind: 'create-task', role, title, priority, dueIn };
    }
    case 'raise-alert': {
      const fields = reader.fields(tagged.value, at, { required: ['text'] });
      const text = fields === undefined ? undefined : reader.localized(fields.get('text'), `${at}.text`);
      return text === undefined ? undefined : { kind: 'raise-alert', text };
    }
    case 'suggest-referral': {
      const fields = reader.fields(tagged.value, at, { required: ['specialty', 'reason'] });
      if (fields === undefined) return undefined;
      const specialty = reader.text(fields.get('specialty'), `${at}.specialty`);
      const reason = reader.localized(fields.get('reason'), `${at}.reason`);
      if (specialty !== undefined && !isReferralSpecialty(specialty)) {
        const known = Object.keys(REFERRAL_SPECIALTIES).join(', ');
        reader.report(fields.get('specialty'), `${at}.specialty: "${specialty}" is not one of ${known}`);
        return;
      }
      return specialty === undefined || reason === undefined
        ? undefined
        : { kind: 'suggest-referral', specialty, reason };
    }
    case 'enrol-in-pathway': {
      const fields = reader.fields(tagged.value, at, { required: ['template'] });
      const templateId =
        fields === undefined ? undefined : reader.text(fields.get('template'), `${at}.template`, TEMPLATE_ID);
      return templateId === undefined ? undefined : { kind: 'enrol-in-pathway', templateId };
    }
    case 'notify': {
      const fields = reader.fields(tagged.value, at, { required: ['role'], optional: ['urgent'] });
      if (fields === undefined) return undefined;
      const role = readRole(reader, fields.get('role'), `${at}.role`);
      const urgent = fields.has('urgent') ? reader.boolean(fields.get('urgent'), `${at}.urgent`) : false;
      return role === undefined || urgent === undefined ? undefined : { kind: 'notify', role, urgent };
    }
    default: {
      reader.report(
        tagged.at,
        `${where}: unknown action "${tagged.tag}"; expected one of ${ACTION_KINDS.join(', ')}`,
      );
      return;
    }
  }
}

/** A care-team role code; reports any other word. */
export function readRole(
  reader: YamlReader,
  node: Node | null | undefined,
  where: string,
): CareTeamRole | undefined {
  const role = reader.text(node, where);
  if (role === undefined) return undefined;
  if (!isCareTeamRole(role)) {
    reader.report(node, `${where}: "${role}" is not a care-team role`);
    return;
  }
  return role;
}

function readPriority(
  reader: YamlReader,
  node: Node | null | undefined,
  where: string,
): TaskPriority | undefined {
  const priority = reader.text(node, where);
  if (priority === undefined) return undefined;
  if (!(TASK_PRIORITIES as readonly string[]).includes(priority)) {
    reader.report(node, `${where}: "${priority}" is not one of ${TASK_PRIORITIES.join(', ')}`);
    return;
  }
  return priority as TaskPriority;
}
