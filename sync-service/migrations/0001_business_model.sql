-- The business model: PostgreSQL is its source of truth; Keycloak holds a projection of it.
-- Forward-only: never edit an applied migration, add the next number instead.

CREATE TABLE organization (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  identifier_kind   text NOT NULL CHECK (identifier_kind IN ('affiliate', 'uid', 'siret', 'siren')),
  identifier        text NOT NULL,                       -- normalized form (R6)
  legal_name        text NOT NULL CHECK (btrim(legal_name) <> ''),
  type              text NOT NULL CHECK (type IN ('employer', 'fiduciary', 'prescriber', 'training_body', 'public_body', 'other')),
  category          text,                                -- immutable once set (R7)
  address           jsonb NOT NULL DEFAULT '{}'::jsonb,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (identifier_kind, identifier)                   -- R6
);

-- Branches, antennas and establishments, nested (R8). An antenna shares its parent's SIRET and so
-- has no identifier of its own; a branch may carry its own affiliate number.
CREATE TABLE unit (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id   uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  parent_unit_id    uuid REFERENCES unit (id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('branch', 'antenna', 'establishment')),
  name              text NOT NULL CHECK (btrim(name) <> ''),
  identifier_kind   text CHECK (identifier_kind IN ('affiliate', 'uid', 'siret', 'siren')),
  identifier        text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((identifier_kind IS NULL) = (identifier IS NULL)),
  CHECK (name !~ '^[a-z0-9-]+:'),                      -- such names are the projection's (grant, role, mandate groups)
  CHECK (kind <> 'antenna' OR identifier IS NULL)
);
CREATE INDEX unit_organization ON unit (organization_id);
CREATE UNIQUE INDEX unit_identifier ON unit (identifier_kind, identifier) WHERE identifier IS NOT NULL;

-- The service catalogue (realm-config/services.json): one OIDC client per service, rights = client roles.
CREATE TABLE service (
  id                 text PRIMARY KEY,
  label_fr           text NOT NULL,
  label_en           text NOT NULL,
  keycloak_client_id text UNIQUE
);

CREATE TABLE service_right (
  service_id text NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  id         text NOT NULL,
  label_fr   text NOT NULL,
  label_en   text NOT NULL,
  PRIMARY KEY (service_id, id)
);

-- R15: an organization grants rights only on the services it subscribed to.
CREATE TABLE subscription (
  organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  service_id      text NOT NULL REFERENCES service (id),
  starts_on       date NOT NULL DEFAULT current_date,
  ends_on         date,
  PRIMARY KEY (organization_id, service_id),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

-- R1: one person per e-mail, compared trimmed and case-insensitively.
CREATE TABLE person (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email            text NOT NULL,
  email_normalized text GENERATED ALWAYS AS (lower(btrim(email))) STORED UNIQUE,
  civility         text,
  given_name       text NOT NULL DEFAULT '',
  family_name      text NOT NULL DEFAULT '',
  phone            text,
  keycloak_user_id text UNIQUE,
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE membership (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id       uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  role            text NOT NULL CHECK (role IN ('legal_representative', 'deputy', 'manager', 'member', 'observer')),
  status          text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'deactivated', 'expired')),
  expires_on      date,                                -- R19
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, organization_id)
);
CREATE INDEX membership_organization ON membership (organization_id, status);

-- Rights per service, for the whole organization (unit_id NULL) or for one unit (R8, R13, R15).
CREATE TABLE membership_right (
  membership_id uuid NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
  service_id    text NOT NULL,
  right_id      text NOT NULL,
  unit_id       uuid REFERENCES unit (id) ON DELETE CASCADE,
  FOREIGN KEY (service_id, right_id) REFERENCES service_right (service_id, id),
  UNIQUE NULLS NOT DISTINCT (membership_id, service_id, right_id, unit_id)
);

-- R24–R27: a client organization's delegation to a fiduciary, backed by a power of attorney.
CREATE TABLE mandate (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fiduciary_id             uuid NOT NULL REFERENCES organization (id),
  client_id                uuid NOT NULL REFERENCES organization (id),
  status                   text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'active', 'rejected', 'ended')),
  power_of_attorney_ref    text NOT NULL,
  power_of_attorney_sha256 text NOT NULL,
  valid_from               date,
  valid_until              date,
  decided_at               timestamptz,
  decision_reason          text,
  created_at               timestamptz NOT NULL DEFAULT now(),
  CHECK (fiduciary_id <> client_id),
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
CREATE UNIQUE INDEX mandate_open ON mandate (fiduciary_id, client_id) WHERE status IN ('requested', 'active');
CREATE INDEX mandate_client ON mandate (client_id);

-- A fiduciary member assigned to a mandate (a delegate), with rights granted one by one (R25).
CREATE TABLE mandate_delegate (
  mandate_id    uuid NOT NULL REFERENCES mandate (id) ON DELETE CASCADE,
  membership_id uuid NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
  PRIMARY KEY (mandate_id, membership_id)
);

CREATE TABLE mandate_delegate_right (
  mandate_id    uuid NOT NULL,
  membership_id uuid NOT NULL,
  service_id    text NOT NULL,
  right_id      text NOT NULL,
  PRIMARY KEY (mandate_id, membership_id, service_id, right_id),
  FOREIGN KEY (mandate_id, membership_id) REFERENCES mandate_delegate (mandate_id, membership_id) ON DELETE CASCADE,
  FOREIGN KEY (service_id, right_id) REFERENCES service_right (service_id, id)
);

-- R32: every change, who, when, what, for which organization, before and after. No foreign keys:
-- the trail outlives the account and the organization (R18).
CREATE TABLE audit_entry (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  actor_person_id uuid,
  actor_label     text NOT NULL,
  organization_id uuid,
  action          text NOT NULL,
  subject_type    text NOT NULL,
  subject_id      text,
  before          jsonb,
  after           jsonb
);
CREATE INDEX audit_entry_organization ON audit_entry (organization_id, at DESC);

CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit entries are append-only (R32)' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();

-- The transactional outbox: written with the model in one transaction, drained by the reconciler.
CREATE TABLE outbox (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at   timestamptz NOT NULL DEFAULT now(),
  topic        text NOT NULL,
  aggregate_id text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  attempts     integer NOT NULL DEFAULT 0,
  available_at timestamptz NOT NULL DEFAULT now(),
  last_error   text,
  processed_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE processed_at IS NULL;
