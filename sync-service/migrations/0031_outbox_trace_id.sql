-- Issue 18 item 3: the trace id (W3C Trace Context) of the request that wrote the row, so that the
-- worker that applies it logs the same id and passes it on to Keycloak. Null for rows written
-- outside any request (the CLI, the scheduler) and for rows written before this migration.
ALTER TABLE outbox ADD COLUMN trace_id text;
