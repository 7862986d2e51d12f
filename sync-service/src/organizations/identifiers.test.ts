import { describe, it, expect } from 'vitest';
import { uidCheckDigit } from './check-digits.js';
import { detectIdentifierKind, parseIdentifier, sirenOfSiret } from './identifiers.js';
import type { IdentifierErrorCode, IdentifierKind, IdentifierResult } from './identifiers.js';

function valueOf(result: IdentifierResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.value;
}

function codeOf(result: IdentifierResult): IdentifierErrorCode {
  if (result.ok) throw new Error(`expected a refusal, got ${result.value.normalized}`);
  return result.error.code;
}

describe('R6 Swiss UID (IDE): form and mod-11 check digit', () => {
  // Public UIDs (python-stdnum's list of numbers found online, and CHE-101.329.561), checked by hand
  // with weights 5,4,3,2,7,6,5,4 on the first eight digits:
  it.each([
    // 5+0+3+6+14+54+25+24 = 131; 131 mod 11 = 10; 11 - 10 = 1
    ['CHE-101.329.561', 'CHE101329561'],
    // 5+4+9+0+28+12+45+16 = 119; 119 mod 11 = 9; 11 - 9 = 2
    ['CHE-113.042.942', 'CHE113042942'],
    // 5+4+18+0+42+48+15+24 = 156; 156 mod 11 = 2; 11 - 2 = 9
    ['CHE-116.068.369', 'CHE116068369'],
  ])('R6 accepts the real UID %s', (raw, normalized) => {
    expect(valueOf(parseIdentifier('uid', raw))).toEqual({ kind: 'uid', normalized, display: raw });
  });

  it('R6 reads 11 as check digit 0 (CHE-116.068.180: sum 154 = 14 × 11)', () => {
    expect(valueOf(parseIdentifier('uid', 'CHE-116.068.180')).normalized).toBe('CHE116068180');
  });

  it.each([
    '  CHE-101.329.561  ',
    'CHE101329561',
    'che-101.329.561',
    'CHE 101 329 561',
    'CHE-101.329.561 MWST',
    'che-101.329.561 tva',
    'CHE-101.329.561 IVA',
    'CHE101329561MWST',
  ])('R6 normalizes the messy UID %j', (raw) => {
    expect(valueOf(parseIdentifier('uid', raw))).toEqual({
      kind: 'uid',
      normalized: 'CHE101329561',
      display: 'CHE-101.329.561',
    });
  });

  it('R6 refuses a UID whose check digit does not match', () => {
    expect(codeOf(parseIdentifier('uid', 'CHE-101.329.562'))).toBe('identifier.check_digit');
    expect(codeOf(parseIdentifier('uid', 'CHE-101.329.560'))).toBe('identifier.check_digit');
  });

  it('R6 gives no check digit when 11 - (sum mod 11) is 10 (11304292: sum 111)', () => {
    // 5+4+9+0+28+12+45+8 = 111; 111 mod 11 = 1; 11 - 1 = 10: no UID starts with these digits.
    expect(uidCheckDigit('11304292')).toBeUndefined();
    expect(uidCheckDigit('11606818')).toBe(0);
    expect(uidCheckDigit('10132956')).toBe(1);
  });

  it('R6 refuses every UID whose first eight digits leave remainder 10 (CHE-113.042.92x)', () => {
    for (let last = 0; last <= 9; last++) {
      expect(codeOf(parseIdentifier('uid', `CHE-113.042.92${last}`))).toBe('identifier.check_digit');
    }
  });

  it.each(['', '101.329.561', 'CHE-101.329.56', 'CHE-101.329.5611', 'CHE-10A.329.561', 'DE-101.329.561', 'CHE-101.329.561 HR'])(
    'R6 refuses the malformed UID %j with the expected form',
    (raw) => {
      const result = parseIdentifier('uid', raw);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'identifier.format',
          field: 'identifier',
          messages: {
            fr: 'Le numéro IDE doit avoir la forme CHE-123.456.789.',
            en: 'The UID must look like CHE-123.456.789.',
          },
        },
      });
    },
  );
});

describe('R6 French SIRET: 14 digits, Luhn, La Poste exception', () => {
  it.each([
    ['20003452800014', '200 034 528 00014'],
    ['73282932000074', '732 829 320 00074'],
    ['54209732400066', '542 097 324 00066'],
  ])('R6 accepts the real SIRET %s', (raw, display) => {
    expect(valueOf(parseIdentifier('siret', raw))).toEqual({ kind: 'siret', normalized: raw, display });
  });

  it.each([' 200 034 528 00014 ', '200034528 00014', '200\u00a0034\u00a0528\u00a000014', '200\u202f034\u202f528\u202f00014'])(
    'R6 normalizes the SIRET typed with spaces %j',
    (raw) => {
      expect(valueOf(parseIdentifier('siret', raw)).normalized).toBe('20003452800014');
    },
  );

  it('R6 refuses a SIRET that fails Luhn (INSEE example 20003452800041)', () => {
    expect(codeOf(parseIdentifier('siret', '20003452800041'))).toBe('identifier.check_digit');
  });

  it('R6 refuses a SIRET that passes Luhn on 14 digits when its SIREN does not', () => {
    // 200034582 fails Luhn; 20003458200003 passes it as a whole.
    expect(codeOf(parseIdentifier('siret', '20003458200003'))).toBe('identifier.check_digit');
  });

  it.each(['356 000 000 09075', '35600000049837', '35600000000048'])('R6 accepts the La Poste SIRET %s (digit sum a multiple of 5, or Luhn)', (raw) => {
    expect(valueOf(parseIdentifier('siret', raw)).normalized).toBe(raw.replace(/\s/g, ''));
  });

  it.each(['35600000009076', '35600000049838'])('R6 refuses the La Poste SIRET %s (digit sum not a multiple of 5)', (raw) => {
    expect(codeOf(parseIdentifier('siret', raw))).toBe('identifier.check_digit');
  });

  it('R6 keeps the La Poste exception to SIREN 356000000', () => {
    // Digit sum 40, a multiple of 5, but Luhn fails and the SIREN is not La Poste's.
    expect(codeOf(parseIdentifier('siret', '73282932000004'))).toBe('identifier.check_digit');
  });

  it.each(['', '2000345280001', '200034528000140', '200.034.528.00014', '2000345280001A'])('R6 refuses the malformed SIRET %j', (raw) => {
    expect(codeOf(parseIdentifier('siret', raw))).toBe('identifier.format');
  });
});

