-- Issue 17, decision 0051: the portal profile a database was started with. Profiles differ on
-- what they let people do (who invites, which identifiers may repeat, which fields are fixed), so a
-- database made under one must not be run under another: the sync-service records its profile on
-- first start and refuses to start under another one.
CREATE TABLE portal_profile (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  profile     text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
