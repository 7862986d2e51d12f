import { describe, expect, it } from 'vitest';
import {
  accessAnswerMail,
  accessRequestMail,
  accountActivatedMail,
  expiryReminderMail,
  formatDate,
  invitationMail,
  mailSecurityKeyChangedMail,
} from './templates.js';

describe('e-mail templates (R28): French first, then English', () => {
  it('R16: the invitation carries the link, its last day, and what activation will ask', () => {
    const mail = invitationMail({
      organizationName: 'Horlogerie Léman SA',
      inviterName: 'Léa Favre',
      link: 'http://x/activate#token=abc',
      expiresOn: '2026-05-10',
      asksMailSecurityKey: true,
      asksSecretAnswer: false,
    });
    expect(mail.subject).toBe('Invitation à rejoindre Horlogerie Léman SA / Invitation to join Horlogerie Léman SA');
    expect(mail.text.indexOf('Bonjour')).toBeLessThan(mail.text.indexOf('Hello'));
    expect(mail.text).toContain("jusqu'au 10.05.2026");
    expect(mail.text).toContain('until 10 May 2026');
    expect(mail.text.match(/http:\/\/x\/activate#token=abc/g)).toHaveLength(2);
    expect(mail.text).toContain('clé de sécurité courrier');
    expect(mail.text).not.toContain('réponse secrète');
  });

  it('R10: the invitation after a validated sign-up names no inviter and says the person is the legal representative', () => {
    const mail = invitationMail({
      organizationName: 'HORLOGERIE LÉMAN SA',
      inviterName: null,
      link: 'http://x/activate#token=abc',
      expiresOn: '2026-05-10',
      asksMailSecurityKey: false,
      asksSecretAnswer: false,
    });
    expect(mail.subject).toBe('Inscription validée : HORLOGERIE LÉMAN SA / Sign-up validated: HORLOGERIE LÉMAN SA');
    expect(mail.text).toContain("L'inscription de HORLOGERIE LÉMAN SA sur Procura est validée : vous en êtes le requérant.");
    expect(mail.text).not.toMatch(/null|vous invite/);
  });

  it('R16: the activation notice names the person; R19: the reminder names the day', () => {
    expect(accountActivatedMail({ organizationName: 'A SA', personName: '', personEmail: 'x@a.ch' }).text).toContain('x@a.ch a activé son accès à A SA.');
    const reminder = expiryReminderMail({
      organizationName: 'A SA',
      memberName: 'Jean Morel',
      memberEmail: 'j@a.ch',
      expiresOn: '2026-06-01',
      consoleUrl: 'http://c',
    });
    expect(reminder.subject).toBe("Échéance d'accès le 01.06.2026 : j@a.ch / Access ends on 01 June 2026: j@a.ch");
  });

  it('R23: the key change names who changed it, never the key', () => {
    const mail = mailSecurityKeyChangedMail({ organizationName: 'A SA', changedBy: 'Léa Favre', removed: false });
    expect(mail.subject).toBe('Clé de sécurité courrier modifiée : A SA / Mail security key changed: A SA');
    expect(mail.text).toContain('Léa Favre a changé la clé');
  });

  it('R22: the access request names the role asked and quotes the message', () => {
    const mail = accessRequestMail({
      organizationName: 'A SA',
      personName: 'Nina Keller',
      personEmail: 'n@a.ch',
      role: 'observer',
      message: 'Journal',
      consoleUrl: 'http://c',
    });
    expect(mail.subject).toBe("Demande d'accès d'observateur : A SA / Request for observer access: A SA");
    expect(mail.text).toContain('« Journal »');
  });

  it('R22: the answer tells the person who asked: the rights given with an approval, the reason of a refusal', () => {
    const approved = accessAnswerMail({
      organizationName: 'A SA',
      role: 'observer',
      answeredBy: 'Léa Favre',
      consoleUrl: 'http://c',
      rights: [{ fr: "Journal de l'entreprise : Consulter", en: 'Company journal: Read' }],
    });
    expect(approved.subject).toBe("Demande d'accès acceptée : A SA / Access request accepted: A SA");
    expect(approved.text).toContain("- Journal de l'entreprise : Consulter");
    expect(approved.text).toContain('- Company journal: Read');
    const refused = accessAnswerMail({
      organizationName: 'A SA',
      role: 'member',
      answeredBy: 'Léa Favre',
      consoleUrl: 'http://c',
      reason: 'Inconnu au bataillon',
    });
    expect(refused.subject).toBe("Demande d'accès refusée : A SA / Access request refused: A SA");
    expect(refused.text).toContain('Motif : « Inconnu au bataillon »');
    expect(refused.text).not.toContain('http://c');
  });

  it('dates do not move with the time zone', () => {
    expect(formatDate('2026-12-31', 'fr')).toBe('31.12.2026');
  });
});