describe('R6 French SIREN: 9 digits, Luhn', () => {
  it.each([
    ['200034528', '200034528', '200 034 528'],
    [' 732 829 320 ', '732829320', '732 829 320'],
    ['356000000', '356000000', '356 000 000'],
  ])('R6 accepts the SIREN %j', (raw, normalized, display) => {
    expect(valueOf(parseIdentifier('siren', raw))).toEqual({ kind: 'siren', normalized, display });
  });

  it('R6 refuses a SIREN that fails Luhn (INSEE example 200034582)', () => {
    expect(codeOf(parseIdentifier('siren', '200034582'))).toBe('identifier.check_digit');
  });

  it.each(['', '20003452', '2000345280', '20003452A'])('R6 refuses the malformed SIREN %j', (raw) => {
    expect(codeOf(parseIdentifier('siren', raw))).toBe('identifier.format');
  });
});

describe('R6 Swiss affiliate number: 3 to 12 digits, no check digit', () => {
  it.each([
    ['123.456', '123456'],
    ['12-345-678', '12345678'],
    ['  1234  ', '1234'],
    ['12 345', '12345'],
    ['007', '007'],
    ['1234.5678.9012', '123456789012'],
  ])('R6 accepts and normalizes the affiliate number %j', (raw, normalized) => {
    expect(valueOf(parseIdentifier('affiliate', raw))).toEqual({ kind: 'affiliate', normalized, display: normalized });
  });

  it.each(['', '12', '1.2', '1234567890123', '12..34', '.123', '123-', 'A123', '123/456'])(
    'R6 refuses the malformed affiliate number %j and says where to find it',
    (raw) => {
      const result = parseIdentifier('affiliate', raw);
      expect(codeOf(result)).toBe('identifier.format');
      expect(result.ok ? '' : result.error.messages.fr).toContain('caisse de compensation');
    },
  );
});

describe('R6 identifier kinds and errors', () => {
  it.each(['iban', 'toString', '__proto__', ''])('R6 refuses the unknown kind %j', (kind) => {
    expect(codeOf(parseIdentifier(kind as IdentifierKind, '123456'))).toBe('identifier.kind');
  });

  it.each([
    ['uid', 'x'],
    ['uid', 'CHE-101.329.562'],
    ['siret', 'x'],
    ['siret', '20003452800041'],
    ['siren', 'x'],
    ['siren', '200034582'],
    ['affiliate', 'x'],
    ['iban', 'x'],
  ] as const)('R6 names the field and explains in French and English (%s %j)', (kind, raw) => {
    const result = parseIdentifier(kind as IdentifierKind, raw);
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error.field).toBe('identifier');
    expect(result.error.messages.fr).toMatch(/\.$/);
    expect(result.error.messages.en).toMatch(/\.$/);
    expect(result.error.messages.fr).not.toBe(result.error.messages.en);
  });

  it.each([
    ['uid', 'che 101 329 561 tva'],
    ['siret', ' 356 000 000 09075'],
    ['siren', '732829320'],
    ['affiliate', '12-345'],
  ] as const)('R6 parses the display form of a %s back to the same identifier', (kind, raw) => {
    const first = valueOf(parseIdentifier(kind, raw));
    expect(valueOf(parseIdentifier(kind, first.display))).toEqual(first);
  });
});

describe('R6 kind detection from the shape', () => {
  it.each([
    ['CHE-101.329.561', 'uid'],
    [' che101329561 mwst', 'uid'],
    ['CHE-000', 'uid'],
    ['200 034 528 00014', 'siret'],
    ['20003452800041', 'siret'],
    ['200034528', 'siren'],
    ['732 829 320', 'siren'],
    ['123.456', 'affiliate'],
    ['12-345-678', 'affiliate'],
    ['1234', 'affiliate'],
    ['hello', undefined],
    ['', undefined],
    ['12', undefined],
    ['1234567890123', undefined],
    ['200.034.528.00014', undefined],
  ] as const)('R6 detects %j as %s', (raw, kind) => {
    expect(detectIdentifierKind(raw)).toBe(kind);
  });
});

describe('R6 SIREN of a SIRET (establishments share their company SIREN)', () => {
  it('R6 takes the first nine digits of a SIRET', () => {
    expect(sirenOfSiret('20003452800014')).toBe('200034528');
  });

  it('R6 gives one SIREN for two establishments of La Poste', () => {
    expect(sirenOfSiret('356 000 000 09075')).toBe('356000000');
    expect(sirenOfSiret('35600000049837')).toBe('356000000');
  });

  it.each(['200034528', '2000345280001A', ''])('R6 throws on %j, which is no SIRET', (raw) => {
    expect(() => sirenOfSiret(raw)).toThrow(RangeError);
  });
});
