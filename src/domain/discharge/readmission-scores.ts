/**
 * Readmission risk at discharge, from /work/shared/reference/pathways_notes.md section 4.
 *
 * LACE (van Walraven et al., CMAJ 2010;182:551-7): L length of stay, A acute admission, C Charlson
 * index, E emergency-department visits in the previous 6 months; 0–19. The "≥ 10 is high risk"
 * cut-off is a literature convention, not from the paper: it is a configurable default here.
 *
 * HOSPITAL (Donzé et al., JAMA Intern Med 2013;173:632-8): Hb < 12 g/dL, Oncology service, Na < 135
 * mmol/L, any Procedure, Index admission urgent, Admissions in the previous 12 months, Length of stay
 * ≥ 5 days; 0–13, bands 0–4 low, 5–6 intermediate, ≥ 7 high. It needs both laboratory values: without
 * one of them the score is not given rather than guessed.
 */

/** The literature's LACE cut-off, used unless configured otherwise (RELAIS_LACE_HIGH_RISK_FROM). */
export const DEFAULT_LACE_HIGH_RISK_FROM = 10;

export interface ScoreItem {
  /** The score's letter: L, A, C, E for LACE; H, O, S, P, I, A, L for HOSPITAL. */
  readonly item: string;
  /** What the record gave, e.g. 8 (days), true (acute), 11.2 (g/dL). */
  readonly value: number | boolean;
  readonly points: number;
}

export interface LaceInput {
  readonly lengthOfStayDays: number;
  readonly acuteAdmission: boolean;
  readonly charlson: number;
  readonly emergencyVisits6Months: number;
}

export interface LaceScore {
  readonly total: number;
  readonly items: readonly ScoreItem[];
}

/** L: < 1 day 0, then 1, 2, 3 points for 1, 2, 3 days, 4 for 4–6, 5 for 7–13, 7 for 14 and more. */
export function lengthOfStayPoints(days: number): number {
  if (days < 1) return 0;
  if (days <= 3) return days;
  if (days <= 6) return 4;
  if (days <= 13) return 5;
  return 7;
}

export function laceScore(input: LaceInput): LaceScore {
  const items: ScoreItem[] = [
    { item: 'L', value: input.lengthOfStayDays, points: lengthOfStayPoints(input.lengthOfStayDays) },
    { item: 'A', value: input.acuteAdmission, points: input.acuteAdmission ? 3 : 0 },
    // Charlson 0–3 count as such, 4 and above as 5.
    { item: 'C', value: input.charlson, points: input.charlson >= 4 ? 5 : input.charlson },
    { item: 'E', value: input.emergencyVisits6Months, points: Math.min(input.emergencyVisits6Months, 4) },
  ];
  return { total: items.reduce((sum, { points }) => sum + points, 0), items };
}

export type LaceBand = 'high' | 'below-cutoff';

export function laceBand(total: number, highRiskFrom: number): LaceBand {
  return total >= highRiskFrom ? 'high' : 'below-cutoff';
}

/** A laboratory value as recorded: the unit decides whether and how it converts. */
export interface LabValue {
  readonly value: number;
  readonly unit: string | null;
}

export interface HospitalInput {
  /** The latest haemoglobin (LOINC 718-7) of the stay, or null. */
  readonly hemoglobin: LabValue | null;
  /** The latest sodium (LOINC 2951-2) of the stay, or null. */
  readonly sodium: LabValue | null;
  readonly oncologyService: boolean;
  readonly anyProcedure: boolean;
  readonly urgentAdmission: boolean;
  /** Hospital admissions in the 12 months before this one. */
  readonly admissions12Months: number;
  readonly lengthOfStayDays: number;
}

export type HospitalBand = 'low' | 'intermediate' | 'high';

export interface HospitalScore {
  readonly total: number;
  readonly band: HospitalBand;
  readonly items: readonly ScoreItem[];
}

/** Haemoglobin in g/dL: recorded in g/dL or g/L (French labs often use g/L); another unit is unread. */
export function hemoglobinGdl(value: LabValue): number | null {
  const unit = (value.unit ?? '').trim().toLowerCase();
  if (unit === 'g/dl') return value.value;
  if (unit === 'g/l') return value.value / 10;
  return null;
}

/** Sodium in mmol/L (mEq/L is the same number for a monovalent ion). */
export function sodiumMmol(value: LabValue): number | null {
  const unit = (value.unit ?? '').trim().toLowerCase();
  return unit === 'mmol/l' || unit === 'meq/l' ? value.value : null;
}

/** Admissions in the previous 12 months: 0–1 → 0, 2–5 → 2, more than 5 → 5. */
export function previousAdmissionPoints(admissions: number): number {
  if (admissions <= 1) return 0;
  if (admissions <= 5) return 2;
  return 5;
}

/** The HOSPITAL score, or null when haemoglobin or sodium is missing (or in a unit not read). */
export function hospitalScore(input: HospitalInput): HospitalScore | null {
  const hb = input.hemoglobin === null ? null : hemoglobinGdl(input.hemoglobin);
  const na = input.sodium === null ? null : sodiumMmol(input.sodium);
  if (hb === null || na === null) return null;
  const items: ScoreItem[] = [
    { item: 'H', value: hb, points: hb < 12 ? 1 : 0 },
    { item: 'O', value: input.oncologyService, points: input.oncologyService ? 2 : 0 },
    { item: 'S', value: na, points: na < 135 ? 1 : 0 },
    { item: 'P', value: input.anyProcedure, points: input.anyProcedure ? 1 : 0 },
    { item: 'I', value: input.urgentAdmission, points: input.urgentAdmission ? 1 : 0 },
    { item: 'A', value: input.admissions12Months, points: previousAdmissionPoints(input.admissions12Months) },
    { item: 'L', value: input.lengthOfStayDays, points: input.lengthOfStayDays >= 5 ? 2 : 0 },
  ];
  const total = items.reduce((sum, { points }) => sum + points, 0);
  return { total, band: hospitalBand(total), items };
}

export function hospitalBand(total: number): HospitalBand {
  if (total <= 4) return 'low';
  if (total <= 6) return 'intermediate';
  return 'high';
}
