import { describe, expect, it } from 'vitest';
import { addressesToErase, pseudonym, retentionDays, scrubText, scrubValue } from './rules.js';

describe('the erasure of departed people (GDPR art. 17, decision 0047)', () => {
  const identity = { emails: ['lea.favre@example.test'], names: ['Léa Favre'] };
  const alias = 'Personne effacée 7f3a9c';

  it('R18: the retention is 90 days unless PROCURA_RETENTION_DAYS says otherwise; a bad value stops the start', () => {
    expect(retentionDays({})).toBe(90);
    expect(retentionDays({ PROCURA_RETENTION_DAYS: '30' })).toBe(30);
    expect(() => retentionDays({ PROCURA_RETENTION_DAYS: '0' })).toThrow(/PROCURA_RETENTION_DAYS/);
    expect(() => retentionDays({ PROCURA_RETENTION_DAYS: 'soon' })).toThrow(/PROCURA_RETENTION_DAYS/);
  });

  it('R32: the pseudonym is stable per person and key, and differs between people and keys', () => {
    expect(pseudonym('k', 'p1')).toMatch(/^Personne effacée [0-9a-f]{6}$/);
    expect(pseudonym('k', 'p1')).toBe(pseudonym('k', 'p1'));
    expect(pseudonym('k', 'p2')).not.toBe(pseudonym('k', 'p1'));
    expect(pseudonym('other', 'p1')).not.toBe(pseudonym('k', 'p1'));
  });

  it('R32: texts lose the e-mail in any case and the full name; others stay', () => {
    expect(scrubText('Léa Favre <LEA.FAVRE@example.test>', identity, alias)).toBe(`${alias} <${alias}>`);
    expect(scrubText('paul@example.test', identity, alias)).toBe('paul@example.test');
  });

  it("R32: an object that is the person's loses names, phone and birth date; another person's object keeps its own", () => {
    const before = {
      email: 'lea.favre@example.test',
      givenName: 'Léa',
      familyName: 'Favre',
      phone: '+41790000000',
      birthDate: '1980-02-03',
      role: 'member',
      rights: [{ service: 's', right: 'r' }],
    };
    expect(scrubValue(before, identity, alias)).toEqual({
      email: alias,
      givenName: alias,
      familyName: null,
      phone: null,
      birthDate: null,
      role: 'member',
      rights: [{ service: 's', right: 'r' }],
    });
    const other = { email: 'paul@example.test', givenName: 'Paul', invitedBy: 'lea.favre@example.test' };
    expect(scrubValue({ managers: [other] }, identity, alias)).toEqual({ managers: [{ email: 'paul@example.test', givenName: 'Paul', invitedBy: alias }] });
    expect(scrubValue({ givenName: 'Léa' }, identity, alias, true)).toEqual({ givenName: alias });
    expect(scrubValue(null, identity, alias)).toBeNull();
  });

  it('R32, issue 16 item 5 review: the addresses erased are those the person held (current, both ends of confirmed changes), never one only asked for, nor one another person holds today', () => {
    const changes = [
      { oldEmail: 'Lea.Old@example.test', newEmail: 'lea.favre@example.test', confirmed: true },
      { oldEmail: 'lea.favre@example.test', newEmail: 'paul@example.test', confirmed: false },
    ];
    expect(addressesToErase('lea.favre@example.test', changes, []).sort()).toEqual(['lea.favre@example.test', 'lea.old@example.test']);
    // The old address was taken since (or invited): it is the other person's now.
    expect(addressesToErase(' LEA.FAVRE@example.test', changes, ['lea.old@example.test'])).toEqual(['lea.favre@example.test']);
  });

  it('R32, issue 16 item 5 review: in the entries about the person, the phone for login codes and the pending or changed addresses go too', () => {
    const after = {
      codePhone: '+41790000001',
      codeChannel: 'sms',
      pendingEmail: 'paul@example.test',
      phone: '+41790000000',
      birthDate: '1980-02-03',
      givenName: 'Léa',
      familyName: 'Favre',
      civility: 'ms',
    };
    expect(scrubValue(after, identity, alias, true)).toEqual({
      codePhone: null,
      codeChannel: 'sms',
      pendingEmail: alias,
      phone: null,
      birthDate: null,
      givenName: alias,
      familyName: null,
      civility: null,
    });
    expect(scrubValue({ email: 'lea.favre@example.test', newEmail: 'lea.new@example.test', oldEmail: 'lea.x@example.test' }, identity, alias)).toEqual({
      email: alias,
      newEmail: alias,
      oldEmail: alias,
    });
    // Another person's object keeps its addresses and code phone.
    expect(scrubValue({ email: 'paul@example.test', pendingEmail: 'paul2@example.test', codePhone: '+41790000002' }, identity, alias)).toEqual({
      email: 'paul@example.test',
      pendingEmail: 'paul2@example.test',
      codePhone: '+41790000002',
    });
  });
});
