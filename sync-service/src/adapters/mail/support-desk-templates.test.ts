import { describe, expect, it } from 'vitest';
import { supportEmailChangeLinkMail, supportEmailChangeMail } from './support-desk-templates.js';

describe("the support desk's e-mails (issue 16 item 6): French first, then English", () => {
  it('R4: the old address learns that the support changes it, why, how to cancel and whom to call; the new one gets the link', () => {
    const contact = { email: 'support@procura.example', phone: '+41 21 555 01 23' };
    const mail = supportEmailChangeMail({
      newEmail: 'lea@new.ch',
      reason: 'Boîte perdue, appel du 6 décembre',
      cancelLink: 'http://c/email-change#cancel=xyz',
      expiresAt: new Date('2026-03-10T23:30:00Z'),
      contact,
    });
    expect(mail.subject).toBe('Le support change votre adresse de connexion / The support is changing your login address');
    expect(mail.text).toContain('Motif : Boîte perdue, appel du 6 décembre');
    expect(mail.text).toContain('Reason: Boîte perdue, appel du 6 décembre');
    expect(mail.text.match(/#cancel=xyz/g)).toHaveLength(2);
    expect(mail.text).toContain('contactez le support sans attendre : support@procura.example, +41 21 555 01 23.');
    expect(mail.text).toContain('11 mars 2026');
    const link = supportEmailChangeLinkMail({ newEmail: 'lea@new.ch', link: 'http://c/email-change#token=abc', expiresAt: new Date('2026-03-10T23:30:00Z') });
    expect(link.text).toMatch(/le support de Procura fait de lea@new\.ch l'adresse de connexion/);
    expect(link.text.match(/#token=abc/g)).toHaveLength(2);
  });
});
