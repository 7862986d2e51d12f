import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkMailSecurityKey } from './mail-security-key.js';

describe('R23: the mail security key', () => {
  it('has 8 to 64 characters, trimmed; null removes it', () => {
    expect(checkMailSecurityKey('  GE-7788-KEY ')).toBe('GE-7788-KEY');
    expect(checkMailSecurityKey(null)).toBeNull();
    expect(refusalOf(checkMailSecurityKey('short'))).toBe('422 organization.mail_security_key /key');
    expect(refusalOf(checkMailSecurityKey('x'.repeat(65)))).toBe('422 organization.mail_security_key /key');
  });
});
