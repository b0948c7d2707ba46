import { isMap, isScalar, type Node } from 'yaml';
import type { CareTeamRole } from '../care-team/care-team-role.ts';
import { readEventType } from '../rules/condition-parser.ts';
import { readRole } from '../rules/rule-set-parser.ts';
import { createYamlReader, type RuleSetProblem, type YamlReader } from '../rules/yaml-reader.ts';
import { approximateDays, parseIsoDuration, type IsoDuration } from './iso-duration.ts';
import {
  CONFIDENCE_LEVELS,
  type ConfidenceLevel,
  type EvidenceMatcher,
  type PathwaySource,
  type PathwayStep,
  type PathwayTemplate,
  type StepTrigger,
} from './pathway-template.ts';
import type { DueRule } from './step-window.ts';

/** A template read from its file, or every problem found in it (the template is then refused whole). */
export type PathwayTemplateParse =
  | { readonly ok: true; readonly template: PathwayTemplate }
  | { readonly ok: false; readonly problems: readonly RuleSetProblem[] };

const TEMPLATE_ID = {
  regex: /^[a-z0-9][a-z0-9.-]{0,79}$/,
  expected: 'a template id (lower case, digits, dots, dashes)',
};
const STEP_ID = {
  regex: /^[a-z0-9][a-z0-9.-]{0,59}$/,
  expected: 'a step id (lower case, digits, dots, dashes)',
};
const SOURCE_ID = { regex: /^[A-Za-z0-9][A-Za-z0-9.-]{0,79}$/, expected: 'a source id' };
const LOINC = { regex: /^\d{1,7}-\d$/, expected: 'a LOINC code' };
const EVIDENCE_KINDS = ['result', 'encounter', 'document', 'task', 'questionnaire'];

/**
 * Reads and validates a pathway template written in YAML (docs/pathways.md). Refuses unknown roles,
 * unknown or cyclic step triggers, steps without evidence, bad durations (latest before target),
 * and unknown source references; each problem names the file, line and column.
 */
export function parsePathwayTemplate(text: string, file: string): PathwayTemplateParse {
  const reader = createYamlReader(text, file);
  const template = reader.root === null ? undefined : readTemplate(reader, reader.root);
  if (template === undefined || reader.problems.length > 0) {
    const problems =
      reader.problems.length > 0
        ? reader.problems
        : [{ file, line: 1, column: 1, message: 'empty template' }];
    return { ok: false, problems };
  }
  return { ok: true, template };
}

function readTemplate(reader: YamlReader, root: Node): PathwayTemplate | undefined {
  const fields = reader.fields(root, 'the template', {
    required: ['id', 'version', 'title', 'population', 'sources', 'steps'],
    optional: ['starts-with'],
  });
  if (fields === undefined) return undefined;
  const id = reader.text(fields.get('id'), 'id', TEMPLATE_ID);
  const version = reader.integer(fields.get('version'), 'version', 1, 1_000_000);
  const title = reader.localized(fields.get('title'), 'title');
  const population = reader.text(fields.get('population'), 'population');
  const startsWith = fields.has('starts-with')
    ? readEventType(reader, fields.get('starts-with'), 'starts-with')
    : null;
  const sources = reader
    .list(fields.get('sources'), 'sources')
    ?.map((node, i) => readSource(reader, node, i));
  const stepNodes = reader.list(fields.get('steps'), 'steps') ?? [];
  const sourceIds = new Set((sources ?? []).flatMap((source) => (source === undefined ? [] : [source.id])));
  const steps = stepNodes.map((node, i) => readStep(reader, node, i, sourceIds));
  // Ids as written, even of steps refused for another reason, so a reference to them is not reported too.
  const declared = new Set(stepNodes.map((node) => (isMap(node) ? String(node.get('id')) : '')));
  checkSteps(reader, steps, stepNodes, declared);
  if (
    id === undefined ||
    version === undefined ||
    title === undefined ||
    population === undefined ||
    startsWith === undefined ||
    sources === undefined ||
    !sources.every((source) => source !== undefined) ||
    stepNodes.length === 0 ||
    !steps.every((step) => step !== undefined)
  ) {
    return undefined;
  }
  return { id, version, title, population, startsWith, sources, steps };
}

