-- Issue 16 item 5 (R18, decision 0047): leaving for good.
-- A person is departed from the moment their last membership (active, deactivated, expired or a
-- pending invitation) is deleted, by whatever path; a new membership (an invitation) ends it. The
-- projection disables a departed person's Keycloak account (`login_disabled` records what it
-- applied, so that a return re-enables only what it disabled); after the retention period the
-- erasure job erases the person's data and leaves a pseudonym in the audit trail.
-- `departed_from`: the organization of the last membership (no reference: it may go), whose
-- reconciles apply the departure.
ALTER TABLE person
  ADD COLUMN departed_at timestamptz,
  ADD COLUMN departed_from uuid,
  ADD COLUMN login_disabled boolean NOT NULL DEFAULT false;
CREATE INDEX person_departed ON person (departed_at) WHERE departed_at IS NOT NULL;

CREATE FUNCTION membership_marks_departure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE person SET departed_at = NULL, departed_from = NULL WHERE id = NEW.person_id AND departed_at IS NOT NULL;
    RETURN NEW;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM membership WHERE person_id = OLD.person_id) THEN
    UPDATE person SET departed_at = now(), departed_from = OLD.organization_id WHERE id = OLD.person_id AND departed_at IS NULL;
    -- The console's own sessions of the person end with the last membership.
    DELETE FROM console_session WHERE person_id = OLD.person_id;
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER membership_departure AFTER INSERT OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_marks_departure();

-- The key of the erased people's pseudonyms (a keyed hash of the person's id): one per database,
-- made here, never shown. Without it nobody can tell which pseudonym stands for which former id.
CREATE TABLE pseudonym_key (
  only_one boolean PRIMARY KEY DEFAULT true CHECK (only_one),
  key      text NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
);
INSERT INTO pseudonym_key DEFAULT VALUES;

-- R32 still holds: audit entries are never deleted nor changed, except by the erasure (GDPR art. 17),
-- which may only rewrite an entry's actor label and before/after (the person's data becomes their
-- pseudonym), inside its own transaction that says so (`procura.audit_erasure`).
CREATE OR REPLACE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('procura.audit_erasure', true) = 'on'
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action AND NEW.subject_type = OLD.subject_type
     AND NEW.actor_person_id IS NOT DISTINCT FROM OLD.actor_person_id AND NEW.organization_id IS NOT DISTINCT FROM OLD.organization_id
     AND NEW.subject_id IS NOT DISTINCT FROM OLD.subject_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit entries are append-only (R32)' USING ERRCODE = 'insufficient_privilege';
END;
$$;
