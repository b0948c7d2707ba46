import { DomainError } from '../shared/domain-error.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/**
 * The password rules where a password is set (account creation, change). Relais defaults, configurable:
 * a long password rather than composition rules (NIST SP 800-63B §5.1.1.2 asks for a minimum length and
 * a blocklist of common values, not composition; ANSSI's guide "Recommandations relatives à
 * l'authentification multifacteur et aux mots de passe" (2021) favours length too). 12 is not an official
 * figure here, only the default.
 */
export interface PasswordPolicy {
  readonly minLength: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 12 };
/** Longer inputs only cost hashing time. */
export const MAX_PASSWORD_LENGTH = 200;

/** Why a password is refused; the web app words each code in French and English. */
export type PasswordProblem =
  | 'password-too-short'
  | 'password-too-long'
  | 'password-contains-login'
  | 'password-common'
  | 'password-unchanged';

/** The problems of a new password for `login` (empty: acceptable). */
export function passwordProblems(
  password: string,
  login: string,
  policy: PasswordPolicy,
  current?: string,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  // Characters as people count them (grapheme clusters), not UTF-16 units.
  const length = [...new Intl.Segmenter().segment(password)].length;
  if (length < policy.minLength) problems.push('password-too-short');
  if (length > MAX_PASSWORD_LENGTH) problems.push('password-too-long');
  const lower = password.toLowerCase();
  const name = login.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) problems.push('password-contains-login');
  if (isCommon(lower)) problems.push('password-common');
  if (current !== undefined && current === password) problems.push('password-unchanged');
  return problems;
}

/** Refuses a password with every problem named. Error: `invalid-input` (details: the problem codes). */
export function assertPasswordAcceptable(
  password: string,
  login: string,
  policy: PasswordPolicy,
  current?: string,
): void {
  const problems = passwordProblems(password, login, policy, current);
  if (problems.length === 0) return;
  const words: Record<PasswordProblem, string> = {
    'password-too-short': `it has fewer than ${policy.minLength} characters`,
    'password-too-long': `it has more than ${MAX_PASSWORD_LENGTH} characters`,
    'password-contains-login': 'it contains the login',
    'password-common': 'it is a very common password',
    'password-unchanged': 'it is the current password',
  };
  throw new DomainError(
    'invalid-input',
    `password refused: ${problems.map((problem) => words[problem]).join('; ')}`,
    problems,
  );
}

/**
 * A listed password, or one only padded with digits, symbols or repetition ("motdepasse2024!",
 * "azertyazerty"): what a guesser tries first.
 */
function isCommon(lower: string): boolean {
  const core = lower.replace(/[^\p{L}]+$/u, '').replace(/^[^\p{L}]+/u, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(core)) return true;
  const repeated = /^(.+?)\1+$/u.exec(lower)?.[1];
  if (repeated !== undefined && COMMON_PASSWORDS.has(repeated)) return true;
  return /^(.)\1*$/u.test(lower) || /^\d+$/u.test(lower);
}