function readSource(reader: YamlReader, node: Node | null, index: number): PathwaySource | undefined {
  const where = `sources[${index}]`;
  const fields = reader.fields(node, where, {
    required: ['id', 'title'],
    optional: ['publisher', 'year', 'url'],
  });
  if (fields === undefined) return undefined;
  const id = reader.text(fields.get('id'), `${where}.id`, SOURCE_ID);
  const title = reader.text(fields.get('title'), `${where}.title`);
  const optional = (key: string) => {
    const value = fields.get(key);
    if (!fields.has(key)) return null;
    // A year is often written bare (2014): take any scalar as text.
    if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number'))
      return String(value.value);
    reader.report(value, `${where}.${key} must be a text`);
    return undefined;
  };
  const publisher = optional('publisher');
  const year = optional('year');
  const url = optional('url');
  if (
    id === undefined ||
    title === undefined ||
    publisher === undefined ||
    year === undefined ||
    url === undefined
  )
    return undefined;
  return { id, title, publisher, year, url };
}

function readStep(
  reader: YamlReader,
  node: Node | null,
  index: number,
  sourceIds: ReadonlySet<string>,
): PathwayStep | undefined {
  const fields = reader.fields(node, `steps[${index}]`, {
    required: ['id', 'label', 'patient-label', 'role', 'trigger', 'due', 'evidence', 'confidence', 'sources'],
    optional: ['specialty', 'reference-roles', 'repeat', 'notes'],
  });
  if (fields === undefined) return undefined;
  // A missing key is already reported: reading it again would report it twice.
  const missing = [
    'id',
    'label',
    'patient-label',
    'role',
    'trigger',
    'due',
    'evidence',
    'confidence',
    'sources',
  ].some((key) => !fields.has(key));
  if (missing) return undefined;
  const id = reader.text(fields.get('id'), `steps[${index}].id`, STEP_ID);
  const where = `step ${id ?? `#${index + 1}`}`;
  const label = reader.localized(fields.get('label'), `${where}: label`);
  const patientLabel = reader.localized(fields.get('patient-label'), `${where}: patient-label`);
  const role = readRole(reader, fields.get('role'), `${where}: role`);
  const specialty = fields.has('specialty')
    ? reader.text(fields.get('specialty'), `${where}: specialty`)
    : null;
  if (role === 'specialist' && specialty === null)
    reader.report(fields.get('role'), `${where}: a specialist step names its specialty`);
  if (role !== undefined && role !== 'specialist' && typeof specialty === 'string')
    reader.report(fields.get('specialty'), `${where}: only a specialist step has a specialty`);
  const referenceRoles = fields.has('reference-roles')
    ? texts(reader, fields.get('reference-roles'), `${where}: reference-roles`)
    : [];
  const trigger = readTrigger(reader, fields.get('trigger'), `${where}: trigger`);
  const due = readDueRule(reader, fields.get('due'), `${where}: due`);
  const repeat = fields.has('repeat') ? readDueRule(reader, fields.get('repeat'), `${where}: repeat`) : null;
  const evidence = reader
    .list(fields.get('evidence'), `${where}: evidence (what completes the step)`)
    ?.map((item, i) => readEvidence(reader, item, `${where}: evidence[${i}]`));
  const confidence = readConfidence(reader, fields.get('confidence'), `${where}: confidence`);
  const sourceRefs = texts(reader, fields.get('sources'), `${where}: sources`);
  for (const ref of sourceRefs ?? []) {
    if (!sourceIds.has(ref))
      reader.report(fields.get('sources'), `${where}: source "${ref}" is not in the template's sources`);
  }
  const notes = fields.has('notes') ? reader.text(fields.get('notes'), `${where}: notes`) : null;
  if (
    id === undefined ||
    label === undefined ||
    patientLabel === undefined ||
    role === undefined ||
    specialty === undefined ||
    referenceRoles === undefined ||
    trigger === undefined ||
    due === undefined ||
    repeat === undefined ||
    evidence === undefined ||
    !evidence.every((matcher) => matcher !== undefined) ||
    confidence === undefined ||
    sourceRefs === undefined ||
    notes === undefined
  ) {
    return undefined;
  }
  return {
    id,
    label,
    patientLabel,
    role,
    specialty,
    referenceRoles,
    trigger,
    due,
    repeat,
    evidence,
    confidence,
    sourceRefs,
    notes,
  };
}

