import { isMap, isScalar, type Node } from 'yaml';
import { isEventType, type EventType } from '../journal/domain-event.ts';
import {
  NUMERIC_OPERATORS,
  type Condition,
  type FieldTest,
  type NumericTest,
  type Threshold,
} from './rule-set.ts';
import type { YamlReader } from './yaml-reader.ts';

// LOINC codes are digits, a dash and a check digit (loinc.org "LOINC code structure").
export const LOINC = { regex: /^\d{1,7}-\d$/, expected: 'a LOINC code such as 4548-4' };
const TARGET_NAME = { regex: /^[a-z][a-z0-9-]{0,39}$/, expected: 'a target name such as hba1c' };
const CODE_PREFIX = { regex: /^[A-Z][0-9A-Z.]{0,7}$/, expected: 'an ICD-10 code or prefix such as I50' };
const FIELD = { regex: /^[A-Za-z][A-Za-z0-9]{0,39}$/, expected: 'a payload field name' };
const CONDITION_KINDS = [
  'all',
  'any',
  'not',
  'event',
  'latest-results',
  'trend',
  'count-events',
  'count-results',
  'has-condition',
  'absent',
];

/** Reads one condition node (`all:`, `latest-results:`, …); undefined when it has problems (reported). */
export function readCondition(reader: YamlReader, node: Node | null, where: string): Condition | undefined {
  const tagged = reader.tagged(node, where);
  if (tagged === undefined) return undefined;
  const { tag, value } = tagged;
  const at = `${where}.${tag}`;
  switch (tag) {
    case 'all':
    case 'any': {
      const items = reader.list(value, at);
      if (items === undefined) return undefined;
      const of = items.map((item, index) => readCondition(reader, item, `${at}[${index}]`));
      return of.every((c) => c !== undefined) ? { kind: tag, of } : undefined;
    }
    case 'not': {
      const condition = readCondition(reader, value, at);
      return condition === undefined ? undefined : { kind: 'not', condition };
    }
    case 'event': {
      const fields = reader.fields(value, at, { required: ['field'], optional: [...FIELD_OPERATORS] });
      if (fields === undefined) return undefined;
      const field = reader.text(fields.get('field'), `${at}.field`, FIELD);
      const test = readFieldTest(reader, value, fields, at);
      return field === undefined || test === undefined ? undefined : { kind: 'event', field, test };
    }
    case 'latest-results': {
      const fields = reader.fields(value, at, {
        required: ['code'],
        optional: ['count', ...NUMERIC_OPERATORS],
      });
      if (fields === undefined) return undefined;
      const code = reader.text(fields.get('code'), `${at}.code`, LOINC);
      const count = fields.has('count') ? reader.integer(fields.get('count'), `${at}.count`, 1, 20) : 1;
      const test = readNumericTest(reader, value, fields, at, true);
      if (code === undefined || count === undefined || test === undefined) return undefined;
      return { kind: 'latest-results', code, count, test };
    }
    case 'trend': {
      const fields = reader.fields(value, at, {
        required: ['code', 'within'],
        optional: ['rises-by-more-than', 'falls-by-more-than'],
      });
      if (fields === undefined) return undefined;
      const code = reader.text(fields.get('code'), `${at}.code`, LOINC);
      const within = reader.duration(fields.get('within'), `${at}.within`);
      const rise = fields.has('rises-by-more-than');
      if (rise === fields.has('falls-by-more-than')) {
        reader.report(value, `${at}: give exactly one of "rises-by-more-than" and "falls-by-more-than"`);
        return;
      }
      const key = rise ? 'rises-by-more-than' : 'falls-by-more-than';
      const byMoreThan = reader.number(fields.get(key), `${at}.${key}`);
      if (byMoreThan !== undefined && byMoreThan <= 0) {
        reader.report(fields.get(key), `${at}.${key} must be above 0`);
        return;
      }
      if (code === undefined || within === undefined || byMoreThan === undefined) return undefined;
      return { kind: 'trend', code, within, direction: rise ? 'rise' : 'fall', byMoreThan };
    }
    case 'count-events': {
      const fields = reader.fields(value, at, { required: ['type', 'within'], optional: NUMERIC_OPERATORS });
      if (fields === undefined) return undefined;
      const type = readEventType(reader, fields.get('type'), `${at}.type`);
      const within = reader.duration(fields.get('within'), `${at}.within`);
      const test = readNumericTest(reader, value, fields, at, false);
      if (type === undefined || within === undefined || test === undefined) return undefined;
      return { kind: 'count-events', type, within, test };
    }
    case 'count-results': {
      const fields = reader.fields(value, at, { required: ['code', 'within'], optional: NUMERIC_OPERATORS });
      if (fields === undefined) return undefined;
      const code = reader.text(fields.get('code'), `${at}.code`, LOINC);
      const within = reader.duration(fields.get('within'), `${at}.within`);
      const test = readNumericTest(reader, value, fields, at, false);
      if (code === undefined || within === undefined || test === undefined) return undefined;
      return { kind: 'count-results', code, within, test };
    }
    case 'has-condition': {
      const fields = reader.fields(value, at, { required: ['codes'], optional: ['label'] });
      if (fields === undefined) return undefined;
      const items = reader.list(fields.get('codes'), `${at}.codes`);
      const codes = items?.map((item, index) => reader.text(item, `${at}.codes[${index}]`, CODE_PREFIX));
      const label = fields.has('label') ? reader.localized(fields.get('label'), `${at}.label`) : null;
      if (codes === undefined || !codes.every((c) => c !== undefined) || label === undefined)
        return undefined;
      return { kind: 'has-condition', codes, label };
    }
    case 'absent': {
      const fields = reader.fields(value, at, { required: ['type', 'within'] });
      if (fields === undefined) return undefined;
      const type = readEventType(reader, fields.get('type'), `${at}.type`);
      const within = reader.duration(fields.get('within'), `${at}.within`);
      return type === undefined || within === undefined ? undefined : { kind: 'absent', type, within };
    }
    default: {
      reader.report(
        tagged.at,
        `${where}: unknown condition "${tag}"; expected one of ${CONDITION_KINDS.join(', ')}`,
      );
      return;
    }
  }
}

