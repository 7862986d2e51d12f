-- Issue 21 item 4, decision 0070: the audit trail as a stream. An organization's managers (and the
-- operator, for the whole platform: organization_id NULL) register webhooks; each audit entry
-- written afterwards gets one delivery row per webhook that covers it, in the transaction that
-- wrote the entry (the trigger below), so nothing committed is missed and nothing rolled back is sent.
CREATE TABLE audit_webhook (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid REFERENCES organization (id) ON DELETE CASCADE,
  url             text NOT NULL,
  description     text,
  -- Standard Webhooks' symmetric secret (`whsec_` + base64): the worker signs with it, so it is kept.
  secret          text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL,
  revoked_at      timestamptz,
  -- After a failed delivery nothing is sent to it before this time (a backoff per webhook, not per entry).
  paused_until    timestamptz,
  failures        integer NOT NULL DEFAULT 0
);
CREATE INDEX audit_webhook_organization ON audit_webhook (organization_id) WHERE revoked_at IS NULL;

CREATE TABLE audit_delivery (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id     uuid NOT NULL REFERENCES audit_webhook (id) ON DELETE CASCADE,
  audit_entry_id bigint NOT NULL REFERENCES audit_entry (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  attempts       integer NOT NULL DEFAULT 0,
  last_status    integer,
  last_error     text,
  delivered_at   timestamptz,
  failed_at      timestamptz,
  UNIQUE (webhook_id, audit_entry_id)
);
CREATE INDEX audit_delivery_pending ON audit_delivery (id) WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX audit_delivery_log ON audit_delivery (webhook_id, id DESC);

CREATE FUNCTION audit_entry_to_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_delivery (webhook_id, audit_entry_id)
    SELECT id, NEW.id FROM audit_webhook
     WHERE revoked_at IS NULL AND (organization_id IS NULL OR organization_id = NEW.organization_id);
  IF FOUND THEN PERFORM pg_notify('procura_audit_delivery', ''); END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER audit_entry_to_webhooks AFTER INSERT ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_to_webhooks();
