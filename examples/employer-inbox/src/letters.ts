/** The inbox's letters (demo data): what an organization received from the services (PEP's « Vos courriers »). */
export interface Letter {
  readonly id: string;
  readonly organization: string;
  /** The branch, antenna or establishment it is addressed to; none: the organization itself. */
  readonly unit?: string;
  readonly sender: string;
  readonly subject: string;
  readonly receivedOn: string;
}

/** Where letters come from: a real application reads its own store; the example makes them up. */
export type LetterStore = (organization: string, unit?: string) => readonly Letter[];

const senders = ['Cotisations AVS', 'Déclaration des salaires', 'Attestations'];

/**
 * Two or three demo letters for any organization, each naming it, so that a page that showed
 * another organization's letter would give itself away.
 */
export const demoLetters: LetterStore = (organization, unit) =>
  senders.slice(0, 2 + (organization.length % 2)).map((sender, index) => ({
    id: `${organization}-${unit ? `${unit.slice(0, 8)}-` : ''}${index + 1}`,
    organization,
    ...(unit ? { unit } : {}),
    sender,
    subject: `${['Facture de cotisations', 'État de compte', 'Attestation'][index]} ${organization}${unit ? ` (unité ${unit.slice(0, 8)})` : ''} — ${['2026-T3', 'octobre 2026', '2026'][index]}`,
    receivedOn: `2026-11-${String(10 + index * 4).padStart(2, '0')}`,
  }));
