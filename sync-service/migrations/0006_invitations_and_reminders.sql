-- R16, R17, R20: invitations. A manager invites a person (a pending membership); the person
-- activates it through an e-mailed link. Links are random tokens stored as their SHA-256 only, each
-- with its expiry; re-sending makes a new link and voids the old one (kept, so that an old link
-- says it was replaced rather than "unknown"). Revoking deletes the pending membership: the
-- invitation then keeps organization and e-mail for its answer and the list.
CREATE TABLE invitation (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  membership_id         uuid REFERENCES membership (id) ON DELETE SET NULL,
  email                 text NOT NULL,
  invited_by_person_id  uuid REFERENCES person (id) ON DELETE SET NULL,
  invited_by_label      text NOT NULL,
  status                text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'revoked')),
  -- R16 (Geneva): the answer the manager chose, scrypt-hashed; NULL when none is asked.
  secret_answer_hash    text,
  -- Wrong mail security keys or secret answers; at the limit the link stops working until re-sent.
  failed_attempts       integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  created_at            timestamptz NOT NULL DEFAULT now(),
  decided_at            timestamptz,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX invitation_organization ON invitation (organization_id, status);
CREATE UNIQUE INDEX invitation_pending ON invitation (membership_id) WHERE status = 'pending';

CREATE TABLE invitation_link (
  token_sha256   text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  invitation_id  uuid NOT NULL REFERENCES invitation (id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  voided_at      timestamptz            -- replaced by a newer link (R17)
);
CREATE UNIQUE INDEX invitation_link_current ON invitation_link (invitation_id) WHERE voided_at IS NULL;

-- R16, R23 (Geneva): the organization's mail security key, scrypt-hashed; NULL: none is asked.
ALTER TABLE organization ADD COLUMN mail_security_key_hash text;

-- R19: the expiry reminders sent, one per membership and expiry date (a renewal is a new cycle),
-- so that a restart, or two schedulers, never send one twice.
CREATE TABLE expiry_reminder (
  membership_id uuid NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
  expires_on    date NOT NULL,
  sent_at       timestamptz NOT NULL DEFAULT now(),
  recipients    text[] NOT NULL,
  PRIMARY KEY (membership_id, expires_on)
);
