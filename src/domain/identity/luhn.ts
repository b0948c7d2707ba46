/**
 * Luhn (mod 10) check over a string of decimal digits.
 *
 * Used as a *soft* check for RPPS and FINESS numbers, whose last digit
 * behaves like a Luhn key on real numbers but not on ANS test data
 * (reference french-health-it.md rows A7 and A9).
 */

/**
 * Returns true when `digits` is a non-empty string of ASCII digits whose
 * Luhn checksum is 0 (the rightmost digit is the check digit).
 * Any non-digit character, or an empty string, gives false.
 */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  // Walk from the right: every second digit (starting with the one left of
  // the check digit) is doubled, and 9 is subtracted when the result is > 9.
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
