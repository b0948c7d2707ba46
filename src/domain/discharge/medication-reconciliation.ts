/**
 * Medication reconciliation at discharge (HAS, "Mettre en œuvre la conciliation des traitements
 * médicamenteux en établissement de santé", 2018): the treatments the patient took before admission
 * and the discharge prescription, side by side, each line classified so that every difference is
 * either explained or corrected. Pure: the lists come in, the lines come out.
 */

export const RECONCILIATION_CLASSES = ['continued', 'changed', 'stopped', 'new'] as const;
export type ReconciliationClass = (typeof RECONCILIATION_CLASSES)[number];

/** A line of the pre-admission list: one of the record's medications. */
export interface PreAdmissionLine {
  readonly medicationId: string;
  readonly name: string;
  readonly atcCode: string | null;
  readonly dosage: string;
}

/** A line of the discharge prescription. */
export interface DischargeLine {
  readonly name: string;
  readonly atcCode: string | null;
  readonly dosage: string;
  readonly duration: string | null;
}

/** What the letter says of a treatment stopped during the stay, to prefill the reason. */
export interface StoppedWithReason {
  readonly name: string;
  readonly atcCode: string | null;
  readonly reason: string | null;
}

export interface ReconciliationLine {
  /** Stable across recomputations, so a reason typed in a draft stays on its line. */
  readonly key: string;
  readonly class: ReconciliationClass;
  readonly before: PreAdmissionLine | null;
  readonly after: DischargeLine | null;
  /** How lines were paired: by ATC code, by the normalised molecule name, or not at all. */
  readonly matchedBy: 'atc' | 'name' | null;
  readonly reason: string | null;
}

/**
 * The molecule part of a medication name, for matching when an ATC code is missing: accents and case
 * dropped, and everything from the first digit or comma on (strength, form) cut off, so "Ramipril
 * 5 mg, gélule" and "RAMIPRIL 10mg" are the same molecule.
 */
export function moleculeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[\d,(]/, 1)
    .join('')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/** Strengths in the name ("5 mg") and the dosage, normalised: two lines differ in dose when these do. */
export function doseSignature(line: { readonly name: string; readonly dosage: string }): string {
  const simplify = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/,/g, '.')
      .replace(/\s+/g, '');
  const strengths = simplify(line.name).match(/\d+(\.\d+)?[a-zµ/]*/g) ?? [];
  return `${strengths.join('+')}|${simplify(line.dosage)}`;
}

/**
 * Pairs the two lists (ATC code first, then the molecule name), and classifies: a pair with the same
 * dose and frequency is continued, a different one changed; an unpaired pre-admission line is
 * stopped (its reason prefilled from the letter's stopped treatments), an unpaired discharge line new.
 */
export function reconcile(
  preAdmission: readonly PreAdmissionLine[],
  discharge: readonly DischargeLine[],
  stopped: readonly StoppedWithReason[] = [],
): ReconciliationLine[] {
  const unpaired = new Map(discharge.map((line, index) => [index, line]));
  const pairs = new Map<PreAdmissionLine, { after: DischargeLine; by: 'atc' | 'name' }>();
  const pairBy = (by: 'atc' | 'name', same: (a: PreAdmissionLine, b: DischargeLine) => boolean) => {
    for (const before of preAdmission) {
      if (pairs.has(before)) continue;
      const match = [...unpaired].find(([, after]) => same(before, after));
      if (match === undefined) continue;
      pairs.set(before, { after: match[1], by });
      unpaired.delete(match[0]);
    }
  };
  pairBy('atc', (a, b) => a.atcCode !== null && a.atcCode === b.atcCode);
  pairBy('name', (a, b) => moleculeName(a.name) !== '' && moleculeName(a.name) === moleculeName(b.name));

  const lines: ReconciliationLine[] = preAdmission.map((before) => {
    const key = `med:${before.medicationId}`;
    const pair = pairs.get(before);
    if (pair === undefined) {
      const reason = stoppedReason(before, stopped);
      return { key, class: 'stopped', before, after: null, matchedBy: null, reason };
    }
    const same = doseSignature(before) === doseSignature(pair.after);
    return {
      key,
      class: same ? 'continued' : 'changed',
      before,
      after: pair.after,
      matchedBy: pair.by,
      reason: null,
    };
  });
  for (const [index, after] of unpaired) {
    const key = `new:${after.atcCode ?? moleculeName(after.name)}:${index}`;
    lines.push({ key, class: 'new', before: null, after, matchedBy: null, reason: null });
  }
  return lines;
}

function stoppedReason(before: PreAdmissionLine, stopped: readonly StoppedWithReason[]): string | null {
  const byAtc = stopped.find((line) => before.atcCode !== null && line.atcCode === before.atcCode);
  const byName = stopped.find((line) => moleculeName(line.name) === moleculeName(before.name));
  return (byAtc ?? byName)?.reason ?? null;
}

/** Keeps the reasons someone typed (by line key) over the prefilled ones; blank means "none". */
export function withReasons(
  lines: readonly ReconciliationLine[],
  reasons: ReadonlyMap<string, string | null>,
): ReconciliationLine[] {
  return lines.map((line) => {
    if (!reasons.has(line.key)) return line;
    const reason = reasons.get(line.key)?.trim() ?? '';
    return { ...line, reason: reason === '' ? null : reason };
  });
}

/** How many lines of each class, for the confirmation event and the transition checklist. */
export function classCounts(lines: readonly ReconciliationLine[]): Record<ReconciliationClass, number> {
  const counts = { continued: 0, changed: 0, stopped: 0, new: 0 };
  for (const line of lines) counts[line.class] += 1;
  return counts;
}
