import { isSeq, type Node } from 'yaml';
import { createYamlReader, formatProblem, type YamlReader } from '../rules/yaml-reader.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { ExamValidity } from './exam-repeat.ts';

const ID = { regex: /^[a-z][a-z0-9-]{0,59}$/, expected: 'an id in lower-case words joined by dashes' };
const LOINC = { regex: /^\d{1,7}-\d$/, expected: 'a LOINC code' };
const MAX_VALIDITY_DAYS = 3650;

/**
 * Reads the exams' validity windows (data/exam-validity.yaml). Error: `invalid-input` listing every
 * problem as `file:line:column: message`, so a bad file stops the start with words that point at it.
 */
export function parseExamValidity(text: string, file: string): ExamValidity[] {
  const reader = createYamlReader(text, file);
  const fields =
    reader.root === null ? undefined : reader.fields(reader.root, 'the file', { required: ['exams'] });
  const items = fields === undefined ? undefined : reader.list(fields.get('exams'), 'exams');
  const exams = items?.map((item, index) => readExam(reader, item, `exams[${index}]`)) ?? [];
  const codes = new Map<string, string>();
  for (const [index, exam] of exams.entries()) {
    for (const code of exam?.codes ?? []) {
      const owner = codes.get(code);
      if (owner !== undefined)
        reader.report(items?.[index], `exams[${index}]: the code ${code} already names ${owner}`);
      codes.set(code, exam?.id ?? '');
    }
  }
  if (reader.problems.length === 0 && exams.length === 0)
    reader.report(reader.root, 'the file lists no exam');
  if (reader.problems.length > 0) {
    const problems = reader.problems.map(formatProblem);
    throw new DomainError('invalid-input', `exam validity windows refused: ${problems.join('; ')}`, problems);
  }
  return exams.filter((exam) => exam !== undefined);
}

function readExam(reader: YamlReader, node: Node | null, where: string): ExamValidity | undefined {
  const fields = reader.fields(node, where, {
    required: ['id', 'label', 'codes', 'validityDays', 'officialRule', 'source'],
    optional: ['unverifiedCodes'],
  });
  if (fields === undefined) return undefined;
  const id = reader.text(fields.get('id'), `${where}.id`, ID);
  const label = reader.localized(fields.get('label'), `${where}.label`);
  const codeNodes = reader.list(fields.get('codes'), `${where}.codes`);
  const codes = codeNodes?.map((code, i) => reader.text(code, `${where}.codes[${i}]`, LOINC));
  const unverified = fields.get('unverifiedCodes');
  if (unverified !== undefined && !isSeq(unverified))
    reader.report(unverified, `${where}.unverifiedCodes must be a list`);
  const validityDays = reader.integer(
    fields.get('validityDays'),
    `${where}.validityDays`,
    1,
    MAX_VALIDITY_DAYS,
  );
  const officialRule = reader.boolean(fields.get('officialRule'), `${where}.officialRule`);
  const source = reader.text(fields.get('source'), `${where}.source`);
  if (
    id === undefined ||
    label === undefined ||
    codes === undefined ||
    !codes.every((code) => code !== undefined) ||
    validityDays === undefined ||
    officialRule === undefined ||
    source === undefined
  ) {
    return undefined;
  }
  return { id, label, codes, validityDays, officialRule, source };
}
