/**
 * Check-digit arithmetic behind the organization identifiers (rule R6). Pure functions on strings of
 * ASCII digits; callers check the shape first.
 */

/**
 * Luhn sum of a digit string: from the right, every second digit is doubled and, when the double
 * exceeds 9, reduced by 9. The number is valid when the sum is a multiple of 10.
 *
 * @see https://fr.wikipedia.org/wiki/Formule_de_Luhn
 */
export function luhnSum(digits: string): number {
  let sum = 0;
  for (let fromRight = 0; fromRight < digits.length; fromRight++) {
    const digit = Number(digits[digits.length - 1 - fromRight]);
    const weighted = fromRight % 2 === 1 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return sum;
}

/** Whether a digit string passes the Luhn check (SIREN, SIRET). */
export function passesLuhn(digits: string): boolean {
  return luhnSum(digits) % 10 === 0;
}

/** Plain sum of the digits (La Poste's SIRET rule). */
export function digitSum(digits: string): number {
  let sum = 0;
  for (const digit of digits) sum += Number(digit);
  return sum;
}

const UID_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4] as const;

/**
 * Check digit of a Swiss UID (IDE) from its first eight digits: weights 5,4,3,2,7,6,5,4, then
 * `11 - (sum mod 11)`, where 11 stands for 0 and 10 means that no valid UID has these eight digits
 * (returns `undefined`).
 *
 * @see https://www.ech.ch/de/ech/ech-0097 (eCH-0097, UID data standard, check digit)
 * @see https://www.uid.admin.ch
 */
export function uidCheckDigit(firstEightDigits: string): number | undefined {
  let sum = 0;
  UID_WEIGHTS.forEach((weight, position) => {
    sum += weight * Number(firstEightDigits[position]);
  });
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}
