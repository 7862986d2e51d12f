-- Issue 16 items 9 and 7 (decision 0050): one invitation for several organizations, and the
-- mandates a fiduciary employee is attached to at acceptance.
--
-- An invitation of several organizations is one row per organization (its membership, its role,
-- its rights, audited in that organization), the others pointing at the first, the one whose link
-- the e-mail carries: `bundle_id` is NULL on that first row and on every single invitation.
ALTER TABLE invitation ADD COLUMN bundle_id uuid REFERENCES invitation (id) ON DELETE CASCADE;
CREATE INDEX invitation_bundle_idx ON invitation (bundle_id) WHERE bundle_id IS NOT NULL;

-- R25, R26: the fiduciary's validated mandates chosen at the invitation, with the delegate rights
-- on each ([{serviceId, rightId}]); applied when the person accepts, in the same transaction.
CREATE TABLE invitation_mandate (
  invitation_id  uuid NOT NULL REFERENCES invitation (id) ON DELETE CASCADE,
  mandate_id     uuid NOT NULL REFERENCES mandate (id) ON DELETE CASCADE,
  rights         jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(rights) = 'array'),
  PRIMARY KEY (invitation_id, mandate_id)
);
