import { describe, expect, it } from 'vitest';
import { accountConfirmationMail, emailChangedMail, emailChangeLinkMail, handOverMail, serviceActivatedMail } from './account-templates.js';

describe('account and service e-mails (R4, R14, R15, R28): French first, then English', () => {
  it('R4: the link to the new address says when it expires, in Swiss time, and that nothing changes until then', () => {
    const mail = emailChangeLinkMail({
      personName: 'Léa Favre',
      newEmail: 'lea@new.ch',
      link: 'http://c/email-change#token=abc',
      expiresAt: new Date('2026-03-10T23:30:00Z'),
    });
    expect(mail.subject).toBe('Confirmez votre nouvelle adresse e-mail / Confirm your new e-mail address');
    expect(mail.text).toMatch(/^Bonjour,\n\nLéa Favre, vous avez demandé que lea@new\.ch/);
    expect(mail.text.match(/#token=abc/g)).toHaveLength(2);
    expect(mail.text).toContain('11 mars 2026'); // 00:30 in Zurich
    expect(emailChangeLinkMail({ personName: '', newEmail: 'x@y.ch', link: 'l', expiresAt: new Date() }).text).toContain('Vous avez demandé');
  });

  it('R4, R28: the old address learns the new one; R14: the former manager learns who took over, in which role', () => {
    expect(emailChangedMail({ oldEmail: 'a@x.ch', newEmail: 'b@x.ch' }).text).toContain('est désormais b@x.ch ; a@x.ch ne sert plus');
    const handOver = handOverMail({
      organizationName: 'A SA',
      formerName: 'Léa',
      formerEmail: 'l@a.ch',
      successorName: 'Marc Rochat',
      successorEmail: 'm@a.ch',
      role: { fr: 'gestionnaire', en: 'manager' },
    });
    expect(handOver.text).toContain('Marc Rochat (m@a.ch) est désormais gestionnaire de A SA');
    expect(handOver.text).toContain('Marc Rochat (m@a.ch) is now manager of A SA');
  });

  it('R15, R28: the activation names the service in each language and its first day', () => {
    const mail = serviceActivatedMail({
      organizationName: 'A SA',
      service: { fr: 'Cotisations', en: 'Contributions' },
      startsOn: '2026-04-01',
      activatedBy: 'l@a.ch',
      consoleUrl: 'http://c',
    });
    expect(mail.subject).toBe('Service activé : Cotisations pour A SA / Service activated: Contributions for A SA');
    expect(mail.text).toContain('à partir du 01.04.2026');
    expect(mail.text).toContain('from 01 April 2026');
  });

  it('R16: the confirmation names the login identifier and summarizes the details, in both languages; a missing phone or right is said', () => {
    const mail = accountConfirmationMail({
      email: 'ines@x.ch',
      personName: 'Inès Rochat',
      phone: null,
      organizationName: 'Carouge SA',
      role: { fr: 'membre', en: 'member' },
      rights: [],
    });
    expect(mail.subject).toBe('Votre compte est activé : Carouge SA / Your account is activated: Carouge SA');
    expect(mail.text).toContain('Votre identifiant de connexion : ines@x.ch');
    expect(mail.text).toContain('- Téléphone : (non renseigné)');
    expect(mail.text).toContain('  aucun pour le moment');
    expect(mail.text).toContain('- Role: member');
  });

  it('issue 16 item 3: the link to the new address names the manager who asked it', () => {
    const mail = emailChangeLinkMail({
      personName: 'Léa',
      newEmail: 'b@x.ch',
      link: 'https://c/l',
      expiresAt: new Date('2026-03-10T10:00:00Z'),
      requestedBy: 'Paul Favre (Carouge SA)',
    });
    expect(mail.text).toContain('Paul Favre (Carouge SA) a demandé que b@x.ch devienne votre adresse de connexion');
  });
});
