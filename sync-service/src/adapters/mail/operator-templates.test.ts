import { describe, expect, it } from 'vitest';
import { fiduciaryAttachedMail, mandateDecisionMail, recoveryRequestedMail, signUpReceivedMail } from './operator-templates.js';

describe("the operator's decisions by e-mail (R24, R27, R28, R10)", () => {
  it('R24: a rejection tells the fiduciary why, in French then English', () => {
    const mail = mandateDecisionMail({
      fiduciaryName: 'Alpes Conseil',
      clientName: 'Boulangerie Dupont',
      decision: 'rejected',
      reason: 'Procuration non signée',
      consoleUrl: 'https://console.example',
    });
    expect(mail.subject).toBe('Mandat refusé : Boulangerie Dupont / Mandate rejected: Boulangerie Dupont');
    expect(mail.text).toMatch(/Motif : Procuration non signée[\s\S]*Reason: Procuration non signée/);
  });

  it('R28: the client is told which fiduciary now acts for it, and how to end it', () => {
    const mail = fiduciaryAttachedMail({ fiduciaryName: 'Alpes Conseil', clientName: 'Boulangerie Dupont', consoleUrl: 'https://console.example' });
    expect(mail.text).toContain('Alpes Conseil agit désormais pour Boulangerie Dupont');
    expect(mail.text).toContain('https://console.example');
  });

  it('R10: the acknowledgement gives the deadline as people write dates', () => {
    expect(signUpReceivedMail({ registryName: 'HORLOGERIE SA', identifier: 'CHE-109.322.551', deadline: '2026-03-12' }).text).toMatch(
      /12\.03\.2026[\s\S]*12 March 2026/,
    );
  });

  it('R30: the current managers learn that a recovery was asked, by whom, and to tell the support if it is not legitimate, French then English', () => {
    const mail = recoveryRequestedMail({
      organizationName: 'Boulangerie Dupont',
      requesterName: 'Marc Rochat',
      requesterFunction: 'Administrateur',
      requesterEmail: 'marc.rochat@example.test',
      deadline: '2026-03-12',
    });
    expect(mail.subject).toBe('Demande de reprise : Boulangerie Dupont / Recovery requested: Boulangerie Dupont');
    expect(mail.text).toMatch(
      /Marc Rochat \(marc\.rochat@example\.test\), Administrateur[\s\S]*support[\s\S]*12\.03\.2026[\s\S]*English below[\s\S]*Marc Rochat \(marc\.rochat@example\.test\)[\s\S]*support[\s\S]*12 March 2026/,
    );
  });
});
