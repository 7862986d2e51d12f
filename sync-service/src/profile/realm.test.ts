import { describe, expect, it } from 'vitest';
import { loadProfile, type Profile } from './profile.js';
import { portalRealmAttributes, portalRealmTexts } from './realm.js';

const procura = loadProfile({ PROCURA_PROFILE: 'procura' });
const other: Profile = {
  ...procura,
  id: 'other',
  name: { fr: 'Portail Léman', en: 'Leman Portal' },
  look: { ...procura.look, colours: { primary: '#5a1e6e', onPrimary: '#ffffff', accent: '#a33b00' } },
};

describe("a portal's realm set-up (issue 17)", () => {
  it('gives the login theme the name per language and the colours of the profile', () => {
    expect(portalRealmAttributes(other)).toEqual({
      'procura.portal.name.fr': 'Portail Léman',
      'procura.portal.name.en': 'Leman Portal',
      'procura.portal.primary': '#5a1e6e',
      'procura.portal.onPrimary': '#ffffff',
      'procura.portal.accent': '#a33b00',
    });
  });

  it("says the portal's name, in each language, in the theme's texts that name the product, and only those", () => {
    const themes = {
      fr: { loginTitle: 'Connexion à Procura', doLogIn: 'Se connecter' },
      en: { loginTitle: 'Sign in to Procura', procuraMailFooter: 'Automatic message from Procura: Procura never asks.' },
    };
    expect(portalRealmTexts(other, themes)).toEqual({
      fr: { loginTitle: 'Connexion à Portail Léman' },
      en: { loginTitle: 'Sign in to Leman Portal', procuraMailFooter: 'Automatic message from Leman Portal: Leman Portal never asks.' },
    });
  });

  it("keeps an apostrophe of the portal's name: the texts are MessageFormat patterns, where it is written twice", () => {
    const inclusion: Profile = { ...other, name: { fr: "Les emplois de l'inclusion", en: "Inclusion's jobs" } };
    expect(portalRealmTexts(inclusion, { fr: { loginTitle: 'Connexion à Procura' }, en: { loginTitle: 'Sign in to Procura' } })).toEqual({
      fr: { loginTitle: "Connexion à Les emplois de l''inclusion" },
      en: { loginTitle: "Sign in to Inclusion''s jobs" },
    });
  });
});
