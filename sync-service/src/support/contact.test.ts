import { describe, expect, it } from 'vitest';
import { parseSupportContact, supportContact, supportRealmAttributes } from './contact.js';

const valid = { email: 'support@procura.example', phone: '+41 21 555 01 23', hours: { fr: 'lundi–vendredi, 8 h–17 h', en: 'Monday–Friday, 8 am–5 pm' } };

describe('the support contact configuration', () => {
  it('reads the default file', () => {
    expect(supportContact({})).toEqual(valid);
  });

  it('keeps a well-formed contact', () => {
    expect(parseSupportContact(valid, 'support.json')).toEqual(valid);
  });

  it.each([
    [{ ...valid, email: 'not an address' }, '"email"'],
    [{ ...valid, email: undefined }, '"email"'],
    [{ ...valid, phone: ' ' }, '"phone"'],
    [{ ...valid, hours: { fr: 'lundi' } }, '"hours.en"'],
    [{ ...valid, hours: undefined }, '"hours.fr"'],
    [[], 'must be an object'],
  ])('refuses %j naming the file and the field', (value, field) => {
    expect(() => parseSupportContact(value, '/etc/procura/support.json')).toThrow(new RegExp(`^/etc/procura/support\\.json: .*${field.replace(/[.*"]/g, '\\$&')}`));
  });

  it('becomes the realm attributes the login theme reads', () => {
    expect(supportRealmAttributes(valid)).toEqual({
      'procura.support.email': 'support@procura.example',
      'procura.support.phone': '+41 21 555 01 23',
      'procura.support.hours.fr': 'lundi–vendredi, 8 h–17 h',
      'procura.support.hours.en': 'Monday–Friday, 8 am–5 pm',
    });
  });
});
