import { describe, expect, it } from 'vitest';
import { supportContact, supportRealmAttributes } from './contact.js';

const valid = { email: 'support@procura.example', phone: '+41 21 555 01 23', hours: { fr: 'lundi–vendredi, 8 h–17 h', en: 'Monday–Friday, 8 am–5 pm' } };

describe('the support contact configuration', () => {
  it("is the default profile's", () => {
    expect(supportContact()).toEqual(valid);
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
