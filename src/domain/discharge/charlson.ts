/**
 * The Charlson comorbidity index (Charlson et al., J Chronic Dis 1987;40:373-83: the 17 categories and
 * their weights, without the age points, as LACE's "C" uses it — van Walraven, CMAJ 2010;182:551-7),
 * read from ICD-10 codes with the coding algorithm of Quan et al., Med Care 2005;43:1130-9 (table 1,
 * "enhanced ICD-10"). A code counts when it starts with one of a category's prefixes (dots ignored).
 *
 * Only ICD-10 is read: the record's problems are ICD-10 coded (demo-catalog.ts holds no SNOMED CT), and
 * a SNOMED CT problem is not counted — which can only under-estimate the index, and the risk panel says
 * which categories were found.
 */

export const CHARLSON_CATEGORIES = [
  'myocardial-infarction',
  'heart-failure',
  'peripheral-vascular',
  'cerebrovascular',
  'dementia',
  'chronic-pulmonary',
  'rheumatic',
  'peptic-ulcer',
  'mild-liver',
  'diabetes',
  'diabetes-complicated',
  'hemiplegia',
  'renal',
  'malignancy',
  'severe-liver',
  'metastatic-tumour',
  'hiv-aids',
] as const;
export type CharlsonCategory = (typeof CHARLSON_CATEGORIES)[number];

/** The codes from `first` to `last`, same letter and length, e.g. range('C00', 'C26'), range('N032', 'N037'). */
function range(first: string, last: string): string[] {
  const letter = first.charAt(0);
  const digits = first.length - 1;
  const from = Number(first.slice(1));
  const to = Number(last.slice(1));
  return Array.from(
    { length: to - from + 1 },
    (_, i) => `${letter}${String(from + i).padStart(digits, '0')}`,
  );
}

/** The diabetes codes of E10–E14 whose fourth character is one of `fourth`. */
const diabetes = (fourth: readonly number[]): string[] =>
  range('E10', 'E14').flatMap((code) => fourth.map((digit) => `${code}${digit}`));

const CATEGORIES: Readonly<Record<CharlsonCategory, { weight: number; prefixes: readonly string[] }>> = {
  'myocardial-infarction': { weight: 1, prefixes: ['I21', 'I22', 'I252'] },
  'heart-failure': {
    weight: 1,
    prefixes: [
      'I099',
      'I110',
      'I130',
      'I132',
      'I255',
      'I420',
      ...range('I425', 'I429'),
      'I43',
      'I50',
      'P290',
    ],
  },
  'peripheral-vascular': {
    weight: 1,
    prefixes: [
      'I70',
      'I71',
      'I731',
      'I738',
      'I739',
      'I771',
      'I790',
      'I792',
      'K551',
      'K558',
      'K559',
      'Z958',
      'Z959',
    ],
  },
  cerebrovascular: { weight: 1, prefixes: ['G45', 'G46', 'H340', ...range('I60', 'I69')] },
  dementia: { weight: 1, prefixes: [...range('F00', 'F03'), 'F051', 'G30', 'G311'] },
  'chronic-pulmonary': {
    weight: 1,
    prefixes: ['I278', 'I279', ...range('J40', 'J47'), ...range('J60', 'J67'), 'J684', 'J701', 'J703'],
  },
  rheumatic: { weight: 1, prefixes: ['M05', 'M06', 'M315', 'M32', 'M33', 'M34', 'M351', 'M353', 'M360'] },
  'peptic-ulcer': { weight: 1, prefixes: range('K25', 'K28') },
  'mild-liver': {
    weight: 1,
    prefixes: [
      'B18',
      ...range('K700', 'K703'),
      'K709',
      ...range('K713', 'K715'),
      'K717',
      'K73',
      'K74',
      'K760',
      ...range('K762', 'K764'),
      'K768',
      'K769',
      'Z944',
    ],
  },
  diabetes: { weight: 1, prefixes: diabetes([0, 1, 6, 8, 9]) },
  'diabetes-complicated': { weight: 2, prefixes: diabetes([2, 3, 4, 5, 7]) },
  hemiplegia: {
    weight: 2,
    prefixes: ['G041', 'G114', 'G801', 'G802', 'G81', 'G82', ...range('G830', 'G834'), 'G839'],
  },
  renal: {
    weight: 2,
    prefixes: [
      'I120',
      'I131',
      ...range('N032', 'N037'),
      ...range('N052', 'N057'),
      'N18',
      'N19',
      'N250',
      ...range('Z490', 'Z492'),
      'Z940',
      'Z992',
    ],
  },
  malignancy: {
    weight: 2,
    prefixes: [
      ...range('C00', 'C26'),
      ...range('C30', 'C34'),
      ...range('C37', 'C41'),
      'C43',
      ...range('C45', 'C58'),
      ...range('C60', 'C76'),
      ...range('C81', 'C85'),
      'C88',
      ...range('C90', 'C97'),
    ],
  },
  'severe-liver': {
    weight: 3,
    prefixes: ['I850', 'I859', 'I864', 'I982', 'K704', 'K711', 'K721', 'K729', 'K765', 'K766', 'K767'],
  },
  'metastatic-tumour': { weight: 6, prefixes: range('C77', 'C80') },
  'hiv-aids': { weight: 6, prefixes: ['B20', 'B21', 'B22', 'B24'] },
};

/** Charlson's hierarchy: the severe form of a disease replaces its mild form, never adds to it. */
const REPLACES: readonly (readonly [CharlsonCategory, CharlsonCategory])[] = [
  ['diabetes-complicated', 'diabetes'],
  ['severe-liver', 'mild-liver'],
  ['metastatic-tumour', 'malignancy'],
];

export interface CharlsonResult {
  readonly score: number;
  readonly categories: readonly { readonly category: CharlsonCategory; readonly weight: number }[];
}

/** The index of a patient's active problems; codes of other systems are not read (see above). */
export function charlsonIndex(
  conditions: readonly { readonly codeSystem: string; readonly code: string }[],
): CharlsonResult {
  const found = new Set<CharlsonCategory>();
  for (const condition of conditions) {
    if (condition.codeSystem !== 'ICD-10') continue;
    const code = condition.code.replace('.', '').toUpperCase();
    for (const category of CHARLSON_CATEGORIES) {
      if (CATEGORIES[category].prefixes.some((prefix) => code.startsWith(prefix))) found.add(category);
    }
  }
  for (const [severe, mild] of REPLACES) if (found.has(severe)) found.delete(mild);
  const categories = CHARLSON_CATEGORIES.filter((category) => found.has(category)).map((category) => ({
    category,
    weight: CATEGORIES[category].weight,
  }));
  return { score: categories.reduce((sum, { weight }) => sum + weight, 0), categories };
}
