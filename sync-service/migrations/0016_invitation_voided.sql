-- R11, issue 14 item 9: an organization's closure voids its pending invitations (the link then says
-- the invitation is no longer valid, not that a manager withdrew it).
ALTER TABLE invitation
  DROP CONSTRAINT invitation_status_check,
  ADD CONSTRAINT invitation_status_check CHECK (status IN ('pending', 'accepted', 'revoked', 'voided'));
