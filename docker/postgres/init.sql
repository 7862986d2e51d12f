-- Run once by the postgres image, on an empty data volume, in the database POSTGRES_DB as
-- POSTGRES_USER. Keycloak keeps its tables in the schema `keycloak` of the same database as the
-- business model (schema public), started with KC_DB_SCHEMA=keycloak, as the project's scripts do.
CREATE SCHEMA IF NOT EXISTS keycloak;
