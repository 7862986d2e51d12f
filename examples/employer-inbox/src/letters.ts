/** The inbox's letters (demo data): what an organization received from the services (PEP's « Vos courriers »). */
export interface Letter {
  readonly id: string;
  readonly organization: string;
  /** The branch, antenna or establishment it is addressed to; none: the organization itself. */
  readonly unit?: string;
  /**
   * The service that emitted it (a service id of the catalogue): only holders of that service's
   * `read` right for the organization may see it (decision 0046). The inbox's own letters
   * (`employer-inbox`) go to holders of the inbox's `read`.
   */
  readonly emittedBy: string;
  readonly sender: string;
  readonly subject: string;
  readonly receivedOn: string;
  /** It needs the employer's action: its readers are e-mailed « Action requise » once, when it arrives. */
  readonly actionRequired?: boolean;
}

/** Where letters come from: a real application reads its own store; the example makes them up. */
export type LetterStore = (organization: string, unit?: string) => readonly Letter[];

const demo = [
  { emittedBy: 'contributions', sender: 'Cotisations AVS', subject: 'Facture de cotisations', period: '2026-T3' },
  { emittedBy: 'employer-inbox', sender: 'Caisse de compensation', subject: 'Communication de la caisse', period: 'octobre 2026' },
  { emittedBy: 'insurance-certificates', sender: 'Attestations', subject: 'Attestation', period: '2026' },
] as const;

/**
 * Two or three demo letters for any organization, each naming it, so that a page that showed
 * another organization's letter would give itself away; each from another emitting service.
 */
export const demoLetters: LetterStore = (organization, unit) =>
  demo.slice(0, 2 + (organization.length % 2)).map((letter, index) => ({
    id: `${organization}-${unit ? `${unit.slice(0, 8)}-` : ''}${index + 1}`,
    organization,
    ...(unit ? { unit } : {}),
    emittedBy: letter.emittedBy,
    sender: letter.sender,
    subject: `${letter.subject} ${organization}${unit ? ` (unité ${unit.slice(0, 8)})` : ''} — ${letter.period}`,
    receivedOn: `2026-11-${String(10 + index * 4).padStart(2, '0')}`,
  }));
