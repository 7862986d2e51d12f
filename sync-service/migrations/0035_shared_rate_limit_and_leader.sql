-- Issue 18 items 1 and 2: several sync-service instances on one database (decisions 0056, 0057).
-- The public routes' rate limit counts here, not in each process's memory: one row per route and
-- client address holds the current window's count and end; a request counts itself with one
-- atomic upsert (the row's lock orders two instances' requests), so two instances together still
-- allow only the limit. Ended windows are deleted now and then by whichever instance sweeps.
CREATE UNLOGGED TABLE rate_limit_window (
  route text NOT NULL,
  client text NOT NULL,
  hits integer NOT NULL,
  ends_at timestamptz NOT NULL,
  PRIMARY KEY (route, client)
);
CREATE INDEX rate_limit_window_ends_at ON rate_limit_window (ends_at);

-- The periodic jobs (expiry reminders, erasure, the full reconcile) run on one instance per tick:
-- a tick takes the job's transaction-level advisory lock (pg_try_advisory_xact_lock) and runs only
-- if no instance ran the job within its interval, recorded here in the same transaction.
CREATE TABLE periodic_run (
  job text PRIMARY KEY,
  last_run_at timestamptz NOT NULL,
  ran_by text NOT NULL
);