function texts(reader: YamlReader, node: Node | null | undefined, where: string): string[] | undefined {
  const items = reader.list(node, where)?.map((item, i) => reader.text(item, `${where}[${i}]`));
  return items === undefined || !items.every((item) => item !== undefined) ? undefined : items;
}

/** `enrolment`, `{ after-step: id }` or `{ event: stay.discharged }`. */
function readTrigger(
  reader: YamlReader,
  node: Node | null | undefined,
  where: string,
): StepTrigger | undefined {
  if (isScalar(node)) {
    if (node.value === 'enrolment') return { kind: 'enrolment' };
    reader.report(node, `${where} must be enrolment, { after-step: <id> } or { event: <event type> }`);
    return;
  }
  const tagged = reader.tagged(node, where);
  if (tagged === undefined) return undefined;
  if (tagged.tag === 'after-step') {
    const stepId = reader.text(tagged.value, `${where}.after-step`, STEP_ID);
    return stepId === undefined ? undefined : { kind: 'step-done', stepId };
  }
  if (tagged.tag === 'event') {
    const eventType = readEventType(reader, tagged.value, `${where}.event`);
    return eventType === undefined ? undefined : { kind: 'event', eventType };
  }
  reader.report(
    tagged.at,
    `${where}: unknown trigger "${tagged.tag}"; expected enrolment, after-step or event`,
  );
  return;
}

function readDueRule(reader: YamlReader, node: Node | null | undefined, where: string): DueRule | undefined {
  const fields = reader.fields(node, where, { required: ['target', 'latest'], optional: ['earliest'] });
  if (fields === undefined) return undefined;
  const duration = (key: string) => {
    const value = fields.get(key);
    const parsed =
      isScalar(value) && typeof value.value === 'string' ? parseIsoDuration(value.value) : undefined;
    if (parsed === undefined)
      reader.report(value, `${where}.${key} must be an ISO 8601 duration such as P7D, P3M or P1Y`);
    return parsed;
  };
  const target = duration('target');
  const latest = duration('latest');
  const earliest: IsoDuration | null | undefined = fields.has('earliest') ? duration('earliest') : null;
  if (target === undefined || latest === undefined || earliest === undefined) return undefined;
  if (approximateDays(latest) < approximateDays(target)) {
    reader.report(fields.get('latest'), `${where}: latest ${latest.text} is before target ${target.text}`);
    return;
  }
  if (earliest !== null && approximateDays(earliest) > approximateDays(target)) {
    reader.report(
      fields.get('earliest'),
      `${where}: earliest ${earliest.text} is after target ${target.text}`,
    );
    return;
  }
  return { earliest, target, latest };
}

function readEvidence(reader: YamlReader, node: Node | null, where: string): EvidenceMatcher | undefined {
  const tagged = reader.tagged(node, where);
  if (tagged === undefined) return undefined;
  const at = `${where}.${tagged.tag}`;
  switch (tagged.tag) {
    case 'result': {
      const fields = reader.fields(tagged.value, at, { required: ['loinc'] });
      const codes =
        fields === undefined ? undefined : codeList(reader, fields.get('loinc'), `${at}.loinc`, LOINC);
      return codes === undefined ? undefined : { kind: 'result', loincCodes: codes };
    }
    case 'document': {
      const fields = reader.fields(tagged.value, at, { required: ['type'] });
      const codes =
        fields === undefined ? undefined : codeList(reader, fields.get('type'), `${at}.type`, LOINC);
      return codes === undefined ? undefined : { kind: 'document', typeCodes: codes };
    }
    case 'encounter': {
      const fields = reader.fields(tagged.value, at, { required: [], optional: ['specialty', 'role'] });
      if (fields === undefined) return undefined;
      const specialties = fields.has('specialty')
        ? texts(reader, fields.get('specialty'), `${at}.specialty`)
        : [];
      const roles = fields.has('role') ? roleList(reader, fields.get('role'), `${at}.role`) : [];
      if (specialties === undefined || roles === undefined) return undefined;
      if (specialties.length + roles.length === 0) {
        reader.report(
          tagged.at,
          `${at}: name a specialty or a role, or any appointment would complete the step`,
        );
        return;
      }
      return { kind: 'encounter', specialties, roles };
    }
    case 'task': {
      if (!isScalar(tagged.value) || tagged.value.value !== 'completed') {
        reader.report(tagged.value ?? tagged.at, `${at} must be "completed" (the step's own task, done)`);
        return;
      }
      return { kind: 'task' };
    }
    case 'questionnaire': {
      const fields = reader.fields(tagged.value, at, { required: ['instrument'] });
      const instruments =
        fields === undefined ? undefined : texts(reader, fields.get('instrument'), `${at}.instrument`);
      return instruments === undefined ? undefined : { kind: 'questionnaire', instruments };
    }
    default:
      reader.report(
        tagged.at,
        `${where}: unknown evidence "${tagged.tag}"; expected one of ${EVIDENCE_KINDS.join(', ')}`,
      );
      return;
  }
}