const FIELD_OPERATORS = ['is', 'is-not', 'in', ...NUMERIC_OPERATORS] as const;

export function readEventType(
  reader: YamlReader,
  node: Node | null | undefined,
  where: string,
): EventType | undefined {
  const type = reader.text(node, where);
  if (type === undefined) return undefined;
  if (!isEventType(type)) {
    reader.report(node, `${where}: "${type}" is not an event type of the journal`);
    return;
  }
  return type;
}

/** The one operator a comparison carries, among `operators`, with its node. */
function operatorOf(
  reader: YamlReader,
  mapping: Node | null,
  fields: Map<string, Node | null>,
  operators: readonly string[],
  where: string,
): { op: string; node: Node | null } | undefined {
  const present = operators.filter((op) => fields.has(op));
  const [op] = present;
  if (op === undefined || present.length > 1) {
    reader.report(mapping, `${where}: give exactly one comparison among ${operators.join(', ')}`);
    return;
  }
  return { op, node: fields.get(op) ?? null };
}

function readNumericTest(
  reader: YamlReader,
  mapping: Node | null,
  fields: Map<string, Node | null>,
  where: string,
  allowTarget: boolean,
): NumericTest | undefined {
  const found = operatorOf(reader, mapping, fields, NUMERIC_OPERATORS, where);
  if (found === undefined) return undefined;
  const threshold = readThreshold(reader, found.node, `${where}.${found.op}`, allowTarget);
  return threshold === undefined ? undefined : { op: found.op as NumericTest['op'], threshold };
}

function readFieldTest(
  reader: YamlReader,
  mapping: Node | null,
  fields: Map<string, Node | null>,
  where: string,
): FieldTest | undefined {
  const found = operatorOf(reader, mapping, fields, FIELD_OPERATORS, where);
  if (found === undefined) return undefined;
  const at = `${where}.${found.op}`;
  switch (found.op) {
    case 'is':
    case 'is-not': {
      const value = scalarValue(found.node);
      if (value === undefined) {
        reader.report(found.node, `${at} must be a text, a number or true/false`);
        return;
      }
      return { op: found.op, value };
    }
    case 'in': {
      const items = reader.list(found.node, at);
      const values = items?.map((item) => scalarValue(item));
      if (values === undefined || values.some((v) => v === undefined || typeof v === 'boolean')) {
        reader.report(found.node, `${at} must be a list of texts or numbers`);
        return;
      }
      return { op: 'in', values: values as (string | number)[] };
    }
    default: {
      const threshold = readThreshold(reader, found.node, at, true);
      return threshold === undefined ? undefined : { op: found.op as NumericTest['op'], threshold };
    }
  }
}

/** A number, or `{ target: hba1c, default: 7 }` for the patient's own target. */
function readThreshold(
  reader: YamlReader,
  node: Node | null,
  where: string,
  allowTarget: boolean,
): Threshold | undefined {
  if (!allowTarget || !isMap(node)) {
    const value = reader.number(node, where);
    return value === undefined ? undefined : { kind: 'value', value };
  }
  const fields = reader.fields(node, where, { required: ['target', 'default'] });
  if (fields === undefined) return undefined;
  const name = reader.text(fields.get('target'), `${where}.target`, TARGET_NAME);
  const fallback = reader.number(fields.get('default'), `${where}.default`);
  return name === undefined || fallback === undefined
    ? undefined
    : { kind: 'target', name, default: fallback };
}

function scalarValue(node: Node | null | undefined): string | number | boolean | undefined {
  const value: unknown = isScalar(node) ? node.value : undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : undefined;
}