function codeList(
  reader: YamlReader,
  node: Node | null | undefined,
  where: string,
  pattern: { regex: RegExp; expected: string },
): string[] | undefined {
  const items = reader.list(node, where)?.map((item, i) => reader.text(item, `${where}[${i}]`, pattern));
  return items === undefined || !items.every((item) => item !== undefined) ? undefined : items;
}

function roleList(
  reader: YamlReader,
  node: Node | null | undefined,
  where: string,
): CareTeamRole[] | undefined {
  const items = reader.list(node, where)?.map((item, i) => readRole(reader, item, `${where}[${i}]`));
  return items === undefined || !items.every((item) => item !== undefined) ? undefined : items;
}

function readConfidence(
  reader: YamlReader,
  node: Node | null | undefined,
  where: string,
): PathwayStep['confidence'] | undefined {
  const fields = reader.fields(node, where, { required: ['requirement', 'timing'] });
  if (fields === undefined) return undefined;
  const level = (key: string): ConfidenceLevel | undefined => {
    const value = reader.text(fields.get(key), `${where}.${key}`);
    if (value === undefined) return undefined;
    if (!(CONFIDENCE_LEVELS as readonly string[]).includes(value)) {
      reader.report(
        fields.get(key),
        `${where}.${key}: "${value}" is not one of ${CONFIDENCE_LEVELS.join(', ')}`,
      );
      return;
    }
    return value as ConfidenceLevel;
  };
  const requirement = level('requirement');
  const timing = level('timing');
  return requirement === undefined || timing === undefined ? undefined : { requirement, timing };
}

/** Step ids used once, `after-step` naming a step of the template, and no cycle of such triggers. */
function checkSteps(
  reader: YamlReader,
  steps: readonly (PathwayStep | undefined)[],
  nodes: readonly (Node | null)[],
  declared: ReadonlySet<string>,
) {
  const byId = new Map<string, PathwayStep>();
  steps.forEach((step, i) => {
    if (step === undefined) return;
    if (byId.has(step.id)) reader.report(nodes[i], `step ${step.id}: the id is used twice`);
    byId.set(step.id, step);
  });
  const nodeOf = (id: string) => nodes[steps.findIndex((step) => step?.id === id)];
  for (const step of byId.values()) {
    if (step.trigger.kind === 'step-done' && !declared.has(step.trigger.stepId)) {
      reader.report(
        nodeOf(step.id),
        `step ${step.id}: trigger after-step "${step.trigger.stepId}" is not a step of this template`,
      );
    }
  }
  const reported = new Set<string>();
  for (const start of byId.values()) {
    const path: string[] = [];
    let current: PathwayStep | undefined = start;
    while (current !== undefined && current.trigger.kind === 'step-done') {
      if (path.includes(current.id)) {
        const cycle = path.slice(path.indexOf(current.id));
        const key = [...cycle].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          reader.report(
            nodeOf(current.id),
            `steps ${[...cycle, current.id].join(' → ')} trigger each other in a cycle: none could ever start`,
          );
        }
        break;
      }
      path.push(current.id);
      current = byId.get(current.trigger.stepId);
    }
  }
}
